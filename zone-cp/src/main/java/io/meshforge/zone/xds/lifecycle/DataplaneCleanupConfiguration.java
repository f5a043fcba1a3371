package io.meshforge.zone.xds.lifecycle;

import io.meshforge.model.store.ResourceStore;
import io.meshforge.rest.InstanceInfo;
import io.meshforge.zone.config.ForgeZoneProperties;
import io.meshforge.zone.leader.Leadership;
import io.meshforge.zone.xds.XdsComponents;
import io.meshforge.zone.xds.server.XdsMetrics;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires {@link DataplaneCleanup} ({@code xds.dataplane.cleanup.*}): it joins the zone's leader
 * election once the context has started (the store is loaded by then) and leaves it on stop.
 */
@Configuration(proxyBeanMethods = false)
class DataplaneCleanupConfiguration {

  private static final Logger log = LoggerFactory.getLogger(DataplaneCleanupConfiguration.class);

  @Bean(destroyMethod = "shutdownNow")
  ScheduledExecutorService dataplaneCleanupScheduler() {
    return Executors.newSingleThreadScheduledExecutor(
        Thread.ofPlatform().name("dataplane-cleanup").daemon().factory());
  }

  @Bean
  DataplaneCleanup dataplaneCleanup(
      ResourceStore store,
      XdsComponents xds,
      InstanceInfo instance,
      ForgeZoneProperties config,
      XdsMetrics metrics,
      ScheduledExecutorService dataplaneCleanupScheduler) {
    ForgeZoneProperties.Cleanup cleanup = config.xds().dataplane().cleanup();
    return new DataplaneCleanup(
        store,
        xds.connectedProxies()::isConnected,
        instance.instanceId(),
        new DataplaneCleanup.Settings(cleanup.grace(), cleanup.interval()),
        Clock.systemUTC(),
        dataplaneCleanupScheduler,
        metrics.registry());
  }

  @Bean
  SmartLifecycle dataplaneCleanupParticipation(DataplaneCleanup cleanup, Leadership leadership) {
    return new SmartLifecycle() {
      private AutoCloseable participation;

      @Override
      public synchronized void start() {
        participation = leadership.participate(cleanup);
      }

      @Override
      public synchronized void stop() {
        if (participation != null) {
          try {
            participation.close();
          } catch (Exception e) {
            log.warn("Leaving the leader election failed", e);
          }
          participation = null;
        }
      }

      @Override
      public synchronized boolean isRunning() {
        return participation != null;
      }
    };
  }
}
