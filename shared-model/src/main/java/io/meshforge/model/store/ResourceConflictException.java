package io.meshforge.model.store;

/**
 * {@code ResourceConflictException} is thrown when a compare-and-swap update found another version
 * stored (a stale write).
 */
public class ResourceConflictException extends StoreException {
  public ResourceConflictException(String message) {
    super(message);
  }
}
