package io.meshforge.ctl;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * {@code Ages} prints how long ago something happened the way kubectl and kumactl do: the largest
 * whole unit, {@code 42s}, {@code 5m}, {@code 3h}, {@code 12d}; {@code never} for no time.
 */
public final class Ages {
  private final Clock clock;

  /** Ages measured against {@code clock}. */
  public Ages(Clock clock) {
    this.clock = clock;
  }

  /**
   * Returns the age of the ISO-8601 instant {@code timestamp}; {@code never} when it is empty, and
   * the text itself when it is not an instant.
   */
  public String since(String timestamp) {
    if (timestamp == null || timestamp.isBlank()) {
      return "never";
    }
    try {
      return of(Duration.between(Instant.parse(timestamp), clock.instant()));
    } catch (DateTimeParseException e) {
      return timestamp;
    }
  }

  /** Returns {@code elapsed} in its largest whole unit (negative counts as zero). */
  public static String of(Duration elapsed) {
    long seconds = Math.max(0, elapsed.toSeconds());
    if (seconds < 60) {
      return seconds + "s";
    }
    if (seconds < 3600) {
      return seconds / 60 + "m";
    }
    if (seconds < 86_400) {
      return seconds / 3600 + "h";
    }
    return seconds / 86_400 + "d";
  }
}
