package io.meshforge.zone.xds.context;

import java.util.Locale;

/**
 * The application protocol of an inbound or a destination, from the {@code kuma.io/protocol} tag or
 * a MeshService port's {@code appProtocol}. HTTP protocols get an HTTP connection manager, the rest
 * a TCP proxy.
 */
public enum Protocol {
  TCP,
  HTTP,
  HTTP2,
  GRPC;

  /** Parses a tag value; a missing or unknown value is {@link #TCP}, as in Kuma. */
  public static Protocol of(String value) {
    if (value == null) {
      return TCP;
    }
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "http" -> HTTP;
      case "http2" -> HTTP2;
      case "grpc" -> GRPC;
      default -> TCP;
    };
  }

  /** Returns {@code true} when traffic is handled by an HTTP connection manager. */
  public boolean http() {
    return this != TCP;
  }

  /** Returns {@code true} when the upstream speaks HTTP/2 (http2 and gRPC). */
  public boolean http2() {
    return this == HTTP2 || this == GRPC;
  }

  /**
   * Returns the protocol several endpoints of one service agree on: their common protocol, or
   * {@link #TCP} when they disagree (the safe common denominator).
   */
  public static Protocol common(Iterable<Protocol> protocols) {
    Protocol result = null;
    for (Protocol protocol : protocols) {
      if (result == null) {
        result = protocol;
      } else if (result != protocol) {
        return TCP;
      }
    }
    return result == null ? TCP : result;
  }
}
