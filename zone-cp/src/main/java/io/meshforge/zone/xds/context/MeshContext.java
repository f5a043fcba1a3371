package io.meshforge.zone.xds.context;

import io.meshforge.model.Resource;
import io.meshforge.model.ResourceType;
import io.meshforge.model.policy.Peer;
import io.meshforge.model.spec.DataplaneSpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * {@code MeshContext} is everything about one mesh that every proxy of the mesh shares: its
 * Dataplanes, the endpoint map (service to instances), the MeshServices resolved to destinations,
 * and its policies. It is computed once per change of the mesh and read by any number of proxy
 * generations at once: immutable, apart from the memo of {@link #shared}, which only ever holds
 * values that are pure functions of this context and their key.
 */
public final class MeshContext {

  private final String mesh;
  private final Resource meshResource;
  private final Map<String, Resource> dataplanes;
  private final Map<String, DataplaneSpec> dataplaneSpecs;
  private final Map<String, Destination> services;
  private final Map<String, Map<Integer, Destination>> meshServices;
  private final List<Resource> policies;
  private final Map<ResourceType, List<Resource>> policiesByType;
  private final Map<String, Peer> peersByCluster;
  private final MeshReach reach;

  /** The MeshExternalServices by their destination's cluster name (first by name on a tie). */
  private final Map<String, ExternalService> externalByCluster;

  /**
   * Values computed once per mesh change and shared by every proxy generation of the mesh (e.g. the
   * Envoy resources of a destination that are the same for every proxy reaching it). Lives as long
   * as this context: a mesh change builds a new context with an empty memo.
   */
  private final Map<Object, Object> shared = new ConcurrentHashMap<>();

  /** The values of {@link #shared}, by identity: what {@link #isShared} answers from. */
  private final Map<SameInstance, Boolean> sharedValues = new ConcurrentHashMap<>();

  // Set once in build, before the context is handed to any other thread (the reconciler publishes
  // contexts through concurrent structures); not a constructor argument so the constructor other
  // changes touch stays as it is.
  private ZoneStates zones = ZoneStates.NONE;

  private MeshContext(
      String mesh,
      Resource meshResource,
      Map<String, Resource> dataplanes,
      Map<String, DataplaneSpec> dataplaneSpecs,
      Map<String, Destination> services,
      Map<String, Map<Integer, Destination>> meshServices,
      List<Resource> policies,
      Map<String, Peer> peersByCluster,
      MeshReach reach) {
    this.mesh = mesh;
    this.meshResource = meshResource;
    this.dataplanes = dataplanes;
    this.dataplaneSpecs = dataplaneSpecs;
    this.services = services;
    this.meshServices = meshServices;
    this.policies = policies;
    Map<ResourceType, List<Resource>> byType = new HashMap<>();
    policies.forEach(p -> byType.computeIfAbsent(p.type(), t -> new ArrayList<>()).add(p));
    byType.replaceAll((type, list) -> List.copyOf(list));
    this.policiesByType = Map.copyOf(byType);
    this.peersByCluster = peersByCluster;
    this.reach = reach;
    // Looked up for every outbound of every proxy (DirectExternalServices): a map, not a scan.
    Map<String, ExternalService> byCluster = new HashMap<>();
    reach
        .externalServices()
        .values()
        .forEach(e -> byCluster.putIfAbsent(e.destination().clusterName(), e));
    this.externalByCluster = Map.copyOf(byCluster);
  }

  /**
   * Computes a mesh's context.
   *
   * @param mesh the mesh name
   * @param meshResource the Mesh, or {@code null} when the view does not hold it (yet)
   * @param dataplanes the mesh's Dataplanes
   * @param meshServices the mesh's MeshServices
   * @param policies the mesh's policies (any policy type), for the policy generators
   */
  public static MeshContext build(
      String mesh,
      Resource meshResource,
      Collection<Resource> dataplanes,
      Collection<Resource> meshServices,
      Collection<Resource> policies) {
    return build(mesh, meshResource, dataplanes, meshServices, policies, List.of());
  }

  /**
   * Computes a mesh's context, with the services other zones offer through their ingresses.
   *
   * @param mesh the mesh name
   * @param meshResource the Mesh, or {@code null} when the view does not hold it (yet)
   * @param dataplanes the mesh's Dataplanes
   * @param meshServices the mesh's MeshServices
   * @param policies the mesh's policies (any policy type), for the policy generators
   * @param zoneIngresses every ZoneIngress the zone knows; other zones' ones make the cross-zone
   *     endpoints of {@code kuma.io/service} destinations when the mesh has builtin mTLS (an
   *     ingress routes TLS on its server name and nothing else)
   */
  public static MeshContext build(
      String mesh,
      Resource meshResource,
      Collection<Resource> dataplanes,
      Collection<Resource> meshServices,
      Collection<Resource> policies,
      Collection<Resource> zoneIngresses) {
    return build(
        mesh,
        meshResource,
        dataplanes,
        meshServices,
        policies,
        zoneIngresses,
        ZoneEdges.NONE,
        ZoneStates.NONE);
  }

  /**
   * Computes a mesh's context, with the other zones' services, this zone's egresses, the mesh's
   * MeshExternalServices and MeshMultiZoneServices (ADR 0022) and the zones' enabled flags (ADR
   * 0020). When the mesh routes through the zone egress ({@code routing.zoneEgress} with builtin
   * mTLS), cross-zone endpoints are this zone's egresses, keeping each remote zone's server name.
   *
   * @param mesh the mesh name
   * @param meshResource the Mesh, or {@code null} when the view does not hold it (yet)
   * @param dataplanes the mesh's Dataplanes
   * @param meshServices the mesh's MeshServices
   * @param policies the mesh's policies (any policy type), for the policy generators
   * @param zoneIngresses every ZoneIngress the zone knows
   * @param edges this zone's egresses and the mesh's external and multi-zone services
   * @param zones this zone's name and the disabled zones; the ingresses of a disabled zone offer
   *     nothing (global stops re-broadcasting them too, this only does not wait for it)
   */
  public static MeshContext build(
      String mesh,
      Resource meshResource,
      Collection<Resource> dataplanes,
      Collection<Resource> meshServices,
      Collection<Resource> policies,
      Collection<Resource> zoneIngresses,
      ZoneEdges edges,
      ZoneStates zones) {
    Objects.requireNonNull(zones, "zones");
    List<Resource> enabledIngresses =
        zoneIngresses.stream()
            .filter(i -> zones.enabled(i.spec().path("zone").asString("")))
            .toList();
    MeshContext context =
        buildWithIngresses(
            mesh, meshResource, dataplanes, meshServices, policies, enabledIngresses, edges, zones);
    context.zones = zones;
    return context;
  }

  private static MeshContext buildWithIngresses(
      String mesh,
      Resource meshResource,
      Collection<Resource> dataplanes,
      Collection<Resource> meshServices,
      Collection<Resource> policies,
      Collection<Resource> zoneIngresses,
      ZoneEdges edges,
      ZoneStates zones) {
    Objects.requireNonNull(mesh, "mesh");
    Objects.requireNonNull(edges, "edges");
    Map<String, Resource> byName = new TreeMap<>();
    Map<String, DataplaneSpec> specs = new TreeMap<>();
    for (Resource dataplane : dataplanes) {
      byName.put(dataplane.name(), dataplane);
      DataplaneSpecs.dataplane(dataplane).ifPresent(spec -> specs.put(dataplane.name(), spec));
    }
    Map<String, List<ServiceEndpoint>> endpoints = LocalDestinations.endpointMap(specs);
    boolean mtls =
        meshResource != null && io.meshforge.ca.BuiltinBackend.enabledIn(meshResource).isPresent();
    Map<String, List<RemoteZoneEndpoint>> ingressEndpoints =
        mtls ? RemoteZones.endpoints(mesh, zoneIngresses) : Map.of();
    boolean throughEgress = EgressRouting.enabled(meshResource);
    List<EgressAddress> egresses = EgressRouting.localEgresses(edges.zoneEgresses(), edges.zone());
    Map<String, List<RemoteZoneEndpoint>> remote = new TreeMap<>(ingressEndpoints);
    if (throughEgress) {
      remote.replaceAll((service, viaIngress) -> EgressRouting.through(viaIngress, egresses));
    }
    java.util.Set<String> serviceNames = new java.util.TreeSet<>(endpoints.keySet());
    serviceNames.addAll(remote.keySet());
    Map<String, Destination> services = new TreeMap<>();
    for (String service : serviceNames) {
      services.put(
          service,
          LocalDestinations.legacyDestination(
              service,
              endpoints.getOrDefault(service, List.of()),
              remote.getOrDefault(service, List.of()),
              mtls ? LocalDestinations.remoteProtocols(mesh, service, zoneIngresses) : List.of()));
    }
    Map<String, Map<Integer, Destination>> resolved = new TreeMap<>();
    Map<String, Peer> peers = new HashMap<>();
    DataplanesByService candidates = new DataplanesByService(specs);
    for (Resource meshService : meshServices) {
      DataplaneSpecs.meshService(meshService)
          .ifPresent(spec -> {
            resolved.put(
                meshService.name(),
                LocalDestinations.ports(
                    mesh, meshService, spec, candidates.candidates(spec.selector())));
            peers.putAll(PolicyPeers.ofMeshService(mesh, meshService, spec));
          });
    }
    MeshReach reach =
        new MeshReach(
            throughEgress,
            egresses,
            throughEgress ? ingressEndpoints : Map.of(),
            ExternalServiceDestinations.resolve(
                mesh, edges.externalServices(), edges.zone(), throughEgress && mtls, egresses),
            MultiZoneServiceDestinations.resolve(
                mesh,
                edges.multiZoneServices(),
                meshServices,
                resolved,
                service -> remote.getOrDefault(service, List.of()),
                edges.zone(),
                zones));
    List<Resource> sortedPolicies = new ArrayList<>(policies);
    sortedPolicies.sort(
        java.util.Comparator.comparing((Resource r) -> r.type().name())
            .thenComparing(Resource::name));
    return new MeshContext(
        mesh,
        meshResource,
        Collections.unmodifiableMap(byName),
        Collections.unmodifiableMap(specs),
        Collections.unmodifiableMap(services),
        Collections.unmodifiableMap(resolved),
        List.copyOf(sortedPolicies),
        Map.copyOf(peers),
        reach);
  }

  /** Returns the mesh name. */
  public String mesh() {
    return mesh;
  }

  /** Returns the Mesh resource, if the view holds it. */
  public Optional<Resource> meshResource() {
    return Optional.ofNullable(meshResource);
  }

  /** Returns this zone's name and the zones disabled on global. */
  public ZoneStates zones() {
    return zones;
  }

  /** Returns a Dataplane of the mesh by name. */
  public Optional<Resource> dataplane(String name) {
    return Optional.ofNullable(dataplanes.get(name));
  }

  /** Returns a Dataplane's typed spec, if it has a usable one. */
  public Optional<DataplaneSpec> dataplaneSpec(String name) {
    return Optional.ofNullable(dataplaneSpecs.get(name));
  }

  /**
   * Returns the endpoint map of legacy services: {@code kuma.io/service} value to destination (with
   * every instance, healthy or not), sorted by service.
   */
  public Map<String, Destination> services() {
    return services;
  }

  /**
   * Returns the destination of a legacy {@code kuma.io/service}; a service nobody serves (yet) is a
   * TCP destination without endpoints, so an outbound to it keeps a stable listener.
   */
  public Destination service(String service) {
    Destination known = services.get(service);
    return known != null
        ? known
        : LocalDestinations.legacyDestination(service, List.of(), List.of(), List.of());
  }

  /**
   * Returns the destination of one port of a MeshService.
   *
   * @param name the MeshService name
   * @param port the service port, or {@code null} for its first port
   */
  public Optional<Destination> meshService(String name, Integer port) {
    Map<Integer, Destination> ports = meshServices.get(name);
    if (ports == null || ports.isEmpty()) {
      return Optional.empty();
    }
    if (port == null) {
      return Optional.of(ports.values().iterator().next());
    }
    return Optional.ofNullable(ports.get(port));
  }

  /**
   * Returns whether the mesh sends cross-zone and external traffic through this zone's egresses
   * ({@code routing.zoneEgress: true} with builtin mTLS).
   */
  public boolean routesThroughEgress() {
    return reach.throughEgress();
  }

  /** Returns this zone's egresses sidecars of the mesh can use, ordered by name. */
  public List<EgressAddress> egresses() {
    return reach.egresses();
  }

  /**
   * Returns, when the mesh routes through the egress, what the egress routes on: per {@code
   * kuma.io/service}, its endpoints in other zones as the remote ingresses (server name included);
   * empty otherwise.
   */
  public Map<String, List<RemoteZoneEndpoint>> egressRoutes() {
    return reach.egressRoutes();
  }

  /** Returns the mesh's MeshExternalServices by name. */
  public Map<String, ExternalService> externalServices() {
    return reach.externalServices();
  }

  /** Returns the MeshExternalService whose destination uses {@code clusterName}, if any. */
  public Optional<ExternalService> externalServiceByCluster(String clusterName) {
    return Optional.ofNullable(externalByCluster.get(clusterName));
  }

  /**
   * Returns the destination of one port of a MeshMultiZoneService.
   *
   * @param name the MeshMultiZoneService name
   * @param port the service port, or {@code null} for its first port
   */
  public Optional<Destination> multiZoneService(String name, Integer port) {
    Map<Integer, Destination> ports = reach.multiZoneServices().get(name);
    if (ports == null || ports.isEmpty()) {
      return Optional.empty();
    }
    return Optional.ofNullable(port == null ? ports.values().iterator().next() : ports.get(port));
  }

  /**
   * Returns the mesh's policies of one type, ordered by name: the candidates the policy matcher
   * reads for each proxy, grouped once per mesh change rather than filtered per proxy.
   */
  public List<Resource> policies(ResourceType type) {
    return policiesByType.getOrDefault(type, List.of());
  }

  /**
   * Returns what {@code to[].targetRef} entries are matched against for a destination: one port of
   * a MeshService (by port name or number, with the MeshService's labels), or a legacy {@code
   * kuma.io/service} as a {@code MeshService} of that name.
   */
  public Peer peer(Destination destination) {
    Peer known = peersByCluster.get(destination.clusterName());
    return known != null ? known : PolicyPeers.ofService(destination.service());
  }

  /**
   * Returns the value shared under {@code key} by every proxy generation of this context, computing
   * it on first use. The value must be a pure function of this context and the key (the key holds
   * everything else it depends on) and immutable, e.g. a protobuf message: then a proxy gets the
   * same result whether it computed it or another one did, and generations may share it across
   * threads. Two generations computing the same key at once may both compute it; one result wins
   * and both get it, so equal inputs always give the very same instance.
   *
   * @param key what the value depends on besides this context, with value equality
   * @param compute computes the value; it must not call this method (it may run concurrently)
   */
  @SuppressWarnings("unchecked")
  public <T> T shared(Object key, Supplier<T> compute) {
    Object known = shared.get(key);
    if (known == null) {
      Object computed = Objects.requireNonNull(compute.get(), "shared value");
      known = shared.putIfAbsent(key, computed);
      if (known == null) {
        known = computed;
        sharedValues.put(new SameInstance(computed), Boolean.TRUE);
      }
    }
    return (T) known;
  }

  /**
   * Returns the value {@link #shared} holds under {@code key}, or {@code null} when none was
   * computed yet: a lookup without a compute step, for callers that must decide whether a value is
   * worth sharing only when it is not there already.
   *
   * @param key what the value depends on besides this context, with value equality
   */
  @SuppressWarnings("unchecked")
  public <T> T sharedIfPresent(Object key) {
    return (T) shared.get(key);
  }

  /**
   * Returns whether {@code value} is the very instance {@link #shared} holds under some key: a
   * value built from it may be worth sharing too, one built for a single proxy is not (sharing it
   * would only fill the memo with one entry per proxy).
   */
  public boolean isShared(Object value) {
    return sharedValues.containsKey(new SameInstance(value));
  }

  /**
   * Returns whether this context differs from {@code previous} at most in the endpoints of its
   * destinations ({@link DestinationShape}): same Mesh, policies, zones, destinations (services,
   * MeshService and MeshMultiZoneService ports, MeshExternalServices, egresses) and policy peers.
   * Then a sidecar whose own Dataplane did not change needs new ClusterLoadAssignments only ({@code
   * ResourceGenerator#generateEndpoints}). Dataplanes themselves are not compared: a proxy whose
   * Dataplane changed is regenerated whole by the caller.
   *
   * <p>Which remote zones offer a destination is an endpoint matter too (their server names are
   * endpoint hostnames, ADR 0032). The routes of the zone egress ({@link #egressRoutes}) are not
   * compared: only the egress proxy is built from them, and it is regenerated whole on any change.
   *
   * @param previous the context this one replaces
   */
  public boolean sameExceptEndpoints(MeshContext previous) {
    return mesh.equals(previous.mesh)
        && Objects.equals(meshResource, previous.meshResource)
        && policies.equals(previous.policies)
        && zones.equals(previous.zones)
        && ReachableMeshServices.same(previous, this)
        && reach.throughEgress() == previous.reach.throughEgress()
        && reach.egresses().equals(previous.reach.egresses())
        && reach.externalServices().equals(previous.reach.externalServices())
        && DestinationShape.of(services).equals(DestinationShape.of(previous.services))
        && DestinationShape.ofPorts(reach.multiZoneServices())
            .equals(DestinationShape.ofPorts(previous.reach.multiZoneServices()));
  }

  /** The typed specs of the mesh's Dataplanes, by name ({@link ReachableMeshServices}). */
  Map<String, DataplaneSpec> dataplaneSpecs() {
    return dataplaneSpecs;
  }

  /** The MeshService destinations by name and port ({@link ReachableMeshServices}). */
  Map<String, Map<Integer, Destination>> meshServices() {
    return meshServices;
  }

  /** The policy peers by destination cluster name ({@link ReachableMeshServices}). */
  Map<String, Peer> peersByCluster() {
    return peersByCluster;
  }

  /** Returns the mesh's policies ordered by type and name. */
  public List<Resource> policies() {
    return policies;
  }
}
