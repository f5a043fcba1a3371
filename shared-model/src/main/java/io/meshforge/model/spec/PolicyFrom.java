package io.meshforge.model.spec;

/** {@code PolicyFrom} is one {@code from[]} entry of a policy: a source and its settings. */
public interface PolicyFrom {
  /** Returns the source. */
  TargetRef targetRef();
}
