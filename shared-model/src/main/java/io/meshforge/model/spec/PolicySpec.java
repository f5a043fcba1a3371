package io.meshforge.model.spec;

import java.util.List;

/**
 * {@code PolicySpec} is the common view of every targetRef policy spec record. A policy record only
 * declares the sections its type supports; the others read as empty here.
 */
public interface PolicySpec {

  /** Returns the top-level targetRef; {@code null} when omitted, which means {@code Mesh}. */
  TargetRef targetRef();

  /** Returns the {@code to[]} entries (empty when the type has none). */
  default List<? extends PolicyTo> to() {
    return List.of();
  }

  /** Returns the {@code from[]} entries (empty when the type has none). */
  default List<? extends PolicyFrom> from() {
    return List.of();
  }

  /** Returns the {@code rules[]} entries (empty when the type has none). */
  default List<?> rules() {
    return List.of();
  }

  /** Returns the top-level targetRef, or a {@code Mesh} one when it was omitted. */
  default TargetRef effectiveTargetRef() {
    TargetRef ref = targetRef();
    return ref != null ? ref : TargetRef.of(TargetRefKind.Mesh);
  }
}
