package io.meshforge.bench;

import io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment;
import io.envoyproxy.envoy.config.endpoint.v3.LbEndpoint;
import io.envoyproxy.envoy.config.endpoint.v3.LocalityLbEndpoints;
import java.util.function.ToIntFunction;

/**
 * {@code AssignmentLevels} reads one number, the "level", out of a decoded ClusterLoadAssignment:
 * what B5 watches grow and shrink as instances come and go.
 */
final class AssignmentLevels {

  private AssignmentLevels() {}

  /**
   * The number of this zone's endpoints (priority 0) whose address is in block {@code block}
   * ({@code 127.<block>.*}, see {@link MeshTopology#address}).
   */
  static ToIntFunction<ClusterLoadAssignment> localEndpoints(int block) {
    String prefix = "127." + block + ".";
    return cla -> {
      int count = 0;
      for (LocalityLbEndpoints locality : cla.getEndpointsList()) {
        if (locality.getPriority() != 0) {
          continue;
        }
        for (LbEndpoint endpoint : locality.getLbEndpointsList()) {
          String address = endpoint.getEndpoint().getAddress().getSocketAddress().getAddress();
          if (address.startsWith(prefix)) {
            count++;
          }
        }
      }
      return count;
    };
  }

  /**
   * The summed load-balancing weight of the endpoints in locality zone {@code zone}: for a remote
   * zone, its ingress endpoint(s) weighted by the instances it offers; 0 when it offers none.
   */
  static ToIntFunction<ClusterLoadAssignment> remoteWeight(String zone) {
    return cla -> {
      int weight = 0;
      for (LocalityLbEndpoints locality : cla.getEndpointsList()) {
        if (!locality.getLocality().getZone().equals(zone)) {
          continue;
        }
        for (LbEndpoint endpoint : locality.getLbEndpointsList()) {
          // Envoy's default for an unset weight is 1.
          weight +=
              endpoint.hasLoadBalancingWeight() ? endpoint.getLoadBalancingWeight().getValue() : 1;
        }
      }
      return weight;
    };
  }
}
