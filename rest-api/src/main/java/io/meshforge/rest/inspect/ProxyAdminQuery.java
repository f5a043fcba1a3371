package io.meshforge.rest.inspect;

import io.meshforge.model.ResourceKey;
import java.util.Objects;

/**
 * {@code ProxyAdminQuery} asks for one fixed piece of a proxy's Envoy admin data.
 *
 * @param proxy the proxy's resource (a Dataplane; ZoneIngress and ZoneEgress are named by type)
 *     under the name this control plane stores it by
 * @param kind what to read
 * @param includeEds for {@link EnvoyAdminKind#CONFIG_DUMP}: include the endpoints ({@code
 *     ?include_eds}); ignored otherwise
 */
public record ProxyAdminQuery(ResourceKey proxy, EnvoyAdminKind kind, boolean includeEds) {

  /** Checks the arguments. */
  public ProxyAdminQuery {
    Objects.requireNonNull(proxy, "proxy");
    Objects.requireNonNull(kind, "kind");
  }
}
