package io.meshforge.kds.auth;

/** A token that cannot be accepted; the message says why (never the token itself). */
public class InvalidTokenException extends Exception {
  /**
   * @param message why the token is refused
   */
  public InvalidTokenException(String message) {
    super(message);
  }
}
