package io.meshforge.ctl;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ServerErrors} turns an error answer of the REST API ({@code {title, details, causes:
 * [{field, message}]}}) into text for the user: the title and details on one line, then one line
 * per cause as {@code field: message}.
 */
final class ServerErrors {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private ServerErrors() {}

  /** Describes {@code answer}, an error answer received while doing {@code what}. */
  static String describe(String what, ApiAnswer answer) {
    JsonNode body = parse(answer.body());
    StringBuilder text = new StringBuilder(what).append(" failed (").append(answer.status());
    if (body == null || !body.isObject()) {
      text.append(")");
      String raw = answer.body().strip();
      if (!raw.isEmpty()) {
        text.append(": ").append(raw.length() > 500 ? raw.substring(0, 500) + "..." : raw);
      }
      return text.toString();
    }
    text.append(" ").append(body.path("title").asString("error")).append(")");
    String details = body.path("details").asString("");
    if (!details.isBlank()) {
      text.append(": ").append(details);
    }
    for (JsonNode cause : body.path("causes")) {
      String field = cause.path("field").asString("");
      text.append(System.lineSeparator()).append("  ");
      if (!field.isEmpty()) {
        text.append(field).append(": ");
      }
      text.append(cause.path("message").asString(""));
    }
    return text.toString();
  }

  private static JsonNode parse(String body) {
    if (body == null || body.isBlank()) {
      return null;
    }
    try {
      return JSON.readTree(body);
    } catch (JacksonException e) {
      return null;
    }
  }
}
