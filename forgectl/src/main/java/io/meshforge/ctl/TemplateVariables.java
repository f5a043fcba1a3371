package io.meshforge.ctl;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code TemplateVariables} fills {@code {{ name }}} placeholders (spaces inside the braces
 * optional) with the values given by {@code apply -v name=value}. A placeholder with no value is an
 * error naming every missing variable: applying a half-rendered template would store the braces.
 */
final class TemplateVariables {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_.-]+)\\s*}}");

  private final Map<String, String> values;

  /** Variables with these values. */
  TemplateVariables(Map<String, String> values) {
    this.values = Map.copyOf(values);
  }

  /**
   * Returns {@code text} with every placeholder replaced.
   *
   * @param source where the text comes from, for the message
   * @throws CtlException naming the variables that have no value
   */
  String render(String text, String source) {
    Set<String> missing = new LinkedHashSet<>();
    Matcher matcher = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String value = values.get(matcher.group(1));
      if (value == null) {
        missing.add(matcher.group(1));
        value = matcher.group();
      }
      matcher.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    matcher.appendTail(out);
    if (!missing.isEmpty()) {
      throw new CtlException(
          source
              + " uses "
              + (missing.size() == 1 ? "variable " : "variables ")
              + String.join(", ", missing)
              + " with no value: give "
              + (missing.size() == 1 ? "it" : "them")
              + " with -v NAME=VALUE");
    }
    return out.toString();
  }
}
