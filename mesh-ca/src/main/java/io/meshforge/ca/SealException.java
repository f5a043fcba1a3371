package io.meshforge.ca;

/**
 * {@code SealException} says a sealed value cannot be opened: it was sealed under a key this
 * process does not have, for another place, or it was altered.
 */
public class SealException extends RuntimeException {

  /**
   * Creates the exception.
   *
   * @param message what is wrong, naming the key id where it helps
   */
  public SealException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message what is wrong
   * @param cause the underlying failure
   */
  public SealException(String message, Throwable cause) {
    super(message, cause);
  }
}
