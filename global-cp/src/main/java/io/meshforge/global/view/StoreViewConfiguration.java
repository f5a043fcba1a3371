package io.meshforge.global.view;

import io.meshforge.global.config.ForgeGlobalProperties;
import io.meshforge.model.store.ResourceStore;
import io.meshforge.model.store.ResourceView;
import io.meshforge.store.postgres.ChangeFeedSettings;
import io.meshforge.store.postgres.ChangeSignal;
import io.meshforge.store.postgres.PostgresChangeFeed;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Keeps an in-memory {@link ResourceView} of the whole store, fed by the PostgreSQL change log. KDS
 * and token checks read from it, never from the database per request.
 *
 * <p>The feed is started and its first full read awaited while the context starts, so nothing that
 * reads the view (the KDS server above all: an empty view would mean "delete everything" to zones)
 * runs before it is loaded.
 */
@Configuration(proxyBeanMethods = false)
class StoreViewConfiguration {

  private static final Duration FIRST_SYNC = Duration.ofSeconds(60);

  @Bean
  ResourceView resourceView() {
    return new ResourceView();
  }

  // Depends on the store so the schema is migrated before the feed reads it.
  @Bean(destroyMethod = "close")
  PostgresChangeFeed changeFeed(
      DataSource dataSource,
      ResourceView view,
      ResourceStore store,
      ChangeSignal signal,
      ForgeGlobalProperties config)
      throws InterruptedException {
    ChangeFeedSettings defaults = ChangeFeedSettings.defaults();
    ChangeFeedSettings settings =
        new ChangeFeedSettings(
            config.store().postgres().poll(),
            defaults.resyncInterval(),
            defaults.reconnectBackoffMin(),
            defaults.reconnectBackoffMax(),
            defaults.retention(),
            defaults.pruneInterval(),
            defaults.batchSize(),
            defaults.resyncWindow(),
            defaults.maxPendingRevisions());
    PostgresChangeFeed feed = new PostgresChangeFeed(dataSource, view, settings, signal).start();
    if (!feed.awaitSynced(FIRST_SYNC)) {
      feed.close();
      throw new IllegalStateException(
          "the store's change feed did not load within " + FIRST_SYNC + "; is PostgreSQL up?");
    }
    return feed;
  }
}
