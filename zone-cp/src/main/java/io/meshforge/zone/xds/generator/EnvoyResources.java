package io.meshforge.zone.xds.generator;

import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.Secret;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code EnvoyResources} collects what generators produce for one proxy, per Envoy type, sorted by
 * name so the output (and its hash and golden files) never depends on generation order.
 *
 * <p>Two generators adding different resources under one name is a programming error (names come
 * from {@code EnvoyNames}) and fails; adding the same resource twice is harmless. Not thread-safe:
 * one generation fills one instance.
 */
public final class EnvoyResources {

  // Hash maps, sorted when read: generators look resources up and replace them several times
  // each (one per policy refinement), and a tree's string comparisons on names sharing long
  // prefixes ("outbound:127.0.0.1:...") cost more than sorting each type once at the end.
  private final Map<String, Listener> listeners = new HashMap<>();
  private final Map<String, Cluster> clusters = new HashMap<>();
  private final Map<String, ClusterLoadAssignment> endpoints = new HashMap<>();
  private final Map<String, RouteConfiguration> routes = new HashMap<>();
  private final Map<String, Secret> secrets = new HashMap<>();

  /** Adds a listener. */
  public EnvoyResources add(Listener listener) {
    put(listeners, listener.getName(), listener);
    return this;
  }

  /** Adds a cluster. */
  public EnvoyResources add(Cluster cluster) {
    put(clusters, cluster.getName(), cluster);
    return this;
  }

  /** Adds a ClusterLoadAssignment (named by its cluster). */
  public EnvoyResources add(ClusterLoadAssignment assignment) {
    put(endpoints, assignment.getClusterName(), assignment);
    return this;
  }

  /** Adds a route configuration. */
  public EnvoyResources add(RouteConfiguration route) {
    put(routes, route.getName(), route);
    return this;
  }

  /** Adds an SDS secret. */
  public EnvoyResources add(Secret secret) {
    put(secrets, secret.getName(), secret);
    return this;
  }

  /** Returns whether a cluster of that name was added (e.g. to share one between outbounds). */
  public boolean hasCluster(String name) {
    return clusters.containsKey(name);
  }

  /** Returns the cluster of that name, if one was added. */
  public Optional<Cluster> cluster(String name) {
    return Optional.ofNullable(clusters.get(name));
  }

  /** Returns the listener of that name, if one was added. */
  public Optional<Listener> listener(String name) {
    return Optional.ofNullable(listeners.get(name));
  }

  /** Returns the route configuration of that name, if one was added. */
  public Optional<RouteConfiguration> route(String name) {
    return Optional.ofNullable(routes.get(name));
  }

  /**
   * Replaces a cluster added earlier with a refined copy (policy generators run after the ones that
   * build the resource and shape it further).
   *
   * @throws IllegalStateException when no cluster of that name was added
   */
  public EnvoyResources replace(Cluster cluster) {
    replace(clusters, cluster.getName(), cluster);
    return this;
  }

  /** Returns the ClusterLoadAssignment of that cluster, if one was added. */
  public Optional<ClusterLoadAssignment> assignment(String cluster) {
    return Optional.ofNullable(endpoints.get(cluster));
  }

  /**
   * Replaces a ClusterLoadAssignment added earlier with a refined copy (e.g. localities moved to
   * other priorities by MeshLoadBalancingStrategy).
   *
   * @throws IllegalStateException when no assignment of that cluster was added
   */
  public EnvoyResources replace(ClusterLoadAssignment assignment) {
    replace(endpoints, assignment.getClusterName(), assignment);
    return this;
  }

  /**
   * Replaces a listener added earlier with a refined copy.
   *
   * @throws IllegalStateException when no listener of that name was added
   */
  public EnvoyResources replace(Listener listener) {
    replace(listeners, listener.getName(), listener);
    return this;
  }

