package io.meshforge.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds TCP ports that are free on 127.0.0.1 right now (for child processes to bind), never the
 * same port twice in one JVM.
 */
public final class FreePorts {
  /**
   * Every port handed out so far. A port is free only until its child binds it, and children start
   * asynchronously: without this, the kernel may give the same ephemeral port to two callers before
   * the first child listens (seen in CI: an ingress's Envoy found its admin port taken by an app
   * started after it).
   */
  private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

  private static final int ATTEMPTS = 1000;

  private FreePorts() {}

  /** Returns a port nothing listens on at this moment and that this JVM never handed out. */
  public static int next() {
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      int port = unboundPort();
      if (HANDED_OUT.add(port)) {
        return port;
      }
    }
    throw new IllegalStateException("no free port in " + ATTEMPTS + " attempts");
  }

  private static int unboundPort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port", e);
    }
  }
}
