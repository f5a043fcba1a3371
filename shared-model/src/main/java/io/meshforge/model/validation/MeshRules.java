package io.meshforge.model.validation;

import io.meshforge.model.spec.GoDuration;
import io.meshforge.model.spec.MeshSpec;
import java.util.HashSet;
import java.util.Set;

/**
 * {@code MeshRules} checks a Mesh: backend names are unique resource names, {@code
 * mtls.enabledBackend} names one of them, and certificate expirations are durations.
 */
final class MeshRules implements SpecRules<MeshSpec> {

  @Override
  public void check(MeshSpec spec, ViolationCollector at) {
    MeshSpec.Mtls mtls = spec.mtls();
    if (mtls == null) {
      return;
    }
    ViolationCollector mtlsAt = at.field("mtls");
    Set<String> names = new HashSet<>();
    Elements.each(
        mtls.backends(),
        mtlsAt.field("backends"),
        (backend, backendAt) -> {
          if (backend.name() != null) {
            ResourceNames.validate(backend.name(), backendAt.field("name"));
            if (!names.add(backend.name())) {
              backendAt.field("name").add("duplicate backend name \"" + backend.name() + "\"");
            }
          }
          if (backend.dpCert() != null && backend.dpCert().rotation() != null) {
            checkExpiration(
                backend.dpCert().rotation().expiration(),
                backendAt.field("dpCert").field("rotation").field("expiration"));
          }
        });
    String enabled = mtls.enabledBackend();
    if (enabled != null && !enabled.isEmpty() && !names.contains(enabled)) {
      mtlsAt
          .field("enabledBackend")
          .add("must name one of mtls.backends (no backend \"" + enabled + "\")");
    }
  }

  /** Kuma accepts a Go duration or a number of days such as {@code 1d}. */
  private static void checkExpiration(String expiration, ViolationCollector at) {
    if (expiration == null || expiration.matches("[1-9][0-9]{0,4}d")) {
      return;
    }
    try {
      if (GoDuration.parse(expiration).value().isZero()) {
        at.add("must be greater than 0");
      }
    } catch (IllegalArgumentException e) {
      at.add("must be a duration such as 24h or a number of days such as 1d");
    }
  }
}
