package io.meshforge.global.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.meshforge.global.config.ForgeGlobalProperties;
import io.meshforge.model.store.ResourceStore;
import io.meshforge.store.postgres.DatabaseMigrator;
import io.meshforge.store.postgres.EmbeddedDatabase;
import io.meshforge.store.postgres.PostgresResourceStore;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the PostgreSQL store: an external database when {@code store.postgres.url} is set, else an
 * embedded one whose data lives in the state directory and survives restarts.
 *
 * <p>Migrations: the embedded database is ours, so it is always migrated. An external database is
 * migrated only when asked ({@code migrate} command or {@code --migrate}); otherwise an unmigrated
 * one stops the start with a message naming that command.
 */
@Configuration(proxyBeanMethods = false)
class StoreConfiguration {
  private static final Logger log = LoggerFactory.getLogger(StoreConfiguration.class);

  @Bean(destroyMethod = "close")
  StoreDatabase storeDatabase(ForgeGlobalProperties config) {
    ForgeGlobalProperties.Postgres pg = config.store().postgres();
    if (pg.url().isBlank()) {
      Path dataDir = config.state().dir().toAbsolutePath().resolve("postgres");
      log.info("No store.postgres.url configured: starting an embedded PostgreSQL in {}", dataDir);
      return new StoreDatabase.Embedded(new EmbeddedDatabase(dataDir, pg.pool()));
    }
    HikariConfig hikari = new HikariConfig();
    hikari.setPoolName("store");
    hikari.setMaximumPoolSize(pg.pool());
    hikari.setJdbcUrl(pg.url());
    hikari.setUsername(pg.username());
    hikari.setPassword(pg.password());
    // Fail fast when the database is down: requests get 503 quickly instead of hanging.
    hikari.setConnectionTimeout(3_000);
    return new StoreDatabase.External(new HikariDataSource(hikari));
  }

  @Bean
  DataSource dataSource(StoreDatabase database) {
    return database.dataSource();
  }

  @Bean
  DatabaseMigrator databaseMigrator(DataSource dataSource) {
    return new DatabaseMigrator(dataSource);
  }

  @Bean
  ResourceStore resourceStore(
      DataSource dataSource,
      DatabaseMigrator migrator,
      ForgeGlobalProperties config,
      StoreDatabase database,
      @Value("${forge.command:run}") String command) {
    if (database.embedded() || config.store().migrate() || command.equals("migrate")) {
      migrator.migrate();
    } else {
      migrator.requireMigrated();
    }
    return new PostgresResourceStore(dataSource);
  }
}
