package io.meshforge.model.spec;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Objects;

/**
 * {@code GoDuration} is a duration written the way Kuma (Go) writes them: a sequence of decimal
 * numbers, each with an optional fraction and a unit, such as {@code 100ms}, {@code 5s}, {@code
 * 1m30s}, {@code 1.5h} or {@code 0}. Units: {@code ns}, {@code us} ({@code µs}), {@code ms}, {@code
 * s}, {@code m}, {@code h}. Negative durations are refused: no field of a mesh policy means
 * anything by them.
 *
 * @param text the duration as written
 * @param value the parsed duration
 */
public record GoDuration(String text, Duration value) {

  private static final int MAX_TEXT_LENGTH = 64;

  public GoDuration {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(value, "value");
  }

  /**
   * Parses a Go-style duration.
   *
   * @throws IllegalArgumentException with a message fit for a violation when the text is invalid
   */
  public static GoDuration parse(String text) {
    if (text.isEmpty() || text.length() > MAX_TEXT_LENGTH) {
      throw invalid();
    }
    if (text.startsWith("-")) {
      throw new IllegalArgumentException("must not be negative");
    }
    String rest = text.startsWith("+") ? text.substring(1) : text;
    if (rest.equals("0")) {
      return new GoDuration(text, Duration.ZERO);
    }
    BigDecimal nanos = BigDecimal.ZERO;
    int i = 0;
    while (i < rest.length()) {
      int numberStart = i;
      while (i < rest.length() && (Character.isDigit(rest.charAt(i)) || rest.charAt(i) == '.')) {
        i++;
      }
      String number = rest.substring(numberStart, i);
      int unitStart = i;
      while (i < rest.length() && !Character.isDigit(rest.charAt(i)) && rest.charAt(i) != '.') {
        i++;
      }
      String unit = rest.substring(unitStart, i);
      if (number.isEmpty()
          || number.equals(".")
          || number.indexOf('.') != number.lastIndexOf('.')) {
        throw invalid();
      }
      nanos = nanos.add(new BigDecimal(number).multiply(BigDecimal.valueOf(nanosPer(unit))));
    }
    if (nanos.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
      throw new IllegalArgumentException("is too long a duration");
    }
    return new GoDuration(text, Duration.ofNanos(nanos.longValue()));
  }

  private static long nanosPer(String unit) {
    return switch (unit) {
      case "ns" -> 1L;
      case "us", "µs", "μs" -> 1_000L;
      case "ms" -> 1_000_000L;
      case "s" -> 1_000_000_000L;
      case "m" -> 60_000_000_000L;
      case "h" -> 3_600_000_000_000L;
      default -> throw invalid();
    };
  }

  private static IllegalArgumentException invalid() {
    return new IllegalArgumentException(
        "must be a duration such as 100ms, 5s, 1m30s or 1h (units ns, us, ms, s, m, h)");
  }

  @Override
  public String toString() {
    return text;
  }
}
