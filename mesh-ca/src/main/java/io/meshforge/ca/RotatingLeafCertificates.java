package io.meshforge.ca;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * {@code RotatingLeafCertificates} hands out the leaf certificate of a workload identity: issued on
 * first request, then the same one until its {@code renewAt} (by default 80% of its lifetime), or
 * until the mesh's CA changes, when a new one is issued.
 *
 * <p>Nothing runs in the background: the caller asks again when {@link #nextRenewal()} comes (the
 * xDS reconciler schedules a regeneration of the affected snapshots then), and a snapshot built
 * after that time gets a fresh certificate.
 *
 * <p>Thread-safe: concurrent requests for one identity issue one certificate.
 */
public final class RotatingLeafCertificates {

  private final MeshCaSource cas;
  private final LeafCertificateIssuer issuer;
  private final LeafSettings settings;
  private final Clock clock;
  private final ConcurrentMap<WorkloadIdentity, WorkloadCertificate> issued =
      new ConcurrentHashMap<>();

  /**
   * Creates the cache.
   *
   * @param cas where the mesh CAs come from
   * @param issuer signs new certificates
   * @param settings lifetime and renewal share
   * @param clock what "now" is (injectable for tests)
   */
  public RotatingLeafCertificates(
      MeshCaSource cas, LeafCertificateIssuer issuer, LeafSettings settings, Clock clock) {
    this.cas = Objects.requireNonNull(cas, "cas");
    this.issuer = Objects.requireNonNull(issuer, "issuer");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Returns a valid certificate for an identity, issuing one when there is none, it is due for
   * renewal, or the mesh CA changed.
   *
   * @param identity the workload
   * @return the certificate, or empty when the mesh has no builtin CA (mTLS off, or the CA has not
   *     reached this zone yet); the cached certificate is dropped then
   * @throws SealException when the mesh CA cannot be opened
   */
  public Optional<WorkloadCertificate> certificateFor(WorkloadIdentity identity) {
    Objects.requireNonNull(identity, "identity");
    Optional<MeshCa> ca = cas.currentCa(identity.mesh());
    if (ca.isEmpty()) {
      issued.remove(identity);
      return Optional.empty();
    }
    Instant now = clock.instant();
    return Optional.of(
        issued.compute(
            identity,
            (key, current) ->
                current != null && stillGood(current, ca.get(), now)
                    ? current
                    : issuer.issue(ca.get(), key, now, settings)));
  }

  /**
   * Returns the earliest time a cached certificate is due for renewal.
   *
   * @return that time, or empty when nothing is cached
   */
  public Optional<Instant> nextRenewal() {
    return issued.values().stream()
        .map(WorkloadCertificate::renewAt)
        .min(Comparator.naturalOrder());
  }

  /**
   * Forgets the certificates of identities no proxy has any more.
   *
   * @param inUse the identities still in use
   */
  public void retainOnly(Collection<WorkloadIdentity> inUse) {
    Set<WorkloadIdentity> keep = Set.copyOf(inUse);
    issued.keySet().retainAll(keep);
  }

  /**
   * Returns how many certificates are cached.
   *
   * @return the count
   */
  public int size() {
    return issued.size();
  }

  private static boolean stillGood(WorkloadCertificate current, MeshCa ca, Instant now) {
    return now.isBefore(current.renewAt()) && current.ca().equals(ca.certificate());
  }
}
