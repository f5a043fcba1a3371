package io.meshforge.zone.store;

import io.meshforge.model.store.LeaseSettings;
import io.meshforge.model.store.ResourceStore;
import io.meshforge.model.store.ResourceView;
import io.meshforge.rest.InstanceInfo;
import io.meshforge.store.postgres.ChangeFeedSettings;
import io.meshforge.store.postgres.ChangeSignal;
import io.meshforge.store.postgres.DatabaseMigrator;
import io.meshforge.store.postgres.PostgresChangeFeed;
import io.meshforge.store.postgres.PostgresLeaderElection;
import io.meshforge.store.postgres.PostgresResourceStore;
import io.meshforge.store.postgres.StoreDatabase;
import io.meshforge.zone.config.ForgeZoneProperties;
import io.meshforge.zone.leader.ElectedLeadership;
import io.meshforge.zone.leader.Leadership;
import io.meshforge.zone.leader.SharedLeadership;
import java.time.Duration;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The zone's PostgreSQL store ({@code store.type: postgres}, the default): an external database
 * when {@code store.postgres.url} is set, else an embedded one in the state directory. The view KDS
 * reads is fed by the change feed; the application does not finish starting (and so does not report
 * ready) before the feed has loaded the whole store (F13).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "store.type", havingValue = "postgres", matchIfMissing = true)
class PostgresStoreConfiguration {
  /** The name of the lease whose holder runs the zone's KDS client. */
  static final String LEASE = "zone-kds";

  private static final Logger log = LoggerFactory.getLogger(PostgresStoreConfiguration.class);

  @Bean(destroyMethod = "close")
  StoreDatabase storeDatabase(ForgeZoneProperties config) {
    return StoreDatabase.open(config.store().postgres().settings(), config.stateDir());
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
      ForgeZoneProperties config,
      StoreDatabase database,
      ChangeSignal signal,
      @Value("${forge.command:run}") String command) {
    database.prepareSchema(migrator, config.store().migrate() || command.equals("migrate"));
    return new PostgresResourceStore(dataSource, signal);
  }

  @Bean
  ResourceView resourceView() {
    return new ResourceView();
  }

  /** Starts the feed and waits until the view holds the whole store. */
  @Bean(destroyMethod = "close")
  PostgresChangeFeed changeFeed(
      DataSource dataSource,
      ResourceView view,
      ResourceStore store,
      ChangeSignal signal,
      ForgeZoneProperties config)
      throws InterruptedException {
    ChangeFeedSettings settings =
        ChangeFeedSettings.defaults().withPollInterval(config.store().postgres().poll());
    PostgresChangeFeed feed = new PostgresChangeFeed(dataSource, view, settings, signal).start();
    while (!feed.awaitSynced(Duration.ofSeconds(10))) {
      log.warn("Still loading the zone store from PostgreSQL; not ready until it is loaded");
    }
    log.info("Zone store loaded: {} resources", view.size());
    return feed;
  }

  /**
   * The leader-only work (KDS client, Dataplane cleanup) runs on one instance per zone database:
   * the holder of the {@code zone-kds} lease (L8).
   */
  @Bean
  Leadership leadership(
      DataSource dataSource,
      ResourceStore migrated,
      InstanceInfo instance,
      ForgeZoneProperties config) {
    LeaseSettings lease = LeaseSettings.ofLease(config.zone().leader().lease());
    return new SharedLeadership(
        new ElectedLeadership(
            () -> new PostgresLeaderElection(dataSource, LEASE, instance.instanceId(), lease)));
  }
}
