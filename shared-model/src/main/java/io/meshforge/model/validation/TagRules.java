package io.meshforge.model.validation;

import io.meshforge.model.WellKnownLabels;
import java.util.Map;
import java.util.Set;

/**
 * {@code TagRules} checks dataplane tags: keys and values of {@code [A-Za-z0-9.-_:/]}, 1 to 253
 * characters (Kuma's tag charset, wider than label rules because {@code kuma.io/service} values
 * such as {@code backend_kuma-demo_svc_8080} contain underscores), and a known {@code
 * kuma.io/protocol}.
 */
final class TagRules {

  static final Set<String> PROTOCOLS = Set.of("tcp", "http", "http2", "grpc");
  private static final int MAX_LENGTH = 253;

  private TagRules() {}

  static void check(Map<String, String> tags, ViolationCollector at) {
    for (Map.Entry<String, String> tag : tags.entrySet()) {
      ViolationCollector tagAt = at.key(tag.getKey());
      if (!valid(tag.getKey())) {
        tagAt.add(
            "tag key must be 1 to 253 characters of letters, digits, '.', '-', '_', ':', '/'");
      }
      if (tag.getValue() != null && !valid(tag.getValue())) {
        tagAt.add(
            "tag value must be 1 to 253 characters of letters, digits, '.', '-', '_', ':', '/'");
      }
    }
    String protocol = tags.get(WellKnownLabels.PROTOCOL);
    if (protocol != null && !PROTOCOLS.contains(protocol)) {
      at.key(WellKnownLabels.PROTOCOL).add("must be one of: tcp, http, http2, grpc");
    }
  }

  private static boolean valid(String text) {
    if (text.isEmpty() || text.length() > MAX_LENGTH) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!ResourceNames.isAlnum(c, false) && ".-_:/".indexOf(c) < 0) {
        return false;
      }
    }
    return true;
  }
}
