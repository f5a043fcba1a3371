package io.meshforge.model.codec;

import java.util.regex.Pattern;
import tools.jackson.dataformat.yaml.util.StringQuotingChecker;

/**
 * {@code YamlQuoting} decides which strings the YAML writer must quote so that printed YAML reads
 * back as the same strings: on top of Jackson's defaults (reserved words such as {@code true} or
 * {@code null}, special characters), anything a YAML reader could take for a number, such as a tag
 * value {@code "1.0"} or a retry condition {@code "503"}, and the empty string.
 */
final class YamlQuoting extends StringQuotingChecker.Default {

  private static final long serialVersionUID = 1L;

  private static final Pattern NUMBER_LIKE =
      Pattern.compile(
          "[-+]?(\\.[0-9]+|[0-9][0-9_]*(\\.[0-9_]*)?)([eE][-+]?[0-9]+)?"
              + "|[-+]?0[xXoObB][0-9a-fA-F_]+"
              + "|[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)"
              + "|[0-9:]+(\\.[0-9]*)?");

  @Override
  public boolean needToQuoteValue(String value) {
    return value.isEmpty() || NUMBER_LIKE.matcher(value).matches() || super.needToQuoteValue(value);
  }

  @Override
  public boolean needToQuoteName(String name) {
    return name.isEmpty() || NUMBER_LIKE.matcher(name).matches() || super.needToQuoteName(name);
  }
}
