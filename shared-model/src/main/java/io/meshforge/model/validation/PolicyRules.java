package io.meshforge.model.validation;

import io.meshforge.model.spec.PolicyFrom;
import io.meshforge.model.spec.PolicySpec;
import io.meshforge.model.spec.PolicyTo;
import io.meshforge.model.spec.TargetRefKind;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * {@code PolicyRules} checks what every targetRef policy shares: the top-level targetRef kind, the
 * kinds allowed in {@code to[]} and {@code from[]}, and that a policy with sections has at least
 * one entry in one of them.
 */
final class PolicyRules implements SpecRules<PolicySpec> {

  /** Kinds a top-level targetRef may have: which proxies are configured. */
  static final Set<TargetRefKind> TOP_LEVEL =
      EnumSet.of(TargetRefKind.Mesh, TargetRefKind.Dataplane);

  /**
   * Top-level kinds of MeshTrafficPermission: also a MeshExternalService, whose permissions the
   * zone egress enforces (ADR 0026).
   */
  static final Set<TargetRefKind> TRAFFIC_PERMISSION_TOP_LEVEL =
      EnumSet.of(TargetRefKind.Mesh, TargetRefKind.Dataplane, TargetRefKind.MeshExternalService);

  /** Kinds a {@code to[]} targetRef may have: destinations. */
  static final Set<TargetRefKind> DESTINATIONS =
      EnumSet.of(
          TargetRefKind.Mesh,
          TargetRefKind.MeshService,
          TargetRefKind.MeshExternalService,
          TargetRefKind.MeshMultiZoneService);

  /** Destinations plus routes, for policies that can configure one route (timeouts, retries). */
  static final Set<TargetRefKind> DESTINATIONS_AND_ROUTES =
      EnumSet.of(
          TargetRefKind.Mesh,
          TargetRefKind.MeshService,
          TargetRefKind.MeshExternalService,
          TargetRefKind.MeshMultiZoneService,
          TargetRefKind.MeshHTTPRoute);

  /** Kinds a {@code from[]} targetRef may have: sources (legacy selectors included). */
  static final Set<TargetRefKind> SOURCES =
      EnumSet.of(
          TargetRefKind.Mesh,
          TargetRefKind.MeshSubset,
          TargetRefKind.MeshService,
          TargetRefKind.MeshServiceSubset);

  private final Set<TargetRefKind> topLevelKinds;
  private final Set<TargetRefKind> toKinds;
  private final boolean hasSections;

  /**
   * Creates the rules for one policy type.
   *
   * @param toKinds the kinds its {@code to[]} accepts
   * @param hasSections whether it has {@code to}/{@code from}/{@code rules} (else top-level only)
   */
  PolicyRules(Set<TargetRefKind> toKinds, boolean hasSections) {
    this(TOP_LEVEL, toKinds, hasSections);
  }

  /**
   * Creates the rules for one policy type with its own top-level kinds.
   *
   * @param topLevelKinds the kinds its top-level targetRef accepts
   * @param toKinds the kinds its {@code to[]} accepts
   * @param hasSections whether it has {@code to}/{@code from}/{@code rules} (else top-level only)
   */
  PolicyRules(Set<TargetRefKind> topLevelKinds, Set<TargetRefKind> toKinds, boolean hasSections) {
    this.topLevelKinds = topLevelKinds;
    this.toKinds = toKinds;
    this.hasSections = hasSections;
  }

  @Override
  public void check(PolicySpec spec, ViolationCollector at) {
    TargetRefRules.check(spec.targetRef(), topLevelKinds, true, at.field("targetRef"));
    List<? extends PolicyTo> to = spec.to();
    for (int i = 0; i < to.size(); i++) {
      if (to.get(i) != null) {
        TargetRefRules.check(
            to.get(i).targetRef(), toKinds, false, at.field("to").index(i).field("targetRef"));
      }
    }
    List<? extends PolicyFrom> from = spec.from();
    for (int i = 0; i < from.size(); i++) {
      if (from.get(i) != null) {
        TargetRefRules.check(
            from.get(i).targetRef(), SOURCES, false, at.field("from").index(i).field("targetRef"));
      }
    }
    if (hasSections && to.isEmpty() && from.isEmpty() && spec.rules().isEmpty()) {
      at.add("must have at least one entry in " + sectionNames(spec));
    }
  }

  private static String sectionNames(PolicySpec spec) {
    List<String> names = new java.util.ArrayList<>();
    for (java.lang.reflect.RecordComponent c : spec.getClass().getRecordComponents()) {
      if (Set.of("to", "from", "rules").contains(c.getName())) {
        names.add(c.getName());
      }
    }
    return String.join(" or ", names);
  }
}
