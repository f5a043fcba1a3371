package io.meshforge.model.validation;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * {@code RegexRules} checks user-supplied regular expressions: they must compile with RE2 (the
 * linear-time engine Envoy also uses, so no catastrophic backtracking) and be at most {@link
 * #MAX_LENGTH} characters long.
 */
final class RegexRules {

  /** The longest regular expression accepted. */
  static final int MAX_LENGTH = 1024;

  private RegexRules() {}

  static void check(String regex, ViolationCollector at) {
    if (regex == null) {
      return;
    }
    if (regex.length() > MAX_LENGTH) {
      at.add("regular expression must be at most " + MAX_LENGTH + " characters");
      return;
    }
    try {
      Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      at.add("must be a valid RE2 regular expression: " + e.getDescription());
    }
  }
}
