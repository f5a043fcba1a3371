package io.meshforge.global.store;

import io.meshforge.model.store.ResourceStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;

/**
 * {@code meshforge-global migrate}: the store bean has applied the migrations by the time this
 * runs; it reports and closes the application.
 */
@Component
@ConditionalOnProperty(name = "forge.command", havingValue = "migrate")
class MigrateCommand implements ApplicationRunner {
  private static final Logger log = LoggerFactory.getLogger(MigrateCommand.class);
  private final ConfigurableApplicationContext context;

  MigrateCommand(ConfigurableApplicationContext context, ResourceStore store) {
    this.context = context;
  }

  @Override
  public void run(ApplicationArguments args) {
    log.info("The database is migrated.");
    context.close();
  }
}
