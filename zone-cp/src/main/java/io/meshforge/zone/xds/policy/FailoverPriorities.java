package io.meshforge.zone.xds.policy;

import com.google.protobuf.UInt32Value;
import io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment;
import io.envoyproxy.envoy.config.endpoint.v3.LocalityLbEndpoints;
import io.meshforge.model.spec.MeshLoadBalancingStrategySpec.CrossZone;
import io.meshforge.model.spec.MeshLoadBalancingStrategySpec.Failover;
import io.meshforge.model.spec.MeshLoadBalancingStrategySpec.LocalityAwareness;
import io.meshforge.model.spec.MeshLoadBalancingStrategySpec.ToZones;
import io.meshforge.zone.xds.context.ZoneStates;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.TreeSet;

/**
 * {@code FailoverPriorities} places the localities of one ClusterLoadAssignment on Envoy priority
 * levels: the local zone's (no {@code locality.zone}) first, other zones' after it, as
 * MeshLoadBalancingStrategy {@code localityAwareness} and the zones' enabled flags say. Pure.
 *
 * <ul>
 *   <li>No policy: local 0, every remote zone 1 (what {@code ClusterGenerator} already built).
 *   <li>{@code disabled: true}: every locality at priority 0 (plain weighted load balancing).
 *   <li>{@code crossZone.failover[]} non-empty: rules apply in order, each only when its {@code
 *       from.zones} is unset or holds the local zone; a remote zone gets the rank (index + 1) of
 *       the first applicable rule whose {@code to} matches it ({@code Any}, {@code Only}, {@code
 *       AnyExcept}, {@code None}); a remote zone no rule matches gets no traffic (reference §6).
 *   <li>The local zone evacuated ({@code Zone.enabled: false} on global): its endpoints move behind
 *       every remote rank, a last resort used only when no other zone has healthy endpoints (ADR
 *       0020).
 *   <li>Ranks are compacted into consecutive priorities (0, 1, 2, ...), keeping their order.
 *   <li>{@code failoverThreshold.percentage} p sets {@code policy.overprovisioning_factor} to
 *       100·100/p, so the next priority takes over when less than p % of one is healthy.
 * </ul>
 */
final class FailoverPriorities {

  private FailoverPriorities() {}

  /**
   * Returns the assignment with its localities re-prioritised.
   *
   * @param assignment local endpoints at priority 0 without a locality zone, remote zones after
   * @param zones this zone's name and the disabled zones
   * @param awareness the policy's {@code localityAwareness}, or {@code null}
   */
  static ClusterLoadAssignment apply(
      ClusterLoadAssignment assignment, ZoneStates zones, LocalityAwareness awareness) {
    boolean flat = awareness != null && Boolean.TRUE.equals(awareness.disabled());
    List<Failover> rules = rules(awareness);
    List<LocalityLbEndpoints> kept = new ArrayList<>();
    List<Integer> ranks = new ArrayList<>();
    int maxRemote = 0;
    for (LocalityLbEndpoints locality : assignment.getEndpointsList()) {
      String zone = locality.getLocality().getZone();
      if (zone.isEmpty() || zone.equals(zones.local())) {
        kept.add(locality);
        ranks.add(-1); // placed below, once the remote ranks are known
        continue;
      }
      if (!zones.enabled(zone)) {
        continue;
      }
      OptionalInt rank = flat ? OptionalInt.of(0) : remoteRank(zone, zones.local(), rules);
      if (rank.isPresent()) {
        kept.add(locality);
        ranks.add(rank.getAsInt());
        maxRemote = Math.max(maxRemote, rank.getAsInt());
      }
    }
    int localRank = zones.localDisabled() ? maxRemote + 1 : 0;
    ranks.replaceAll(rank -> rank < 0 ? localRank : rank);
    List<Integer> distinct = new ArrayList<>(new TreeSet<>(ranks));
    ClusterLoadAssignment.Builder out = assignment.toBuilder().clearEndpoints();
    for (int i = 0; i < kept.size(); i++) {
      int priority = distinct.indexOf(ranks.get(i));
      out.addEndpoints(kept.get(i).toBuilder().setPriority(priority));
    }
    overprovisioning(awareness)
        .ifPresent(
            factor -> out.getPolicyBuilder().setOverprovisioningFactor(UInt32Value.of(factor)));
    return out.build();
  }

  /** The rank of a remote zone: 1 without rules, else the first matching applicable rule's. */
  static OptionalInt remoteRank(String zone, String local, List<Failover> rules) {
    if (rules.isEmpty()) {
      return OptionalInt.of(1);
    }
    for (int i = 0; i < rules.size(); i++) {
      Failover rule = rules.get(i);
      if (appliesFrom(rule, local) && matches(rule.to(), zone)) {
        return OptionalInt.of(i + 1);
      }
    }
    return OptionalInt.empty();
  }

  private static boolean appliesFrom(Failover rule, String local) {
    return rule.from() == null
        || rule.from().zones() == null
        || rule.from().zones().isEmpty()
        || rule.from().zones().contains(local);
  }

  private static boolean matches(ToZones to, String zone) {
    List<String> listed = to.zones() == null ? List.of() : to.zones();
    return switch (to.type()) {
      case Any -> true;
      case Only -> listed.contains(zone);
      case AnyExcept -> !listed.contains(zone);
      case None -> false;
    };
  }

  private static List<Failover> rules(LocalityAwareness awareness) {
    if (awareness == null || awareness.crossZone() == null) {
      return List.of();
    }
    List<Failover> rules = awareness.crossZone().failover();
    return rules == null ? List.of() : rules;
  }

  /** 100·100/p for a threshold of p % (Envoy's factor is a percentage: 140 means 1.4). */
  static OptionalInt overprovisioning(LocalityAwareness awareness) {
    CrossZone crossZone = awareness == null ? null : awareness.crossZone();
    if (crossZone == null || crossZone.failoverThreshold() == null) {
      return OptionalInt.empty();
    }
    double percentage = crossZone.failoverThreshold().percentage().value().doubleValue();
    if (percentage <= 0) {
      return OptionalInt.empty(); // never fail over early: keep Envoy's default
    }
    return OptionalInt.of((int) Math.round(100 * 100 / Math.min(percentage, 100)));
  }
}
