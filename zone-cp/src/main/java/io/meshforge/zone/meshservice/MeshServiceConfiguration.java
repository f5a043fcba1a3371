package io.meshforge.zone.meshservice;

import io.meshforge.model.store.ResourceStore;
import io.meshforge.model.store.ResourceView;
import io.meshforge.zone.config.ForgeZoneProperties;
import io.meshforge.zone.config.ZoneName;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Runs the MeshService generator once the zone's view is loaded. */
@Configuration(proxyBeanMethods = false)
class MeshServiceConfiguration {

  /** After a failed write the generators try again this much later. */
  private static final Duration RETRY = Duration.ofSeconds(5);

  // With PostgreSQL the change feed bean loads the view; asking for it orders the start after it.
  @Bean(destroyMethod = "close")
  MeshServiceGenerator meshServiceGenerator(
      ResourceStore store,
      ResourceView view,
      ZoneName zone,
      ForgeZoneProperties config,
      ObjectProvider<io.meshforge.store.postgres.PostgresChangeFeed> feed) {
    feed.ifAvailable(loaded -> {});
    return new MeshServiceGenerator(
            store, view, zone.value(), config.zone().meshServices().debounce(), RETRY)
        .start();
  }

  // Each zone computes the status of its MeshMultiZoneService copies (ADR 0022).
  @Bean(destroyMethod = "close")
  MultiZoneServiceStatusUpdater multiZoneServiceStatusUpdater(
      ResourceStore store,
      ResourceView view,
      ZoneName zone,
      ForgeZoneProperties config,
      ObjectProvider<io.meshforge.store.postgres.PostgresChangeFeed> feed) {
    feed.ifAvailable(loaded -> {});
    return new MultiZoneServiceStatusUpdater(
            store, view, zone.value(), config.zone().meshServices().debounce(), RETRY)
        .start();
  }
}
