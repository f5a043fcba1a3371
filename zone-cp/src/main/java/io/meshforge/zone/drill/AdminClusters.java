package io.meshforge.zone.drill;

import java.io.IOException;

/**
 * Fetches a proxy's {@code /clusters?format=json} from its Envoy admin interface. A port so the
 * inspect channel (admin over the xDS stream) can stand in for the direct HTTP call.
 */
@FunctionalInterface
public interface AdminClusters {

  /**
   * Returns the admin answer.
   *
   * @param address the proxy's address (its Dataplane's {@code networking.address})
   * @param adminPort its Envoy admin port
   * @throws IOException when the admin interface cannot be reached
   */
  String fetch(String address, int adminPort) throws IOException;
}
