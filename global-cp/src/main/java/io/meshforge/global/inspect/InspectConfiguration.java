package io.meshforge.global.inspect;

import io.meshforge.global.config.ForgeGlobalProperties;
import io.meshforge.kds.transport.GlobalKdsService;
import io.meshforge.model.store.ResourceStore;
import io.meshforge.rest.inspect.ProxyAdmin;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires global's {@link ProxyAdmin}: inspect requests (and drill traffic, ADR 0026) go to the
 * owning zone over KDS.
 */
@Configuration(proxyBeanMethods = false)
class InspectConfiguration {

  @Bean
  GlobalProxyAdmin proxyAdmin(
      ForgeGlobalProperties config, ResourceStore store, GlobalKdsService kds) {
    return new GlobalProxyAdmin(store, kds::envoyAdmin, config.inspect().timeout());
  }
}
