package io.meshforge.model.store;

/** {@code StoreException} is the base of every failure a {@link ResourceStore} reports. */
public class StoreException extends RuntimeException {
  public StoreException(String message) {
    super(message);
  }

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
