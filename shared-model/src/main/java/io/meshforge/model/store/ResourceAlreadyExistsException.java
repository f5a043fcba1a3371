package io.meshforge.model.store;

/** {@code ResourceAlreadyExistsException} is thrown when a create found the key taken. */
public class ResourceAlreadyExistsException extends StoreException {
  public ResourceAlreadyExistsException(String message) {
    super(message);
  }
}
