package io.meshforge.zone.xds.policy;

import com.google.protobuf.UInt32Value;
import io.envoyproxy.envoy.config.core.v3.Locality;
import io.envoyproxy.envoy.config.core.v3.SocketAddress;
import io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment;
import io.envoyproxy.envoy.config.endpoint.v3.LbEndpoint;
import io.envoyproxy.envoy.config.endpoint.v3.LocalityLbEndpoints;
import io.meshforge.model.spec.MeshLoadBalancingStrategySpec.AffinityTag;
import io.meshforge.zone.xds.context.ServiceEndpoint;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code LocalAffinity} applies MeshLoadBalancingStrategy {@code localZone.affinityTags} (ADR
 * 0026): the local zone's endpoints (priority 0, no {@code locality.zone}) are split into sub-zone
 * localities {@code <key>=<value>}, one per affinity tag, holding the endpoints whose tag {@code
 * key} equals the client's own value; an endpoint joins the first tag (in the policy's order) it
 * shares. The endpoints sharing none stay in a locality of their own with weight 1.
 *
 * <p>Weights are Envoy locality weights within the local priority (the cluster needs {@code
 * locality_weighted_lb_config}): the policy's {@code weight}s when every tag has one, else Kuma's
 * defaults 9·10^(n−i−1) for the i-th of n tags, so the first tag gets about 90 % of the traffic,
 * the second about 9 %, and so on. A tag the client does not carry, or that no endpoint shares,
 * gives no locality. Remote zones' localities are left as they are (failover stays on priorities).
 * Pure.
 *
 * <p>The result has weighted localities whatever the endpoints are, even when none shares a tag
 * with the client (then one local locality of weight {@link #REST_WEIGHT}): the cluster's {@code
 * locality_weighted_lb_config} then follows from the policy alone, so an endpoint change never
 * changes the cluster and the reconciler may send new endpoints only (EDS alone).
 */
final class LocalAffinity {

  /** The weight of the local endpoints that share no affinity tag with the client. */
  static final int REST_WEIGHT = 1;

  private LocalAffinity() {}

  /**
   * Returns the assignment with its local locality split by affinity.
   *
   * @param assignment local endpoints without a locality zone, remote zones after them
   * @param endpoints the destination's local endpoints, whose tags are matched (by address/port)
   * @param client the client's own tags (its inbounds' tags; the first inbound carrying a key wins)
   * @param tags the policy's affinity tags, in order
   * @return the assignment with weighted localities (one local locality of weight {@link
   *     #REST_WEIGHT} when no endpoint shares a tag with the client)
   */
  static ClusterLoadAssignment apply(
      ClusterLoadAssignment assignment,
      Collection<ServiceEndpoint> endpoints,
      Map<String, String> client,
      List<AffinityTag> tags) {
    Map<String, Map<String, String>> tagsByAddress = new HashMap<>();
    for (ServiceEndpoint endpoint : endpoints) {
      tagsByAddress.put(endpoint.address() + ":" + endpoint.port(), endpoint.tags());
    }
    List<Long> weights = weights(tags);
    Map<Integer, List<LbEndpoint>> groups = new LinkedHashMap<>();
    List<LbEndpoint> rest = new ArrayList<>();
    List<LocalityLbEndpoints> remote = new ArrayList<>();
    for (LocalityLbEndpoints locality : assignment.getEndpointsList()) {
      if (!locality.getLocality().getZone().isEmpty()) {
        remote.add(weighted(locality));
        continue;
      }
      for (LbEndpoint endpoint : locality.getLbEndpointsList()) {
        Map<String, String> own = tagsByAddress.getOrDefault(key(endpoint), Map.of());
        int group = firstShared(tags, client, own);
        if (group < 0) {
          rest.add(endpoint);
        } else {
          groups.computeIfAbsent(group, g -> new ArrayList<>()).add(endpoint);
        }
      }
    }
    ClusterLoadAssignment.Builder out = assignment.toBuilder().clearEndpoints();
    for (int i = 0; i < tags.size(); i++) {
      List<LbEndpoint> members = groups.get(i);
      if (members != null) {
        String key = tags.get(i).key();
        out.addEndpoints(local(key + "=" + client.get(key), weights.get(i), members));
      }
    }
    if (!rest.isEmpty()) {
      out.addEndpoints(local("", REST_WEIGHT, rest));
    }
    out.addAllEndpoints(remote);
    return out.build();
  }

  /** The policy's weights when all are set, else 9·10^(n−i−1) (capped to Envoy's uint32). */
  static List<Long> weights(List<AffinityTag> tags) {
    boolean explicit = tags.stream().allMatch(t -> t.weight() != null);
    List<Long> weights = new ArrayList<>();
    for (int i = 0; i < tags.size(); i++) {
      if (explicit) {
        weights.add((long) tags.get(i).weight());
      } else {
        BigInteger weight = BigInteger.valueOf(9).multiply(BigInteger.TEN.pow(tags.size() - i - 1));
        weights.add(weight.min(BigInteger.valueOf(0xFFFF_FFFFL)).longValue());
      }
    }
    return weights;
  }

  private static int firstShared(
      List<AffinityTag> tags, Map<String, String> client, Map<String, String> endpoint) {
    for (int i = 0; i < tags.size(); i++) {
      String value = client.get(tags.get(i).key());
      if (value != null && value.equals(endpoint.get(tags.get(i).key()))) {
        return i;
      }
    }
    return -1;
  }

  private static LocalityLbEndpoints local(String subZone, long weight, List<LbEndpoint> members) {
    return LocalityLbEndpoints.newBuilder()
        .setLocality(Locality.newBuilder().setSubZone(subZone))
        .setLoadBalancingWeight(UInt32Value.of((int) weight))
        .addAllLbEndpoints(members)
        .build();
  }

  /** A remote locality weighted by its endpoints' weights (each 1 when unset), as before. */
  private static LocalityLbEndpoints weighted(LocalityLbEndpoints locality) {
    if (locality.hasLoadBalancingWeight()) {
      return locality;
    }
    long total = 0;
    for (LbEndpoint endpoint : locality.getLbEndpointsList()) {
      total += endpoint.hasLoadBalancingWeight() ? endpoint.getLoadBalancingWeight().getValue() : 1;
    }
    return locality.toBuilder()
        .setLoadBalancingWeight(UInt32Value.of((int) Math.min(Math.max(total, 1), 0xFFFF_FFFFL)))
        .build();
  }

  private static String key(LbEndpoint endpoint) {
    SocketAddress address = endpoint.getEndpoint().getAddress().getSocketAddress();
    return address.getAddress() + ":" + address.getPortValue();
  }
}
