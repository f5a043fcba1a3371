package io.meshforge.zone.ingress;

import io.meshforge.model.store.ResourceStore;
import io.meshforge.model.store.ResourceView;
import io.meshforge.zone.config.ZoneName;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Keeps the zone's ingresses' available services current once the zone's view is loaded. */
@Configuration(proxyBeanMethods = false)
class IngressConfiguration {

  // With PostgreSQL the change feed bean loads the view; asking for it orders the start after it.
  @Bean(destroyMethod = "close")
  AvailableServicesUpdater availableServicesUpdater(
      ResourceStore store,
      ResourceView view,
      ZoneName zone,
      io.meshforge.zone.config.ForgeZoneProperties config,
      ObjectProvider<io.meshforge.store.postgres.PostgresChangeFeed> feed) {
    feed.ifAvailable(loaded -> {});
    return new AvailableServicesUpdater(
            store, view, zone.value(), config.zone().ingress().debounce(), Duration.ofSeconds(5))
        .start();
  }
}
