package io.meshforge.model.store;

/** {@code ResourceNotFoundException} is thrown when nothing is stored under a key. */
public class ResourceNotFoundException extends StoreException {
  public ResourceNotFoundException(String message) {
    super(message);
  }
}
