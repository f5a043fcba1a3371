package io.meshforge.model;

/** {@code KdsFlag} names one direction in which KDS synchronises a resource type. */
public enum KdsFlag {
  /** Written on global, copied down to every zone. */
  GLOBAL_TO_ZONES,
  /** Written in a zone, copied up to global (inventory and visibility). */
  ZONE_TO_GLOBAL,
  /** A zone's copy on global is re-broadcast to the other zones. */
  SYNCED_ACROSS_ZONES
}
