package io.meshforge.zone.kds;

import io.meshforge.zone.config.ForgeZoneProperties;
import io.meshforge.zone.leader.AlwaysLeader;
import io.meshforge.zone.leader.Leadership;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The zone's KDS beans that exist whether or not a global is configured. */
@Configuration(proxyBeanMethods = false)
class KdsBeans {
  private static final Logger log = LoggerFactory.getLogger(KdsBeans.class);

  @Bean
  EpochGuard epochGuard(ForgeZoneProperties config) {
    EpochMemory memory = new FileEpochMemory(config.stateDir().resolve("global-epoch"));
    return new EpochGuard(memory, config.zone().global().epoch().accept());
  }

  /**
   * Until the PostgreSQL leader lease is wired in, every instance leads: run one zone-cp instance
   * per database.
   */
  @Bean
  @ConditionalOnMissingBean
  Leadership leadership(ForgeZoneProperties config) {
    if (!config.store().memory()) {
      log.warn(
          "No leader election yet: run a single zone-cp instance per PostgreSQL database, or"
              + " several would each connect to global");
    }
    return new AlwaysLeader();
  }
}
