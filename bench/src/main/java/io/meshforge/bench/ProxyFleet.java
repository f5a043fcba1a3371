package io.meshforge.bench;

import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.meshforge.local.ZoneNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code ProxyFleet} is a set of {@link EmulatedProxy emulated proxies} of one zone, spread over a
 * few shared plaintext gRPC channels to its xDS port (direct executor: responses are handled on
 * gRPC's event loop, no thread per proxy).
 */
final class ProxyFleet implements AutoCloseable {
  private final List<ManagedChannel> channels = new ArrayList<>();
  private final List<EmulatedProxy> proxies = new ArrayList<>();

  /** Opens {@code channels} channels to {@code zone}'s xDS port. */
  ProxyFleet(ZoneNode zone, int channels) {
    for (int c = 0; c < channels; c++) {
      this.channels.add(
          Grpc.newChannelBuilder(
                  "127.0.0.1:" + zone.spec().xdsPort(), InsecureChannelCredentials.create())
              .directExecutor()
              .maxInboundMessageSize(64 * 1024 * 1024)
              .build());
    }
  }

  /** Connects {@code proxy} on the next channel (round robin) and keeps it. */
  void connect(EmulatedProxy proxy) {
    proxy.connect(channels.get(proxies.size() % channels.size()));
    proxies.add(proxy);
  }

  List<EmulatedProxy> proxies() {
    return proxies;
  }

  int size() {
    return proxies.size();
  }

  /** How many streams have failed, with the first failure (for the report); null when none. */
  String failures() {
    List<EmulatedProxy> failed = proxies.stream().filter(p -> p.error() != null).toList();
    return failed.isEmpty() ? null : failed.size() + ", e.g. " + failed.getFirst().error();
  }

  /**
   * Waits until every proxy has received clusters, endpoints and listeners.
   *
   * @throws IllegalStateException when a stream fails or {@code timeout} passes first
   */
  void awaitReady(Duration timeout) {
    awaitReady(proxies, timeout);
  }

  /** {@link #awaitReady(Duration)} for any list of proxies. */
  static void awaitReady(List<EmulatedProxy> proxies, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      long notReady = proxies.stream().filter(p -> !p.ready()).count();
      EmulatedProxy failed =
          proxies.stream().filter(p -> p.error() != null).findFirst().orElse(null);
      if (failed != null) {
        throw new IllegalStateException("a proxy stream failed", failed.error());
      }
      if (notReady == 0) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            notReady
                + " proxies got no complete configuration in "
                + timeout
                + ", e.g. "
                + proxies.stream().filter(p -> !p.ready()).findFirst().get().answeredTypes());
      }
      LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
    }
  }

  @Override
  public void close() {
    proxies.forEach(EmulatedProxy::close);
    channels.forEach(ManagedChannel::shutdownNow);
  }
}
