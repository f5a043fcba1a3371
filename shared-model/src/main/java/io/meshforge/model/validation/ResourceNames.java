package io.meshforge.model.validation;

/**
 * {@code ResourceNames} checks resource and mesh names: lowercase RFC 1123 subdomains of 1 to 253
 * characters, that is labels of {@code [a-z0-9-]} starting and ending with a letter or digit,
 * separated by single dots.
 *
 * <p>Written as a hand-rolled scan rather than a regex so that the error message can say exactly
 * what is wrong and so that a long hostile input costs one linear pass.
 */
public final class ResourceNames {

  /** The longest name accepted. */
  public static final int MAX_LENGTH = 253;

  private ResourceNames() {}

  /** Returns {@code true} when {@code name} is a valid resource name. */
  public static boolean isValid(String name) {
    return problem(name) == null;
  }

  /**
   * Records a violation at {@code at} when {@code name} is not a valid resource name.
   *
   * @param name the name to check
   * @param at where to record the problem (positioned at the name field)
   */
  public static void validate(String name, ViolationCollector at) {
    String problem = problem(name);
    if (problem != null) {
      at.add(problem);
    }
  }

  /** Returns what is wrong with the name as a message, or {@code null} when it is valid. */
  static String problem(String name) {
    if (name == null || name.isEmpty()) {
      return "must not be empty";
    }
    if (name.length() > MAX_LENGTH) {
      return "must be at most " + MAX_LENGTH + " characters (has " + name.length() + ")";
    }
    return subdomainProblem(name, true);
  }

  /**
   * Returns what keeps {@code value} from being an RFC 1123 subdomain, or {@code null}.
   *
   * @param lowercaseOnly whether upper-case letters are refused
   */
  static String subdomainProblem(String value, boolean lowercaseOnly) {
    String[] labels = value.split("\\.", -1);
    for (String label : labels) {
      if (label.isEmpty()) {
        return "must not contain empty labels (leading, trailing or consecutive dots): '"
            + abbreviate(value)
            + "'";
      }
      for (int i = 0; i < label.length(); i++) {
        char c = label.charAt(i);
        if (Character.isUpperCase(c) && c < 128 && lowercaseOnly) {
          return "must be lowercase: '" + abbreviate(value) + "'";
        }
        if (!isAlnum(c, lowercaseOnly) && c != '-') {
          return "must contain only lowercase letters, digits, '-' and '.': '"
              + abbreviate(value)
              + "'";
        }
      }
      if (label.charAt(0) == '-' || label.charAt(label.length() - 1) == '-') {
        return "each dot-separated part must start and end with a letter or digit: '"
            + abbreviate(value)
            + "'";
      }
    }
    return null;
  }

  static boolean isAlnum(char c, boolean lowercaseOnly) {
    return (c >= 'a' && c <= 'z')
        || (c >= '0' && c <= '9')
        || (!lowercaseOnly && c >= 'A' && c <= 'Z');
  }

  /** Shortens a value for an error message so a 10 MB name does not come back in the response. */
  static String abbreviate(String value) {
    return value.length() <= 64 ? value : value.substring(0, 61) + "...";
  }
}
