package io.meshforge.model.validation;

import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code ValidationException} says that input was rejected, with every {@link Violation} found.
 *
 * <p>It is the only exception the codec and validators throw for bad input, so an API layer can map
 * it to a 400 response naming each field.
 */
public class ValidationException extends RuntimeException {

  private static final int MAX_IN_MESSAGE = 10;

  private final transient List<Violation> violations;

  /**
   * Creates an exception for these violations.
   *
   * @param violations what is wrong; must not be empty
   */
  public ValidationException(List<Violation> violations) {
    super(summary(violations));
    if (violations.isEmpty()) {
      throw new IllegalArgumentException("a validation exception needs at least one violation");
    }
    this.violations = List.copyOf(violations);
  }

  /** Creates an exception for a single violation. */
  public ValidationException(Violation violation) {
    this(List.of(violation));
  }

  /** Returns every violation, in the order they were found. */
  public List<Violation> violations() {
    return violations;
  }

  private static String summary(List<Violation> violations) {
    String shown =
        violations.stream()
            .limit(MAX_IN_MESSAGE)
            .map(Violation::toString)
            .collect(Collectors.joining("; "));
    int hidden = violations.size() - MAX_IN_MESSAGE;
    String more = hidden > 0 ? " (and " + hidden + " more)" : "";
    return violations.size() == 1
        ? "invalid resource: " + shown
        : violations.size() + " violations: " + shown + more;
  }
}
