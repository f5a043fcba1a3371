package io.meshforge.model.validation;

import java.util.Objects;

/**
 * {@code Violation} is one problem found in a resource: where it is and what is wrong.
 *
 * <p>The field is a path in the document as the user wrote it, for example {@code
 * spec.to[0].default.http.requestTimeout}, {@code labels["kuma.io/zone"]}, {@code name} or {@code
 * networking.inbound[0].port} (types with {@link io.meshforge.model.SpecLayout#INLINE inline}
 * fields have no {@code spec.} prefix). It is the empty string for problems with the document as a
 * whole, such as a parse error.
 *
 * @param field the path of the offending field, or {@code ""} for the whole document
 * @param message what is wrong, phrased to follow the field ({@code "must be a duration"})
 */
public record Violation(String field, String message) {

  public Violation {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(message, "message");
  }

  /** Returns a violation about the document as a whole. */
  public static Violation ofDocument(String message) {
    return new Violation("", message);
  }

  @Override
  public String toString() {
    return field.isEmpty() ? message : field + ": " + message;
  }
}
