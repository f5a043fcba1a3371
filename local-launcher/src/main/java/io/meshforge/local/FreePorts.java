package io.meshforge.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Finds TCP ports that are free right now (for child processes to bind), below the kernel's
 * ephemeral range and never the same port twice in one JVM.
 *
 * <p>Why not {@code new ServerSocket(0)}: that port comes from the ephemeral range, which the
 * kernel also uses for the local side of every outgoing connection. Between handing a port out and
 * the child binding it, any process's connect (a JDBC pool, a gRPC channel, an Envoy upstream) may
 * take it: seen in CI as a zone CP failing with "Port 40949 was already in use". Ports below the
 * ephemeral range are never given to outgoing connections, so only an explicit listener can take
 * one, and the bind check below sees those.
 */
public final class FreePorts {
  /**
   * Every port handed out so far. A port is free only until its child binds it, and children start
   * asynchronously: without this, two callers may get the same port before the first child listens
   * (seen in CI: an ingress's Envoy found its admin port taken by an app started after it).
   */
  private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

  private static final int ATTEMPTS = 1000;
  private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");

  /** Linux's default first ephemeral port; macOS and Windows start higher (49152). */
  private static final int DEFAULT_EPHEMERAL_LOW = 32768;

  /** The lowest port handed out: above the registered ports most services listen on by default. */
  private static final int LOWEST = 10000;

  /** How many ports below the ephemeral range are candidates. */
  private static final int SPAN = 12000;

  private static final int[] RANGE = candidateRange(ephemeralLow());

  private FreePorts() {}

  /** Returns a port nothing listens on at this moment and that this JVM never handed out. */
  public static int next() {
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      int port = RANGE[0] + ThreadLocalRandom.current().nextInt(RANGE[1] - RANGE[0] + 1);
      if (!HANDED_OUT.contains(port) && bindable(port) && HANDED_OUT.add(port)) {
        return port;
      }
    }
    throw new IllegalStateException(
        "no free port in " + ATTEMPTS + " attempts in " + RANGE[0] + ".." + RANGE[1]);
  }

  /** The inclusive range {@link #next()} draws from. */
  static int[] range() {
    return RANGE.clone();
  }

  /**
   * Ports {@code [low, high]} just below the ephemeral range; when that range starts too low to
   * leave room, ports from {@code LOWEST} up (the kernel then avoids them only by chance, as
   * before).
   */
  static int[] candidateRange(int ephemeralLow) {
    int high = ephemeralLow - 1;
    int low = Math.max(LOWEST, high - SPAN + 1);
    if (high - low < 1000) {
      return new int[] {LOWEST, LOWEST + SPAN - 1};
    }
    return new int[] {low, high};
  }

  private static int ephemeralLow() {
    // Read line by line: Files.readString trusts the file size, and some kernels (gVisor, seen
    // here) report procfs sizes that truncate the content to its first byte.
    try (BufferedReader reader = Files.newBufferedReader(EPHEMERAL_RANGE)) {
      String[] bounds = reader.readLine().trim().split("\\s+");
      return Integer.parseInt(bounds[0]);
    } catch (IOException | RuntimeException e) {
      return DEFAULT_EPHEMERAL_LOW;
    }
  }

  /**
   * Whether a listener can bind the port on every address: children bind either the loopback or the
   * wildcard address, and a wildcard bind fails if anything listens on the port on any address.
   */
  private static boolean bindable(int port) {
    return bindableOn(new InetSocketAddress(port))
        && bindableOn(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
  }

  private static boolean bindableOn(InetSocketAddress address) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(false);
      socket.bind(address, 1);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