  /**
   * Replaces a route configuration added earlier with a refined copy.
   *
   * @throws IllegalStateException when no route configuration of that name was added
   */
  public EnvoyResources replace(RouteConfiguration route) {
    replace(routes, route.getName(), route);
    return this;
  }

  /**
   * Returns a copy of these resources whose ClusterLoadAssignments are those of {@code endpoints}
   * (what {@code SidecarGenerator#generateEndpoints} gave) and whose other types are these ones.
   */
  public EnvoyResources withEndpointsOf(EnvoyResources endpoints) {
    EnvoyResources copy = new EnvoyResources();
    copy.listeners.putAll(listeners);
    copy.clusters.putAll(clusters);
    copy.routes.putAll(routes);
    copy.secrets.putAll(secrets);
    copy.endpoints.putAll(endpoints.endpoints);
    return copy;
  }

  /** Returns the listeners, sorted by name. */
  public List<Listener> listeners() {
    return sorted(listeners);
  }

  /** Returns the clusters, sorted by name. */
  public List<Cluster> clusters() {
    return sorted(clusters);
  }

  /** Returns the ClusterLoadAssignments, sorted by cluster name. */
  public List<ClusterLoadAssignment> endpoints() {
    return sorted(endpoints);
  }

  /** Returns the route configurations, sorted by name. */
  public List<RouteConfiguration> routes() {
    return sorted(routes);
  }

  /** Returns the secrets, sorted by name. */
  public List<Secret> secrets() {
    return sorted(secrets);
  }

  /** Returns every resource by Envoy type name, for printing and hashing. */
  public Map<String, List<? extends com.google.protobuf.Message>> byType() {
    Map<String, List<? extends com.google.protobuf.Message>> all = new TreeMap<>();
    all.put("clusters", clusters());
    all.put("endpoints", endpoints());
    all.put("listeners", listeners());
    all.put("routes", routes());
    all.put("secrets", secrets());
    return Collections.unmodifiableMap(all);
  }

  /**
   * Hands {@code action} every Envoy type name of {@link #byType()} with that type's resources in
   * no particular order: for readers whose result does not depend on the order (the versions hash
   * resources in an order of their own), without sorting each type by name.
   */
  public void forEachTypeUnordered(
      java.util.function.BiConsumer<String, Collection<? extends com.google.protobuf.Message>>
          action) {
    action.accept("clusters", Collections.unmodifiableCollection(clusters.values()));
    action.accept("endpoints", Collections.unmodifiableCollection(endpoints.values()));
    action.accept("listeners", Collections.unmodifiableCollection(listeners.values()));
    action.accept("routes", Collections.unmodifiableCollection(routes.values()));
    action.accept("secrets", Collections.unmodifiableCollection(secrets.values()));
  }

  /**
   * Returns the ClusterLoadAssignments in no particular order (see {@link #forEachTypeUnordered}).
   */
  public Collection<ClusterLoadAssignment> endpointsUnordered() {
    return Collections.unmodifiableCollection(endpoints.values());
  }

  /** The resources of one type, ordered by name. */
  private static <T> List<T> sorted(Map<String, T> map) {
    String[] names = map.keySet().toArray(String[]::new);
    java.util.Arrays.sort(names);
    Object[] resources = new Object[names.length];
    for (int i = 0; i < names.length; i++) {
      resources[i] = map.get(names[i]);
    }
    @SuppressWarnings("unchecked")
    List<T> list = (List<T>) List.of(resources);
    return list;
  }

  private static <T> void replace(Map<String, T> map, String name, T resource) {
    if (map.replace(name, resource) == null) {
      throw new IllegalStateException("no Envoy resource named " + name + " to replace");
    }
  }

  private static <T> void put(Map<String, T> map, String name, T resource) {
    T previous = map.putIfAbsent(name, resource);
    if (previous != null && !previous.equals(resource)) {
      throw new IllegalStateException("two different Envoy resources named " + name);
    }
  }
}
