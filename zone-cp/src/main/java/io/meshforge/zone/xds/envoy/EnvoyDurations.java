package io.meshforge.zone.xds.envoy;

import com.google.protobuf.Duration;

/** Turns Java durations into protobuf ones, the only form Envoy's API takes. */
public final class EnvoyDurations {

  private EnvoyDurations() {}

  /** Returns the protobuf form of a non-negative duration. */
  public static Duration of(java.time.Duration duration) {
    return Duration.newBuilder()
        .setSeconds(duration.getSeconds())
        .setNanos(duration.getNano())
        .build();
  }
}
