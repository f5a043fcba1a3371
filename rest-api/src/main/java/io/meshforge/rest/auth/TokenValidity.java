package io.meshforge.rest.auth;

import io.meshforge.model.spec.GoDuration;
import io.meshforge.model.validation.Violation;
import java.time.Duration;
import java.util.List;

/** {@code TokenValidity} reads the {@code validFor} of a token request (a Go duration). */
public final class TokenValidity {

  private TokenValidity() {}

  /**
   * Returns the requested validity, or {@code defaultValidity} when none is given; a value that is
   * not a positive Go duration adds a violation on {@code validFor}.
   */
  public static Duration of(String validFor, Duration defaultValidity, List<Violation> violations) {
    if (validFor == null) {
      return defaultValidity;
    }
    try {
      Duration parsed = GoDuration.parse(validFor).value();
      if (parsed.isNegative() || parsed.isZero()) {
        violations.add(new Violation("validFor", "must be positive"));
      }
      return parsed;
    } catch (IllegalArgumentException e) {
      violations.add(new Violation("validFor", e.getMessage()));
      return defaultValidity;
    }
  }
}
