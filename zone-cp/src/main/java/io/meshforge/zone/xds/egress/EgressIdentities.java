package io.meshforge.zone.xds.egress;

import io.meshforge.ca.WorkloadCertificate;
import io.meshforge.ca.WorkloadIdentity;
import java.util.Optional;

/**
 * Where a zone egress's certificates come from: the one it presents to a mesh's sidecars for an
 * external service carries that service's SPIFFE ID ({@code spiffe://<mesh>/<name>}), the identity
 * the sidecar checks. In the zone CP this is the shared {@code RotatingLeafCertificates}.
 */
@FunctionalInterface
public interface EgressIdentities {

  /** No certificates: external services of mTLS meshes are not served (tests of routing only). */
  EgressIdentities NONE = identity -> Optional.empty();

  /**
   * Returns a certificate for {@code identity}, or empty when its mesh CA is not in this zone yet.
   */
  Optional<WorkloadCertificate> certificateFor(WorkloadIdentity identity);
}
