package io.meshforge.model.validation;

import io.meshforge.model.spec.TargetRef;
import io.meshforge.model.spec.TargetRefKind;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/** {@code TargetRefRules} checks one targetRef against the kinds its section allows. */
final class TargetRefRules {

  private static final Set<TargetRefKind> NAMED =
      EnumSet.of(
          TargetRefKind.MeshService,
          TargetRefKind.MeshExternalService,
          TargetRefKind.MeshMultiZoneService,
          TargetRefKind.MeshHTTPRoute,
          TargetRefKind.MeshGateway);
  private static final Set<TargetRefKind> WITH_SECTION =
      EnumSet.of(
          TargetRefKind.Dataplane,
          TargetRefKind.MeshService,
          TargetRefKind.MeshExternalService,
          TargetRefKind.MeshMultiZoneService);

  private TargetRefRules() {}

  /**
   * Checks {@code ref}.
   *
   * @param allowed the kinds this section accepts
   * @param topLevel whether it is the top-level targetRef (the only place for proxyTypes)
   */
  static void check(
      TargetRef ref, Set<TargetRefKind> allowed, boolean topLevel, ViolationCollector at) {
    if (ref == null || ref.kind() == null) {
      return;
    }
    TargetRefKind kind = ref.kind();
    if (!allowed.contains(kind)) {
      at.field("kind")
          .add(
              "must be one of: "
                  + allowed.stream().map(Enum::name).collect(Collectors.joining(", "))
                  + " here (got "
                  + kind
                  + ")");
      return;
    }
    boolean hasName = ref.name() != null && !ref.name().isEmpty();
    boolean hasLabels = !ref.labels().isEmpty();
    if (kind == TargetRefKind.Mesh) {
      forbid(hasName, "name", at);
      forbid(hasLabels, "labels", at);
      forbid(ref.sectionName() != null, "sectionName", at);
    }
    if (hasName && hasLabels) {
      at.field("labels").add("must not be set together with name");
    }
    if (NAMED.contains(kind) && !hasName && !hasLabels) {
      at.field("name").add("is required for kind " + kind + " (or select by labels)");
    }
    if (kind == TargetRefKind.MeshSubset || kind == TargetRefKind.MeshServiceSubset) {
      if (ref.tags().isEmpty() && kind == TargetRefKind.MeshServiceSubset) {
        at.field("tags").add("is required for kind " + kind);
      }
    } else {
      forbid(!ref.tags().isEmpty(), "tags", at);
    }
    if (ref.sectionName() != null && !WITH_SECTION.contains(kind)) {
      at.field("sectionName").add("is not allowed for kind " + kind);
    }
    if (!topLevel && !ref.proxyTypes().isEmpty()) {
      at.field("proxyTypes").add("is only allowed in the top-level targetRef");
    }
    if (hasName && ref.name().length() > ResourceNames.MAX_LENGTH) {
      at.field("name").add("must be at most " + ResourceNames.MAX_LENGTH + " characters");
    }
    LabelRules.validate(ref.labels(), at.field("labels"));
  }

  private static void forbid(boolean present, String field, ViolationCollector at) {
    if (present) {
      at.field(field).add("must not be set for this kind");
    }
  }
}
