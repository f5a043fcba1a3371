package io.meshforge.rest;

/** A write to a type that cannot be written on this control plane. */
public class ReadOnlyTypeException extends RuntimeException {
  public ReadOnlyTypeException(String message) {
    super(message);
  }
}
