package io.meshforge.zone.xds.egress;

import io.meshforge.model.Resource;
import io.meshforge.zone.xds.context.MeshContext;
import java.util.List;
import java.util.Objects;

/**
 * The input of a zone egress proxy's generation: its ZoneEgress and the shared contexts of every
 * mesh of the zone (each knows whether it routes through the egress, its cross-zone routes and its
 * external services). Immutable.
 *
 * @param zoneEgress the proxy's ZoneEgress resource
 * @param meshes every mesh's context, in any order
 */
public record EgressContext(Resource zoneEgress, List<MeshContext> meshes) {

  /** Copies the mesh list and checks the parts are present. */
  public EgressContext {
    Objects.requireNonNull(zoneEgress, "zoneEgress");
    meshes = List.copyOf(meshes);
  }

  /** Returns the address the egress listens on ({@code networking.address}, default 0.0.0.0). */
  public String address() {
    String address = zoneEgress.spec().path("networking").path("address").asString("");
    return address.isBlank() ? "0.0.0.0" : address;
  }

  /** Returns the port the egress listens on ({@code networking.port}). */
  public int port() {
    return zoneEgress.spec().path("networking").path("port").asInt(0);
  }
}
