package io.meshforge.model.spec;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * {@code MeshLoadBalancingStrategySpec} is the schema of a {@code MeshLoadBalancingStrategy} (under
 * {@code spec}). Sections: {@code to} only.
 *
 * @param targetRef which proxies are configured; {@code Mesh} when omitted
 * @param to strategies per destination
 */
public record MeshLoadBalancingStrategySpec(TargetRef targetRef, List<To> to)
    implements PolicySpec {

  /**
   * The strategy for a destination.
   *
   * @param targetRef the destination
   * @param defaults the strategy
   */
  public record To(@Required TargetRef targetRef, @Required @JsonProperty("default") Conf defaults)
      implements PolicyTo {}

  /**
   * A load-balancing strategy.
   *
   * @param localityAwareness zone preferences and cross-zone failover
   * @param loadBalancer the algorithm
   */
  public record Conf(LocalityAwareness localityAwareness, LoadBalancer loadBalancer) {}

  /**
   * Locality awareness.
   *
   * @param disabled turn it off
   * @param localZone preferences inside the local zone
   * @param crossZone failover to other zones
   */
  public record LocalityAwareness(Boolean disabled, LocalZone localZone, CrossZone crossZone) {}

  /**
   * Preferences inside the local zone.
   *
   * @param affinityTags tags endpoints should share with the client, by weight
   */
  public record LocalZone(List<AffinityTag> affinityTags) {}

  /**
   * An affinity tag.
   *
   * @param key the tag
   * @param weight its weight
   */
  public record AffinityTag(@Required String key, @Positive Integer weight) {}

  /**
   * Failover to other zones.
   *
   * @param failover ordered failover rules
   * @param failoverThreshold below this share of healthy local endpoints, failover starts
   */
  public record CrossZone(List<Failover> failover, FailoverThreshold failoverThreshold) {}

  /**
   * A failover rule.
   *
   * @param from the zones it applies to (all when unset)
   * @param to where traffic may go
   */
  public record Failover(FromZones from, @Required ToZones to) {}

  /**
   * Zones a failover rule applies to.
   *
   * @param zones the zones
   */
  public record FromZones(List<String> zones) {}

  /**
   * Where traffic may fail over to.
   *
   * @param type {@code Any}, {@code Only}, {@code AnyExcept} or {@code None}
   * @param zones the zones for {@code Only} and {@code AnyExcept}
   */
  public record ToZones(@Required FailoverType type, List<String> zones) {}

  /** Failover targets. */
  @SuppressWarnings("java:S115")
  public enum FailoverType {
    /** Any other zone. */
    Any,
    /** Only the listed zones. */
    Only,
    /** Any zone except the listed ones. */
    AnyExcept,
    /** No failover. */
    None
  }

  /**
   * The failover threshold.
   *
   * @param percentage share of healthy local endpoints
   */
  public record FailoverThreshold(@Required Percentage percentage) {}

  /**
   * The load-balancing algorithm.
   *
   * @param type the algorithm
   * @param leastRequest settings for {@code LeastRequest}
   * @param ringHash settings for {@code RingHash}
   * @param maglev settings for {@code Maglev}
   */
  public record LoadBalancer(
      @Required LoadBalancerType type,
      LeastRequest leastRequest,
      RingHash ringHash,
      Maglev maglev) {}

  /** Load-balancing algorithms. */
  @SuppressWarnings("java:S115")
  public enum LoadBalancerType {
    /** Round robin. */
    RoundRobin,
    /** Fewest active requests. */
    LeastRequest,
    /** Consistent hashing on a ring. */
    RingHash,
    /** Random. */
    Random,
    /** Maglev consistent hashing. */
    Maglev
  }

  /**
   * Least-request settings.
   *
   * @param choiceCount hosts sampled per pick
   * @param activeRequestBias how strongly active requests weigh
   */
  public record LeastRequest(@Range(min = 2) Integer choiceCount, IntOrString activeRequestBias) {}

  /**
   * Ring-hash settings.
   *
   * @param hashFunction {@code XXHash} or {@code MurmurHash2}
   * @param minRingSize the smallest ring
   * @param maxRingSize the largest ring
   * @param hashPolicies what is hashed
   */
  public record RingHash(
      HashFunction hashFunction,
      @Positive Integer minRingSize,
      @Positive Integer maxRingSize,
      List<HashPolicy> hashPolicies) {}

  /** Hash functions. */
  @SuppressWarnings("java:S115")
  public enum HashFunction {
    /** xxHash. */
    XXHash,
    /** MurmurHash2. */
    MurmurHash2
  }

  /**
   * Maglev settings.
   *
   * @param tableSize the lookup table size (a prime)
   * @param hashPolicies what is hashed
   */
  public record Maglev(@Positive Integer tableSize, List<HashPolicy> hashPolicies) {}

  /**
   * What a consistent hash is computed from.
   *
   * @param type the source
   * @param terminal stop at this policy when it produced a hash
   * @param header a request header
   * @param cookie a cookie
   * @param connection the connection
   * @param queryParameter a query parameter
   * @param filterState a filter-state key
   */
  public record HashPolicy(
      @Required HashPolicyType type,
      Boolean terminal,
      Named header,
      Cookie cookie,
      Connection connection,
      Named queryParameter,
      FilterState filterState) {}

  /** Hash sources. */
  @SuppressWarnings("java:S115")
  public enum HashPolicyType {
    /** A request header. */
    Header,
    /** A cookie. */
    Cookie,
    /** The connection (source IP). */
    Connection,
    /** The source IP. */
    SourceIP,
    /** A query parameter. */
    QueryParameter,
    /** A filter-state key. */
    FilterState
  }

  /**
   * A named input.
   *
   * @param name its name
   */
  public record Named(@Required String name) {}

  /**
   * A cookie input.
   *
   * @param name the cookie
   * @param ttl generate the cookie with this lifetime when missing
   * @param path the generated cookie's path
   */
  public record Cookie(@Required String name, GoDuration ttl, String path) {}

  /**
   * A connection input.
   *
   * @param sourceIP hash the source IP
   */
  public record Connection(Boolean sourceIP) {}

  /**
   * A filter-state input.
   *
   * @param key the key
   */
  public record FilterState(@Required String key) {}
}
