package io.meshforge.model.store;

/**
 * {@code OwnerNotFoundException} is thrown when the owner of a new resource (its Mesh) does not
 * exist.
 */
public class OwnerNotFoundException extends StoreException {
  public OwnerNotFoundException(String message) {
    super(message);
  }
}
