package io.meshforge.zone.xds.generator;

/** A generator failed for a proxy; the message names the generator and the proxy. */
public final class GenerationException extends RuntimeException {

  /** Creates the exception. */
  public GenerationException(String message, Throwable cause) {
    super(message, cause);
  }
}
