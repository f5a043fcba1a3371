package io.meshforge.model.spec;

/**
 * {@code IntOrString} is a field that takes either an integer or a string, like Kubernetes' {@code
 * intstr.IntOrString} (for example a MeshService {@code targetPort}: a number or a port name).
 *
 * @param number the integer, or {@code null} when a string was given
 * @param text the string, or {@code null} when an integer was given
 */
public record IntOrString(Long number, String text) {

  public IntOrString {
    if ((number == null) == (text == null)) {
      throw new IllegalArgumentException("exactly one of number and text must be set");
    }
  }

  /** Returns whether an integer was given. */
  public boolean isNumber() {
    return number != null;
  }

  @Override
  public String toString() {
    return number != null ? number.toString() : text;
  }
}
