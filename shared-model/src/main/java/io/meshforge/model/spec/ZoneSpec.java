package io.meshforge.model.spec;

/**
 * {@code ZoneSpec} is the schema of a {@code Zone} (inline fields).
 *
 * @param enabled whether the zone may connect; {@code true} when unset
 */
public record ZoneSpec(Boolean enabled) {}
