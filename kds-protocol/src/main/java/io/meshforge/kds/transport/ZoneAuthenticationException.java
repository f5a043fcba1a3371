package io.meshforge.kds.transport;

/** {@code ZoneAuthenticationException} refuses a KDS caller; the message is sent back to it. */
public final class ZoneAuthenticationException extends Exception {

  /** Creates the exception with a message safe to show the caller. */
  public ZoneAuthenticationException(String message) {
    super(message);
  }
}
