package io.meshforge.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code LocalPorts} is where everything {@code meshforge-local} starts listens: Kuma's default
 * ports for global (5681 API, 5685 KDS, 5680 diagnostics), the same ports plus {@code 10000 * n}
 * for the n-th zone, and the zone's demo proxies and apps next to its API port; every port shifted
 * by one offset ({@code --port-offset}), so a second copy (or a test) can run beside the first.
 *
 * @param offset added to every port
 */
public record LocalPorts(int offset) {

  /** The ports of one zone and of the demo processes the launcher runs in it. */
  public record Zone(
      int api,
      int xds,
      int diagnostics,
      int ingress,
      int ingressAdmin,
      int demoApp,
      int demoAppInbound,
      int demoAppOutbound,
      int demoAppAdmin,
      int backend,
      int backendInbound,
      int backendAdmin) {

    /** Every port of the zone. */
    public List<Integer> all() {
      return List.of(
          api,
          xds,
          diagnostics,
          ingress,
          ingressAdmin,
          demoApp,
          demoAppInbound,
          demoAppOutbound,
          demoAppAdmin,
          backend,
          backendInbound,
          backendAdmin);
    }
  }

  /** The highest offset that keeps every port of {@code zones} zones below 65536. */
  public static int maxOffset(int zones) {
    return 65_535 - (10_000 * zones + 5_712);
  }

  public int globalApi() {
    return 5681 + offset;
  }

  public int globalKds() {
    return 5685 + offset;
  }

  public int globalDiagnostics() {
    return 5680 + offset;
  }

  /** The ports of the zone at {@code index} (0 for the first zone). */
  public Zone zone(int index) {
    int base = 10_000 * (index + 1) + offset;
    return new Zone(
        base + 5681,
        base + 5678,
        base + 5680,
        base + 5690,
        base + 5691,
        base + 5700,
        base + 5701,
        base + 5702,
        base + 5703,
        base + 5710,
        base + 5711,
        base + 5712);
  }

  /** Every port of global and {@code zones} zones. */
  public List<Integer> all(int zones) {
    List<Integer> ports = new ArrayList<>(List.of(globalApi(), globalKds(), globalDiagnostics()));
    for (int i = 0; i < zones; i++) {
      ports.addAll(zone(i).all());
    }
    return ports;
  }

  /** The ports of {@code zones} zones and global that something already listens on. */
  public List<Integer> busy(int zones) {
    List<Integer> busy = new ArrayList<>();
    for (int port : all(zones)) {
      if (!free(port)) {
        busy.add(port);
      }
    }
    return busy;
  }

  private static boolean free(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      // no SO_REUSEADDR: a port in TIME_WAIT is fine to bind for the servers, but one another
      // process listens on must show as busy
      socket.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
