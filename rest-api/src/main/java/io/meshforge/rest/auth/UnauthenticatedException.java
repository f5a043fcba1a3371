package io.meshforge.rest.auth;

/** A request without a credential the API accepts; the message says why, never the token. */
public final class UnauthenticatedException extends Exception {

  /**
   * @param message why the request is refused
   */
  public UnauthenticatedException(String message) {
    super(message);
  }
}
