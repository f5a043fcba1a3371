package io.meshforge.zone.token;

/**
 * A valid dataplane token presented for a Dataplane it is not bound to (another name, mesh or
 * tags); the message says which.
 */
public final class TokenMismatchException extends Exception {
  /**
   * @param message what does not match
   */
  public TokenMismatchException(String message) {
    super(message);
  }
}
