package io.meshforge.zone.kds;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * {@code GlobalAddress} is where global's KDS server listens, parsed from {@code
 * zone.global.address}: {@code grpcs://host:port} or {@code host:port} (TLS), or {@code
 * grpc://host:port} (plaintext: only when written explicitly, for tests and local experiments).
 * There is no fallback from TLS to plaintext.
 *
 * @param host the host name or address
 * @param port the port (Kuma's 5685 when left out)
 * @param tls whether the connection uses TLS
 */
public record GlobalAddress(String host, int port, boolean tls) {

  /** Kuma's KDS port. */
  public static final int DEFAULT_PORT = 5685;

  /**
   * Parses an address.
   *
   * @throws IllegalArgumentException naming the key when the address is malformed
   */
  public static GlobalAddress parse(String address) {
    String text = address.strip();
    boolean tls;
    if (text.startsWith("grpcs://")) {
      tls = true;
    } else if (text.startsWith("grpc://")) {
      tls = false;
    } else if (text.contains("://")) {
      throw invalid(address, "the scheme must be grpcs:// (TLS) or grpc:// (plaintext, tests)");
    } else {
      tls = true;
      text = "grpcs://" + text;
    }
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      throw invalid(address, e.getMessage());
    }
    if (uri.getHost() == null) {
      throw invalid(address, "no host");
    }
    if (uri.getPath() != null && !uri.getPath().isEmpty() && !uri.getPath().equals("/")) {
      throw invalid(address, "a KDS address has no path");
    }
    return new GlobalAddress(uri.getHost(), uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort(), tls);
  }

  private static IllegalArgumentException invalid(String address, String why) {
    return new IllegalArgumentException(
        "zone.global.address '" + address + "' is not a KDS address: " + why);
  }

  @Override
  public String toString() {
    return (tls ? "grpcs://" : "grpc://") + host + ":" + port;
  }
}
