package io.meshforge.ca;

import io.meshforge.model.Resource;
import io.meshforge.model.ResourceTypes;
import io.meshforge.model.WellKnownLabels;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * {@code WorkloadIdentity} is who a leaf certificate speaks for: a mesh, the services a proxy
 * serves and the tags of its inbounds. Proxies with equal identities share a certificate.
 *
 * <p>The certificate carries, as URI SANs, {@code spiffe://<mesh>/<service>} for each service, then
 * {@code kuma://<tag>/<value>} for each tag value (services included as {@code kuma.io/service}):
 * RBAC matches {@code MeshService} sources on the first and {@code MeshSubset} sources on the
 * second.
 *
 * @param mesh the mesh
 * @param services the {@code kuma.io/service} values, sorted; at least one
 * @param tags every tag value of the inbounds, by tag key, sorted
 */
public record WorkloadIdentity(
    String mesh, SortedSet<String> services, SortedMap<String, SortedSet<String>> tags) {

  /** Checks the fields and takes sorted, unmodifiable copies of the collections. */
  public WorkloadIdentity {
    Objects.requireNonNull(mesh, "mesh");
    if (mesh.isEmpty()) {
      throw new IllegalArgumentException("a workload belongs to a mesh");
    }
    services = Collections.unmodifiableSortedSet(new TreeSet<>(services));
    if (services.isEmpty()) {
      throw new IllegalArgumentException("a workload serves at least one service");
    }
    TreeMap<String, SortedSet<String>> copy = new TreeMap<>();
    tags.forEach(
        (key, values) -> copy.put(key, Collections.unmodifiableSortedSet(new TreeSet<>(values))));
    copy.computeIfAbsent(WellKnownLabels.SERVICE, key -> new TreeSet<>());
    TreeSet<String> withServices = new TreeSet<>(copy.get(WellKnownLabels.SERVICE));
    withServices.addAll(services);
    copy.put(WellKnownLabels.SERVICE, Collections.unmodifiableSortedSet(withServices));
    tags = Collections.unmodifiableSortedMap(copy);
  }

  /**
   * Returns the identity of a workload serving one service, with no other tags.
   *
   * @param mesh the mesh
   * @param service the {@code kuma.io/service} value
   * @return the identity
   */
  public static WorkloadIdentity of(String mesh, String service) {
    return new WorkloadIdentity(mesh, new TreeSet<>(List.of(service)), new TreeMap<>());
  }

  /**
   * Returns the identity of a Dataplane: the services and tags of its {@code networking.inbound[]}.
   *
   * @param dataplane a {@code Dataplane} resource with at least one inbound service
   * @return the identity
   * @throws IllegalArgumentException when it is not a Dataplane or serves no service
   */
  public static WorkloadIdentity ofDataplane(Resource dataplane) {
    if (!dataplane.type().equals(ResourceTypes.DATAPLANE)) {
      throw new IllegalArgumentException("not a Dataplane: " + dataplane.key());
    }
    TreeSet<String> services = new TreeSet<>();
    TreeMap<String, SortedSet<String>> tags = new TreeMap<>();
    for (JsonNode inbound : dataplane.spec().path("networking").path("inbound")) {
      for (Map.Entry<String, JsonNode> tag : inbound.path("tags").properties()) {
        String value = tag.getValue().asString("");
        tags.computeIfAbsent(tag.getKey(), key -> new TreeSet<>()).add(value);
        if (tag.getKey().equals(WellKnownLabels.SERVICE)) {
          services.add(value);
        }
      }
    }
    return new WorkloadIdentity(dataplane.mesh(), services, tags);
  }

  /**
   * Returns the URI SANs of the certificate, in a stable order: SPIFFE IDs first, then tags.
   *
   * @return the URIs
   */
  public List<String> uriSans() {
    List<String> uris = new ArrayList<>();
    services.forEach(service -> uris.add(SpiffeIds.ofService(mesh, service)));
    tags.forEach((key, values) -> values.forEach(value -> uris.add(SpiffeIds.ofTag(key, value))));
    return uris;
  }
}
