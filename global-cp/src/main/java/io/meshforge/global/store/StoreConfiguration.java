package io.meshforge.global.store;

import io.meshforge.global.config.ForgeGlobalProperties;
import io.meshforge.model.store.ResourceStore;
import io.meshforge.store.postgres.ChangeSignal;
import io.meshforge.store.postgres.DatabaseMigrator;
import io.meshforge.store.postgres.PostgresResourceStore;
import io.meshforge.store.postgres.StoreDatabase;
import java.time.Duration;
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

  /** How often the store's high-water mark is saved outside the database (ADR 0013). */
  private static final Duration HIGH_WATER_PERIOD = Duration.ofSeconds(5);

  @Bean(destroyMethod = "close")
  StoreDatabase storeDatabase(ForgeGlobalProperties config) {
    return StoreDatabase.open(config.store().postgres().settings(), config.state().dir());
  }

  @Bean
  DataSource dataSource(StoreDatabase database) {
    return database.dataSource();
  }

  @Bean
  DatabaseMigrator databaseMigrator(DataSource dataSource) {
    return new DatabaseMigrator(dataSource);
  }

  /** Raised by the store after each commit; wakes this process's change feed directly. */
  @Bean
  ChangeSignal changeSignal() {
    return new ChangeSignal();
  }

  @Bean
  ResourceStore resourceStore(
      DataSource dataSource,
      DatabaseMigrator migrator,
      ForgeGlobalProperties config,
      StoreDatabase database,
      ChangeSignal signal,
      @Value("${forge.command:run}") String command) {
    database.prepareSchema(migrator, config.store().migrate() || command.equals("migrate"));
    return new PostgresResourceStore(dataSource, signal);
  }

  /**
   * Detects a store put back to an earlier copy; rotates first when {@code store.epoch.rotate}
   * names the current epoch (the explicit step, so the detector then sees a new epoch, not a
   * rewind).
   */
  @Bean
  RestoredStoreDetector restoredStoreDetector(
      DataSource dataSource, ResourceStore migrated, ForgeGlobalProperties config) {
    StoreEpochRotation.retiring(config.store().epoch().rotate())
        .ifPresent(retiring -> StoreEpochRotation.rotate(dataSource, retiring));
    return new RestoredStoreDetector(dataSource, new HighWaterFile(config.state().dir()));
  }

  /** Saves the store's high-water mark every few seconds and at shutdown. */
  @Bean(destroyMethod = "close")
  HighWaterSaver highWaterSaver(RestoredStoreDetector detector) {
    return new HighWaterSaver(detector, HIGH_WATER_PERIOD);
  }

  /** Global's store epoch as advertised to zones; read (and checked for a rewind) at start. */
  @Bean
  StoreEpoch storeEpoch(RestoredStoreDetector detector) {
    StoreEpoch epoch = new StoreEpoch(detector);
    log.info("Store epoch (sent to zones): {}", epoch.current());
    return epoch;
  }
}
