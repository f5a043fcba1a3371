package io.meshforge.zone.kds;

import io.meshforge.zone.config.ForgeZoneProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The zone's KDS beans that exist whether or not a global is configured. */
@Configuration(proxyBeanMethods = false)
class KdsBeans {
  @Bean
  EpochGuard epochGuard(ForgeZoneProperties config) {
    EpochMemory memory = new FileEpochMemory(config.stateDir().resolve("global-epoch"));
    return new EpochGuard(memory, config.zone().global().epoch().accept());
  }
}
