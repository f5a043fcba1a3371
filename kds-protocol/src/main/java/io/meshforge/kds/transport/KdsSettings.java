package io.meshforge.kds.transport;

import java.time.Duration;
import java.util.Objects;

/**
 * {@code KdsSettings} are the limits and timers of KDS streams, the same on both ends.
 *
 * @param maxMessageBytes the largest response a sender emits (the gRPC max message size must be at
 *     least this)
 * @param ackDeadline a stream whose peer leaves a response unanswered for longer is closed and
 *     reconnects; the clock runs from the response's emission or from the last answer to a response
 *     emitted before it, whichever is later (so it bounds one response's trip, not a queue's): it
 *     must exceed the time the largest response takes over the slowest link, plus the peer's commit
 * @param heartbeatInterval how often a zone sends a heartbeat
 * @param heartbeatTimeout global closes every stream of a zone silent for longer; a zone whose
 *     heartbeat call takes longer resets its connection
 * @param controlPlaneId written on responses as {@code control_plane.identifier}
 */
public record KdsSettings(
    int maxMessageBytes,
    Duration ackDeadline,
    Duration heartbeatInterval,
    Duration heartbeatTimeout,
    String controlPlaneId) {

  public KdsSettings {
    Objects.requireNonNull(ackDeadline, "ackDeadline");
    Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
    Objects.requireNonNull(heartbeatTimeout, "heartbeatTimeout");
    Objects.requireNonNull(controlPlaneId, "controlPlaneId");
    if (maxMessageBytes < 4096) {
      throw new IllegalArgumentException("maxMessageBytes must be at least 4096");
    }
  }

  /** Defaults close to Kuma's: 10 MiB messages, 60 s ACK deadline, 10 s / 30 s heartbeat. */
  public static KdsSettings defaults(String controlPlaneId) {
    return new KdsSettings(
        10 * 1024 * 1024,
        Duration.ofSeconds(60),
        Duration.ofSeconds(10),
        Duration.ofSeconds(30),
        controlPlaneId);
  }
}
