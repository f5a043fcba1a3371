package io.meshforge.model.spec;

/** {@code PolicyTo} is one {@code to[]} entry of a policy: a destination and its settings. */
public interface PolicyTo {
  /** Returns the destination. */
  TargetRef targetRef();
}
