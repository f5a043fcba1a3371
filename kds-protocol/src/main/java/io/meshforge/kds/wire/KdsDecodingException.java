package io.meshforge.kds.wire;

/**
 * {@code KdsDecodingException} says a KDS resource on the wire could not be turned into a model.
 */
public final class KdsDecodingException extends Exception {

  /** Creates the exception with a message naming the resource and the problem. */
  public KdsDecodingException(String message, Throwable cause) {
    super(message, cause);
  }

  /** Creates the exception with a message naming the resource and the problem. */
  public KdsDecodingException(String message) {
    super(message);
  }
}
