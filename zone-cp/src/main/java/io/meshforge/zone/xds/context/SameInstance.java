package io.meshforge.zone.xds.context;

/**
 * A memo key part that compares a value by identity: cheap for large immutable values (protobuf
 * messages) that are shared as one instance, where a deep comparison would cost what the memo
 * saves.
 *
 * @param value the value, held strongly (so its identity hash is never reused while the key lives)
 */
public record SameInstance(Object value) {

  @Override
  public boolean equals(Object other) {
    return other instanceof SameInstance that && that.value == value;
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(value);
  }
}
