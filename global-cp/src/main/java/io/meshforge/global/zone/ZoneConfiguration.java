package io.meshforge.global.zone;

import io.meshforge.global.config.ForgeGlobalProperties;
import io.meshforge.model.store.ResourceStore;
import io.meshforge.model.store.ResourceView;
import io.meshforge.rest.InstanceInfo;
import io.meshforge.store.postgres.PostgresChangeFeed;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the zone registry and zone insights (flushed on their own thread). */
@Configuration(proxyBeanMethods = false)
class ZoneConfiguration {

  @Bean
  ZoneRegistry zoneRegistry(ResourceStore store, ResourceView view, PostgresChangeFeed feed) {
    return new ZoneRegistry(store, view);
  }

  @Bean
  ZoneInsights zoneInsights(
      ResourceStore store, ResourceView view, InstanceInfo instance, ForgeGlobalProperties config) {
    return new ZoneInsights(
        store, view, instance.instanceId(), Clock.systemUTC(), config.kds().zone().timeout());
  }

  @Bean(destroyMethod = "shutdownNow")
  ScheduledExecutorService zoneInsightFlusher(ZoneInsights insights, ForgeGlobalProperties config) {
    ScheduledExecutorService flusher =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("zone-insight-flush").daemon().factory());
    long period = Math.max(1, config.kds().insight().flush().toMillis());
    flusher.scheduleWithFixedDelay(insights::flush, period, period, TimeUnit.MILLISECONDS);
    return flusher;
  }
}
