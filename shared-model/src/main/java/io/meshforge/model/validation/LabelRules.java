package io.meshforge.model.validation;

import java.util.Map;

/**
 * {@code LabelRules} checks label keys and values with Kubernetes' rules.
 *
 * <ul>
 *   <li>A key is an optional prefix and a name, {@code [prefix/]name}. The prefix is a DNS
 *       subdomain of at most 253 characters; the name has 1 to 63 characters of {@code
 *       [A-Za-z0-9-_.]} and starts and ends with a letter or digit.
 *   <li>A value has at most 63 characters of the same set, starting and ending with a letter or
 *       digit; it may be empty.
 * </ul>
 */
public final class LabelRules {

  /** The longest label name (the part after the prefix) and the longest value. */
  public static final int MAX_NAME_LENGTH = 63;

  /** The longest key prefix. */
  public static final int MAX_PREFIX_LENGTH = 253;

  private LabelRules() {}

  /**
   * Records a violation for every invalid key or value in {@code labels}.
   *
   * @param labels the labels (or tags) to check
   * @param at the position of the labels field; entries are reported as {@code labels["key"]}
   */
  public static void validate(Map<String, String> labels, ViolationCollector at) {
    for (Map.Entry<String, String> entry : labels.entrySet()) {
      ViolationCollector entryAt = at.key(entry.getKey());
      String keyProblem = keyProblem(entry.getKey());
      if (keyProblem != null) {
        entryAt.add(keyProblem);
      }
      String valueProblem = valueProblem(entry.getValue());
      if (valueProblem != null) {
        entryAt.add(valueProblem);
      }
    }
  }

  /** Returns what is wrong with a label key, or {@code null} when it is valid. */
  public static String keyProblem(String key) {
    if (key.isEmpty()) {
      return "key must not be empty";
    }
    int slash = key.indexOf('/');
    String name = key;
    if (slash >= 0) {
      String prefix = key.substring(0, slash);
      name = key.substring(slash + 1);
      if (prefix.isEmpty()) {
        return "key prefix must not be empty";
      }
      if (prefix.length() > MAX_PREFIX_LENGTH) {
        return "key prefix must be at most " + MAX_PREFIX_LENGTH + " characters";
      }
      String subdomain = ResourceNames.subdomainProblem(prefix, true);
      if (subdomain != null) {
        return "key prefix " + subdomain;
      }
    }
    if (name.isEmpty()) {
      return "key name (after the prefix) must not be empty";
    }
    String nameProblem = qualifiedProblem(name);
    return nameProblem == null ? null : "key name " + nameProblem;
  }

  /** Returns what is wrong with a label value, or {@code null} when it is valid. */
  public static String valueProblem(String value) {
    if (value == null) {
      return "value must be a string";
    }
    if (value.isEmpty()) {
      return null;
    }
    String problem = qualifiedProblem(value);
    return problem == null ? null : "value " + problem;
  }

  private static String qualifiedProblem(String text) {
    if (text.length() > MAX_NAME_LENGTH) {
      return "must be at most " + MAX_NAME_LENGTH + " characters (has " + text.length() + ")";
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!ResourceNames.isAlnum(c, false) && c != '-' && c != '_' && c != '.') {
        return "must contain only letters, digits, '-', '_' and '.': '"
            + ResourceNames.abbreviate(text)
            + "'";
      }
    }
    if (!ResourceNames.isAlnum(text.charAt(0), false)
        || !ResourceNames.isAlnum(text.charAt(text.length() - 1), false)) {
      return "must start and end with a letter or digit: '" + ResourceNames.abbreviate(text) + "'";
    }
    return null;
  }
}
