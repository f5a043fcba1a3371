package io.meshforge.zone.xds.ingress;

import io.meshforge.model.Resource;
import io.meshforge.zone.xds.context.MeshContext;
import java.util.List;
import java.util.Objects;

/**
 * The input of a zone ingress proxy's generation: its ZoneIngress, the zone it serves (the zone of
 * every server name it routes) and the shared contexts of every mesh of the zone. Immutable.
 *
 * @param zoneIngress the proxy's ZoneIngress resource
 * @param zone this zone's name
 * @param meshes every mesh's context, in any order
 */
public record IngressContext(Resource zoneIngress, String zone, List<MeshContext> meshes) {

  /** Copies the mesh list and checks the parts are present. */
  public IngressContext {
    Objects.requireNonNull(zoneIngress, "zoneIngress");
    Objects.requireNonNull(zone, "zone");
    meshes = List.copyOf(meshes);
  }

  /** Returns the address the ingress listens on ({@code networking.address}, default 0.0.0.0). */
  public String address() {
    String address = zoneIngress.spec().path("networking").path("address").asString("");
    return address.isBlank() ? "0.0.0.0" : address;
  }

  /** Returns the port the ingress listens on ({@code networking.port}). */
  public int port() {
    return zoneIngress.spec().path("networking").path("port").asInt(0);
  }
}
