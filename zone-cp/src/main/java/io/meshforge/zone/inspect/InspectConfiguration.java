package io.meshforge.zone.inspect;

import io.meshforge.model.store.ResourceStore;
import io.meshforge.rest.inspect.ProxyAdmin;
import io.meshforge.zone.config.ForgeZoneProperties;
import io.meshforge.zone.xds.ProxyId;
import io.meshforge.zone.xds.XdsComponents;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the zone's {@link ProxyAdmin}: the inspect endpoints and global's KDS requests read the
 * Envoy admin of proxies connected to this instance's xDS server.
 */
@Configuration(proxyBeanMethods = false)
class InspectConfiguration {

  @Bean
  ProxyAdmin proxyAdmin(ForgeZoneProperties config, ResourceStore store, XdsComponents xds) {
    ForgeZoneProperties.Inspect inspect = config.inspect();
    return new ZoneProxyAdmin(
        store,
        key -> xds.connectedProxies().isConnected(new ProxyId(key.mesh(), key.name())),
        new EnvoyAdminClient(inspect.timeout(), inspect.limit()));
  }
}
