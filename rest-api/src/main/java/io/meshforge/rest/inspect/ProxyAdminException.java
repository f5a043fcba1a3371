package io.meshforge.rest.inspect;

import java.util.Objects;

/**
 * {@code ProxyAdminException} says why a proxy's Envoy admin data cannot be had. The REST layer's
 * exception handler turns each {@link Reason} into an HTTP status.
 */
public final class ProxyAdminException extends RuntimeException {

  /** Why the data cannot be had. */
  public enum Reason {
    /** The proxy has no xDS stream open on the zone CP instance asked. */
    PROXY_OFFLINE,
    /** The proxy's Envoy admin refused the connection or answered with an error. */
    ADMIN_UNREACHABLE,
    /** The proxy's Envoy admin did not answer in time. */
    ADMIN_TIMEOUT,
    /** Envoy's answer is larger than the configured limit. */
    TOO_LARGE,
    /** The owning zone has no KDS connection to this global instance. */
    ZONE_OFFLINE,
    /** The owning zone did not answer in time. */
    ZONE_TIMEOUT,
    /** The request cannot be served (e.g. a proxy type this control plane cannot inspect). */
    UNSUPPORTED
  }

  private final Reason reason;

  /**
   * Creates the exception.
   *
   * @param reason why the data cannot be had
   * @param message what went wrong, naming the proxy
   */
  public ProxyAdminException(Reason reason, String message) {
    super(message);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /** Returns why the data cannot be had. */
  public Reason reason() {
    return reason;
  }
}
