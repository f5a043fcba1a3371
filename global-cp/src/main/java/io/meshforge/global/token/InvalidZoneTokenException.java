package io.meshforge.global.token;

/** A zone token that cannot be accepted; the message says why (never the token itself). */
public final class InvalidZoneTokenException extends Exception {
  public InvalidZoneTokenException(String message) {
    super(message);
  }
}
