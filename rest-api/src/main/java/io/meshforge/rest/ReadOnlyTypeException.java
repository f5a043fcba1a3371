package io.meshforge.rest;

import io.meshforge.model.ResourceType;

/** A write to a type that cannot be written on this control plane. */
public class ReadOnlyTypeException extends RuntimeException {
  public ReadOnlyTypeException(String message) {
    super(message);
  }

  /**
   * Throws unless users may write {@code type} on this control plane: never a type the control
   * plane computes, and otherwise only when {@code providedHere}.
   *
   * @param notProvidedHere the message when the type belongs to the other kind of control plane
   */
  public static void requireWritable(
      ResourceType type, boolean providedHere, String notProvidedHere) {
    if (type.systemManaged()) {
      throw new ReadOnlyTypeException(
          type.name() + " is computed by the control plane and cannot be written");
    }
    if (!providedHere) {
      throw new ReadOnlyTypeException(type.name() + notProvidedHere);
    }
  }
}
