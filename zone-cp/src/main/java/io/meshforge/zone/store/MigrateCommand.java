package io.meshforge.zone.store;

import io.meshforge.zone.config.ForgeZoneProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;

/**
 * {@code meshforge-zone migrate}: the store bean has applied the migrations by the time this runs;
 * it reports and closes the application.
 */
@Component
@ConditionalOnProperty(name = "forge.command", havingValue = "migrate")
class MigrateCommand implements ApplicationRunner {
  private static final Logger log = LoggerFactory.getLogger(MigrateCommand.class);
  private final ConfigurableApplicationContext context;
  private final ForgeZoneProperties config;

  MigrateCommand(ConfigurableApplicationContext context, ForgeZoneProperties config) {
    this.context = context;
    this.config = config;
  }

  @Override
  public void run(ApplicationArguments args) {
    if (config.store().memory()) {
      log.info("store.type is memory: there is no database to migrate.");
    } else {
      log.info("The database is migrated.");
    }
    context.close();
  }
}
