package io.meshforge.kds.transport;

import io.grpc.Metadata;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code KdsHeaders} are the gRPC metadata a zone sends on every KDS call: the protocol version it
 * speaks and its capabilities. Negotiation lives here rather than in xDS node metadata so it is
 * checked once, at call open, before any message is read (see ADR 0010).
 */
public final class KdsHeaders {

  /** The KDS protocol version this code speaks. A zone newer than global is refused. */
  public static final int PROTOCOL_VERSION = 1;

  /** Protocol version header: a decimal integer. */
  public static final Metadata.Key<String> VERSION =
      Metadata.Key.of("kds-protocol-version", Metadata.ASCII_STRING_MARSHALLER);

  /** Capabilities header: comma-separated feature names. */
  public static final Metadata.Key<String> FEATURES =
      Metadata.Key.of("kds-features", Metadata.ASCII_STRING_MARSHALLER);

  private KdsHeaders() {}

  /** Returns the headers a zone attaches: its version and features. */
  public static Metadata of(int version, Set<String> features) {
    Metadata headers = new Metadata();
    headers.put(VERSION, Integer.toString(version));
    headers.put(FEATURES, String.join(",", features));
    return headers;
  }

  /** Reads the features header; absent means none. */
  public static Set<String> features(Metadata headers) {
    String value = headers.get(FEATURES);
    if (value == null || value.isBlank()) {
      return Set.of();
    }
    return Arrays.stream(value.split(","))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .collect(Collectors.toUnmodifiableSet());
  }

  /** Reads the version header; absent or malformed gives -1. */
  public static int version(Metadata headers) {
    String value = headers.get(VERSION);
    try {
      return value == null ? -1 : Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
