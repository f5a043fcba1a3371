package io.meshforge.model;

/**
 * {@code SpecLayout} is where a type's fields sit in Kuma's universal format.
 *
 * <p>Kuma's older proto-based types (Mesh, Dataplane, Zone, ZoneIngress, ...) put their fields
 * beside {@code type}/{@code name}/{@code mesh}; the newer types wrap them in {@code spec:}.
 */
public enum SpecLayout {
  /** Fields at the top level: {@code {type, name, mesh, labels, <fields...>}}. */
  INLINE,
  /** Fields under {@code spec}: {@code {type, name, mesh, labels, spec, status}}. */
  WRAPPED
}
