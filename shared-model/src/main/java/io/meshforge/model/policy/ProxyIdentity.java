package io.meshforge.model.policy;

import io.meshforge.model.Resource;
import io.meshforge.model.ResourceTypes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * {@code ProxyIdentity} describes the proxy whose policies are being computed: its mesh, the name
 * and labels of its Dataplane, and its inbounds.
 *
 * @param mesh the mesh the proxy belongs to
 * @param name the Dataplane name
 * @param labels the Dataplane's labels (what {@code targetRef.labels} selects on); sorted by key
 * @param inbounds the proxy's inbounds in the Dataplane's order
 */
public record ProxyIdentity(
    String mesh, String name, Map<String, String> labels, List<ProxyInbound> inbounds) {

  /** Checks the mesh and name and copies the collections into unmodifiable ones. */
  public ProxyIdentity {
    Objects.requireNonNull(mesh, "mesh");
    Objects.requireNonNull(name, "name");
    if (mesh.isEmpty()) {
      throw new IllegalArgumentException("a proxy belongs to a mesh: mesh must not be empty");
    }
    labels = Collections.unmodifiableMap(new TreeMap<>(labels == null ? Map.of() : labels));
    inbounds = List.copyOf(inbounds == null ? List.of() : inbounds);
  }

  /**
   * Describes the proxy of a stored or submitted {@code Dataplane} resource, reading its inbounds
   * from {@code networking.inbound[]} ({@code port}, {@code name}, {@code tags}). Inbounds without
   * a valid port are skipped: validation rejects them before they get here.
   *
   * @param dataplane a resource of type {@code Dataplane}
   * @return the proxy's description
   * @throws IllegalArgumentException when the resource is not a Dataplane
   */
  public static ProxyIdentity fromDataplane(Resource dataplane) {
    Objects.requireNonNull(dataplane, "dataplane");
    if (!dataplane.type().equals(ResourceTypes.DATAPLANE)) {
      throw new IllegalArgumentException("not a Dataplane: " + dataplane.key());
    }
    List<ProxyInbound> inbounds = new ArrayList<>();
    for (JsonNode inbound : dataplane.spec().path("networking").path("inbound")) {
      int port = inbound.path("port").asInt(0);
      if (port < 1 || port > 65535) {
        continue;
      }
      Map<String, String> tags = new TreeMap<>();
      for (Map.Entry<String, JsonNode> tag : inbound.path("tags").properties()) {
        tags.put(tag.getKey(), tag.getValue().asString());
      }
      inbounds.add(new ProxyInbound(port, inbound.path("name").asString(""), tags));
    }
    return new ProxyIdentity(dataplane.mesh(), dataplane.name(), dataplane.labels(), inbounds);
  }
}
