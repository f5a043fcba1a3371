package io.meshforge.kds.transport;

import io.meshforge.kds.v1.EnvoyAdminResponse.ErrorCode;
import java.util.Objects;

/**
 * {@code EnvoyAdminFailure} is a zone's typed refusal of an Envoy admin request: {@link
 * ZoneBackend#envoyAdmin} throws it so that global learns why (the code travels in {@code
 * EnvoyAdminResponse.error_code} beside the message), and can answer its REST caller with the
 * matching status instead of a generic error.
 */
public final class EnvoyAdminFailure extends Exception {

  private final ErrorCode code;

  /**
   * Creates the failure.
   *
   * @param code why the request could not be answered
   * @param message what went wrong, for the operator reading global's answer
   */
  public EnvoyAdminFailure(ErrorCode code, String message) {
    super(message);
    this.code = Objects.requireNonNull(code, "code");
  }

  /** Returns why the request could not be answered. */
  public ErrorCode code() {
    return code;
  }
}
