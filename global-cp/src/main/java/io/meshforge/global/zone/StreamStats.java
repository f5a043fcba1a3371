package io.meshforge.global.zone;

/**
 * {@code StreamStats} receives what one KDS stream of a zone observes on the wire, for its {@code
 * ZoneInsight}. Calls come from gRPC threads; implementations are thread-safe.
 */
public interface StreamStats {

  /** Global sent a response of a type (GlobalToZone). */
  void sent(String type);

  /** The zone ACKed (or NACKed, {@code nacked = true}) a response of a type (GlobalToZone). */
  void confirmed(String type, boolean nacked);

  /** The zone sent a response of a type (ZoneToGlobal). */
  void received(String type);

  /** Global ACKed (or NACKed) a response the zone sent (ZoneToGlobal). */
  void replied(String type, boolean nacked);

  /** The stream ended. */
  void ended();
}
