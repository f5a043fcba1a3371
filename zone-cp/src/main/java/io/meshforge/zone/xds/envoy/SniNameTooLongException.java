package io.meshforge.zone.xds.envoy;

/**
 * Thrown when a destination's names do not fit the server-name scheme of {@link SniName}: the zone
 * or mesh takes more than one DNS label once encoded, or the whole name exceeds 253 characters.
 */
public final class SniNameTooLongException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  /** Creates the exception with what did not fit. */
  public SniNameTooLongException(String message) {
    super(message);
  }
}
