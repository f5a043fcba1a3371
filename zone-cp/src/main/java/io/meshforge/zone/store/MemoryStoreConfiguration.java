package io.meshforge.zone.store;

import io.meshforge.model.store.InMemoryResourceStore;
import io.meshforge.model.store.ResourceView;
import io.meshforge.model.store.SoleLeaderElection;
import io.meshforge.zone.leader.ElectedLeadership;
import io.meshforge.zone.leader.Leadership;
import io.meshforge.zone.leader.SharedLeadership;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The in-memory store ({@code store.type: memory}) for development: nothing survives a restart;
 * global's resources come back with the next sync. Its view is fed synchronously.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "store.type", havingValue = "memory")
class MemoryStoreConfiguration {
  private static final Logger log = LoggerFactory.getLogger(MemoryStoreConfiguration.class);

  @Bean
  InMemoryResourceStore resourceStore() {
    log.warn("store.type is memory: the zone's own resources are lost when it stops");
    return new InMemoryResourceStore();
  }

  @Bean
  ResourceView resourceView(InMemoryResourceStore store) {
    return store.view();
  }

  /** The in-memory store cannot be shared: its one instance always leads. */
  @Bean
  Leadership leadership() {
    return new SharedLeadership(
        new ElectedLeadership(() -> new SoleLeaderElection(PostgresStoreConfiguration.LEASE)));
  }
}
