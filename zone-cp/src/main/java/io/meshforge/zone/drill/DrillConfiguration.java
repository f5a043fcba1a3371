package io.meshforge.zone.drill;

import io.meshforge.model.store.ResourceStore;
import io.meshforge.zone.config.ZoneName;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the drill traffic sampler. Keys: {@code drill.traffic.sample-interval} (default 250ms),
 * {@code drill.traffic.window} (samples kept, default 5m), {@code drill.traffic.idle} (a proxy
 * nobody asked about for this long is no longer sampled, default 10m).
 */
@Configuration(proxyBeanMethods = false)
class DrillConfiguration {

  @Bean(destroyMethod = "close")
  TrafficSampler trafficSampler(
      ZoneName zone,
      @Value("${drill.traffic.sample-interval:250ms}") Duration interval,
      @Value("${drill.traffic.window:5m}") Duration window,
      @Value("${drill.traffic.idle:10m}") Duration idle) {
    TrafficSampler sampler =
        new TrafficSampler(
            new HttpAdminClusters(interval.multipliedBy(2).plusMillis(500)),
            zone.value(),
            interval,
            window,
            idle,
            Clock.systemUTC());
    sampler.start();
    return sampler;
  }

  @Bean
  TrafficReport trafficReport(ResourceStore store, TrafficSampler sampler) {
    return new TrafficReport(store, sampler);
  }
}
