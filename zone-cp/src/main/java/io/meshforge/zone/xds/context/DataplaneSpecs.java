package io.meshforge.zone.xds.context;

import io.meshforge.model.Resource;
import io.meshforge.model.spec.DataplaneSpec;
import io.meshforge.model.spec.MeshServiceSpec;
import io.meshforge.model.validation.SchemaWalker;
import io.meshforge.model.validation.ViolationCollector;
import java.util.Optional;

/**
 * Reads stored specs as typed records. What the store holds was validated on the way in, so the
 * binding does not fail in practice; a spec that still does not bind (written by an older version)
 * is treated as absent rather than breaking the whole mesh's configuration.
 */
final class DataplaneSpecs {

  private DataplaneSpecs() {}

  static Optional<DataplaneSpec> dataplane(Resource resource) {
    return Optional.ofNullable(
        SchemaWalker.bind(resource.spec(), DataplaneSpec.class, ViolationCollector.root()));
  }

  static Optional<MeshServiceSpec> meshService(Resource resource) {
    return Optional.ofNullable(
        SchemaWalker.bind(resource.spec(), MeshServiceSpec.class, ViolationCollector.root()));
  }

  /** Returns the address other proxies reach an inbound on. */
  static String endpointAddress(DataplaneSpec.Networking networking, DataplaneSpec.Inbound in) {
    if (in.address() != null && !in.address().isBlank()) {
      return in.address();
    }
    if (networking.advertisedAddress() != null && !networking.advertisedAddress().isBlank()) {
      return networking.advertisedAddress();
    }
    return networking.address();
  }

  /** Returns whether an inbound may receive traffic. */
  static boolean healthy(DataplaneSpec.Inbound in) {
    if (in.state() == DataplaneSpec.InboundState.NotReady) {
      return false;
    }
    return in.health() == null || in.health().ready() == null || in.health().ready();
  }
}
