package io.meshforge.dp;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders a Dataplane file: every {@code {{ name }}} (spaces optional) is replaced by the value of
 * {@code --dataplane-var name=value}. A placeholder without a value is an error naming it, so a
 * half-rendered Dataplane never reaches the CP.
 */
public final class DataplaneTemplate {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_.-]+)\\s*}}");

  private DataplaneTemplate() {}

  /**
   * Renders {@code text}.
   *
   * @throws AgentFailure ({@link ExitCodes#BAD_INPUT}) naming the first unknown variable
   */
  public static String render(String text, Map<String, String> vars) {
    Matcher matcher = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String name = matcher.group(1);
      String value = vars.get(name);
      if (value == null) {
        throw new AgentFailure(
            ExitCodes.BAD_INPUT,
            "the Dataplane file uses {{ "
                + name
                + " }} but no --dataplane-var "
                + name
                + "=VALUE was given");
      }
      matcher.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    matcher.appendTail(out);
    return out.toString();
  }
}
