package io.meshforge.zone.xds.tls;

import io.meshforge.ca.RotatingLeafCertificates;
import io.meshforge.ca.WorkloadCertificate;
import io.meshforge.ca.WorkloadIdentity;
import io.meshforge.zone.xds.context.ProxyContext;
import io.meshforge.zone.xds.generator.EnvoyResources;
import io.meshforge.zone.xds.generator.ResourceGenerator;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code SdsSecretGenerator} adds the SDS secrets of a proxy in a mesh with builtin mTLS: its
 * identity (a leaf certificate for the services and tags of its own Dataplane) and the CA of its
 * own mesh. Both are derived from the proxy's Dataplane alone, so a proxy never receives another
 * mesh's secret (S10).
 *
 * <p>The mesh enabling mTLS while its CA has not reached this zone (or cannot be opened) fails the
 * generation: the proxy keeps its last configuration rather than falling back to plaintext, and is
 * regenerated when the CA Secret arrives.
 *
 * <p>Certificates come from {@link RotatingLeafCertificates}, which reuses one until it is due;
 * {@link #nextChange()} tells the reconciler when that is. Thread-safe.
 */
public final class SdsSecretGenerator implements ResourceGenerator {

  private final RotatingLeafCertificates certificates;

  /**
   * Creates the generator.
   *
   * @param certificates issues and caches the proxies' leaf certificates
   */
  public SdsSecretGenerator(RotatingLeafCertificates certificates) {
    this.certificates = Objects.requireNonNull(certificates, "certificates");
  }

  @Override
  public void generate(ProxyContext proxy, EnvoyResources out) {
    if (!MeshMtls.enabledFor(proxy)) {
      return;
    }
    String mesh = proxy.mesh().mesh();
    WorkloadCertificate certificate =
        certificates
            .certificateFor(WorkloadIdentity.ofDataplane(proxy.dataplane()))
            .orElseThrow(() ->
                new IllegalStateException(
                    "mesh " + mesh + " enables mTLS but its CA has not reached this zone yet"));
    out.add(SdsSecrets.identity(mesh, certificate));
    out.add(SdsSecrets.meshCa(mesh, List.of(certificate.ca())));
  }

  @Override
  public Optional<Instant> nextChange() {
    return certificates.nextRenewal();
  }

  @Override
  public void retainOnly(Collection<ProxyContext> connected) {
    certificates.retainOnly(
        connected.stream()
            .filter(MeshMtls::enabledFor)
            .filter(proxy -> !proxy.inbounds().isEmpty())
            .map(proxy -> WorkloadIdentity.ofDataplane(proxy.dataplane()))
            .toList());
  }
}
