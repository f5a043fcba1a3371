package io.meshforge.zone.xds.tls;

import io.meshforge.ca.BuiltinBackend;
import io.meshforge.ca.RotatingLeafCertificates;
import io.meshforge.ca.WorkloadCertificate;
import io.meshforge.ca.WorkloadIdentity;
import io.meshforge.model.Resource;
import io.meshforge.zone.xds.ProxyId;
import io.meshforge.zone.xds.context.ProxyContext;
import io.meshforge.zone.xds.generator.EnvoyResources;
import io.meshforge.zone.xds.generator.ResourceGenerator;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

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
 * {@link #nextChange()} tells the reconciler when that is. Each certificate handed out is told to a
 * {@link HandedCertificates} listener (the proxy insights' {@code mTLS}). Thread-safe.
 */
public final class SdsSecretGenerator implements ResourceGenerator {

  private final RotatingLeafCertificates certificates;
  private final HandedCertificates handed;

  /**
   * Creates the generator that tells nobody about the certificates it hands out.
   *
   * @param certificates issues and caches the proxies' leaf certificates
   */
  public SdsSecretGenerator(RotatingLeafCertificates certificates) {
    this(certificates, HandedCertificates.NONE);
  }

  /**
   * Creates the generator.
   *
   * @param certificates issues and caches the proxies' leaf certificates
   * @param handed hears each certificate handed to a proxy
   */
  public SdsSecretGenerator(RotatingLeafCertificates certificates, HandedCertificates handed) {
    this.certificates = Objects.requireNonNull(certificates, "certificates");
    this.handed = Objects.requireNonNull(handed, "handed");
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
    Resource meshResource = proxy.mesh().meshResource().orElseThrow(); // enabledFor checked it
    handed.handed(
        new ProxyId(mesh, proxy.dataplane().name()),
        certificate,
        BuiltinBackend.enabledIn(meshResource).orElseThrow().name(),
        declaredBackends(meshResource));
  }

  private static List<String> declaredBackends(Resource mesh) {
    List<String> names = new java.util.ArrayList<>();
    for (JsonNode backend : mesh.spec().path("mtls").path("backends")) {
      names.add(backend.path("name").asString(""));
    }
    return List.copyOf(names);
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
