package io.meshforge.kds.sync;

import io.meshforge.model.ResourceType;

/**
 * {@code SenderEvents} receives what a {@link DeltaSender} observes, for logs, metrics and {@code
 * ZoneInsight} counters. Every method has a no-op default; calls come on the sender's thread.
 */
public interface SenderEvents {

  /** A no-op listener. */
  SenderEvents NONE = new SenderEvents() {};

  /** A response was emitted. */
  default void sent(ResourceType type, String nonce, int resources, int removed) {}

  /** The peer ACKed a response. */
  default void acked(ResourceType type, String nonce) {}

  /** The peer NACKed a response; its versions are not re-sent until they change. */
  default void nacked(ResourceType type, String nonce, String detail) {}

  /**
   * A resource alone is larger than the message limit: it is not sent (the peer keeps whatever copy
   * it had).
   */
  default void oversized(ResourceType type, String deltaKey, int bytes, int limit) {}

  /** The peer asked for a type this sender does not serve; the request is ignored. */
  default void unknownType(String typeUrl) {}
}
