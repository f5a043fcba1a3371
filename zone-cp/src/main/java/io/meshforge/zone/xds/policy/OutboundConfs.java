package io.meshforge.zone.xds.policy;

import io.meshforge.zone.xds.context.Destination;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The bound confs of one policy type for one proxy's outbound destinations ({@link
 * PolicyConfs#outbound(io.meshforge.zone.xds.context.ProxyContext, io.meshforge.model.ResourceType,
 * tools.jackson.databind.JsonNode, Class)}): looked up once per generator and proxy, then one map
 * lookup per destination in the table its mesh context shares between the proxies matching the same
 * rules.
 *
 * <p>Thread-safe: the table is a concurrent map whose values, once in, never change; two
 * generations resolving one destination at once keep the first conf put, so every proxy sees the
 * same conf instance for the same inputs (generators key shared refinements by that identity).
 *
 * @param <T> the conf record type
 */
final class OutboundConfs<T> {

  /** A resolved conf and the service it was resolved for (a cluster name's one in practice). */
  record Resolved(String service, Optional<?> conf) {}

  private final Class<T> confType;
  private final Map<String, Resolved> table;
  private final Function<Destination, Optional<T>> resolve;

  /**
   * @param table the mesh context's confs by cluster name, or {@code null} when this proxy's rules
   *     are not memoised ({@code PolicyConfs.MEMOISED_RULES}): then every lookup resolves
   * @param resolve resolves the conf of a destination: a pure function of it
   */
  OutboundConfs(
      Class<T> confType, Map<String, Resolved> table, Function<Destination, Optional<T>> resolve) {
    this.confType = confType;
    this.table = table;
    this.resolve = resolve;
  }

  /** Returns the conf for traffic to {@code destination}, empty when there is none. */
  Optional<T> of(Destination destination) {
    if (table == null) {
      return resolve.apply(destination);
    }
    String cluster = destination.clusterName();
    Resolved known = table.get(cluster);
    if (known == null) {
      Resolved resolved = new Resolved(destination.service(), resolve.apply(destination));
      known = table.putIfAbsent(cluster, resolved);
      if (known == null) {
        known = resolved;
      }
    }
    // The conf depends on the peer, a function of the cluster name and the service: a cluster name
    // with another service (not seen in practice) is resolved without the memo, not served stale.
    if (!known.service().equals(destination.service())) {
      return resolve.apply(destination);
    }
    return known.conf().map(confType::cast);
  }
}
