package io.meshforge.rest;

import java.util.List;

/**
 * The body of every error answer, in Kuma's shape: {@code {title, details, causes: [{field,
 * message}]}}.
 */
record ApiProblem(String title, String details, List<Cause> causes) {

  record Cause(String field, String message) {}

  static ApiProblem of(String title, String details) {
    return new ApiProblem(title, details, List.of());
  }
}
