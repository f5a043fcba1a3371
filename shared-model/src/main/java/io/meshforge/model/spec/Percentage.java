package io.meshforge.model.spec;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * {@code Percentage} is a percentage between 0 and 100 written either as an integer ({@code 70}) or
 * as a decimal string ({@code "99.9"}), as Kuma's int-or-string percentage fields accept.
 *
 * @param value the percentage, 0 to 100
 */
public record Percentage(BigDecimal value) {

  public Percentage {
    Objects.requireNonNull(value, "value");
  }

  /** Returns the percentage as a fraction between 0 and 1. */
  public double fraction() {
    return value.doubleValue() / 100.0;
  }

  @Override
  public String toString() {
    return value.toPlainString();
  }
}
