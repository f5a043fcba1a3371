package io.meshforge.zone.kds;

import io.grpc.ChannelCredentials;
import io.grpc.ClientInterceptor;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * {@code GlobalChannels} opens the gRPC channel to global: TLS trusting the configured CA (or the
 * JVM's trust store when none is given), or plaintext only for an explicit {@code grpc://} address.
 * A missing or unreadable CA file stops the start instead of weakening the connection.
 */
public final class GlobalChannels {

  private GlobalChannels() {}

  /**
   * Opens a channel; gRPC connects lazily, so this does not need global to be up.
   *
   * @param ca a PEM file of CA certificates, or {@code null} for the JVM's default trust
   * @param interceptors applied to every call (e.g. reading global's store epoch)
   */
  public static ManagedChannel open(
      GlobalAddress address, Path ca, ClientInterceptor... interceptors) {
    ChannelCredentials credentials = credentials(address, ca);
    return Grpc.newChannelBuilderForAddress(address.host(), address.port(), credentials)
        .intercept(interceptors)
        // Matches Kuma's 15 s keepalive so a silently dropped link is noticed below the
        // heartbeat timeout.
        .keepAliveTime(15, TimeUnit.SECONDS)
        .keepAliveTimeout(10, TimeUnit.SECONDS)
        .keepAliveWithoutCalls(true)
        .build();
  }

  static ChannelCredentials credentials(GlobalAddress address, Path ca) {
    if (!address.tls()) {
      if (ca != null) {
        throw new IllegalArgumentException(
            "zone.global.ca is set but zone.global.address "
                + address
                + " is plaintext: use grpcs://");
      }
      return InsecureChannelCredentials.create();
    }
    if (ca == null) {
      return TlsChannelCredentials.create();
    }
    if (!Files.isReadable(ca)) {
      throw new IllegalArgumentException("zone.global.ca: cannot read " + ca.toAbsolutePath());
    }
    try {
      return TlsChannelCredentials.newBuilder().trustManager(ca.toFile()).build();
    } catch (IOException e) {
      throw new UncheckedIOException("zone.global.ca: cannot load " + ca.toAbsolutePath(), e);
    }
  }
}
