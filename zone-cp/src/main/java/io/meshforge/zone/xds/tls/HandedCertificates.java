package io.meshforge.zone.xds.tls;

import io.meshforge.ca.WorkloadCertificate;
import io.meshforge.zone.xds.ProxyId;
import java.util.List;

/**
 * {@code HandedCertificates} hears which leaf certificate each proxy is handed over SDS, on every
 * generation of its secrets (so mostly the same certificate again: a listener notices the changes
 * itself). Called on the reconciler's threads; it must be quick and must not throw.
 */
@FunctionalInterface
public interface HandedCertificates {

  /** Hears nothing. */
  HandedCertificates NONE = (proxy, certificate, backend, supportedBackends) -> {};

  /**
   * A proxy's SDS identity secret was generated with {@code certificate}.
   *
   * @param proxy the proxy
   * @param certificate the leaf certificate it gets
   * @param backend the mesh's enabled mTLS backend that issued it
   * @param supportedBackends every mTLS backend the mesh declares
   */
  void handed(
      ProxyId proxy,
      WorkloadCertificate certificate,
      String backend,
      List<String> supportedBackends);
}
