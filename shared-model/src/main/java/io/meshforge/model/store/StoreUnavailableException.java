package io.meshforge.model.store;

/**
 * {@code StoreUnavailableException} is thrown when the backing database cannot be reached; the
 * write it interrupted was not applied, and retrying later is safe.
 */
public class StoreUnavailableException extends StoreException {
  public StoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
