package io.meshforge.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code TcpFaultProxy} sits between a client and a server on 127.0.0.1 and injects network faults
 * on demand: latency with jitter, a bandwidth limit, a silent blackhole (bytes are dropped, no RST,
 * connections stay open), resets of every open connection, and a receiver that stops reading.
 *
 * <p>Each connection is pumped by two virtual threads, one per direction. Fault settings are
 * volatile fields read by the pumps on every chunk, so a change applies to open connections at
 * once.
 */
public final class TcpFaultProxy implements AutoCloseable {
  private static final int CHUNK = 8192;

  private final ServerSocket server;
  private final InetSocketAddress target;
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private volatile boolean blackhole;
  private volatile boolean stopReading;
  private volatile boolean stallDownstream;
  private volatile long latencyMillis;
  private volatile long jitterMillis;
  private volatile long bytesPerSecond;
  private volatile boolean refuse;

  private TcpFaultProxy(ServerSocket server, InetSocketAddress target) {
    this.server = server;
    this.target = target;
    Thread.ofVirtual().name("fault-proxy-accept-" + server.getLocalPort()).start(this::acceptLoop);
  }

  /** Starts a proxy on a free port of 127.0.0.1 forwarding to {@code targetPort} there. */
  public static TcpFaultProxy start(int targetPort) {
    try {
      ServerSocket server = new ServerSocket(0, 128, InetAddress.getLoopbackAddress());
      return new TcpFaultProxy(
          server, new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort));
    } catch (IOException e) {
      throw new IllegalStateException("cannot open a proxy port", e);
    }
  }

  /** Returns the port clients connect to. */
  public int port() {
    return server.getLocalPort();
  }

  /** Drops every byte in both directions without closing anything (a silent partition). */
  public void blackhole(boolean on) {
    blackhole = on;
  }

  /** Stops reading from the client (the server then sees a peer that does not read). */
  public void stopReading(boolean on) {
    stopReading = on;
  }

  /**
   * Stops reading from the server, so the server sees a client that does not read: its writes fill
   * the socket buffers and HTTP/2 flow-control windows, while the client's bytes still reach it.
   */
  public void stallDownstream(boolean on) {
    stallDownstream = on;
  }

  /** Delays every chunk by {@code latency} ± {@code jitter}. */
  public void delay(Duration latency, Duration jitter) {
    latencyMillis = latency.toMillis();
    jitterMillis = jitter.toMillis();
  }

  /** Limits each direction of each connection to {@code bytesPerSecond}; 0 for no limit. */
  public void throttle(long limit) {
    bytesPerSecond = limit;
  }

  /** Refuses (closes at once) new connections while on. */
  public void refuseNew(boolean on) {
    refuse = on;
  }

  /** Resets every open connection (RST, not FIN). */
  public void resetAll() {
    for (Socket socket : sockets) {
      reset(socket);
    }
  }

  /** Clears every fault. */
  public void heal() {
    blackhole = false;
    stopReading = false;
    stallDownstream = false;
    latencyMillis = 0;
    jitterMillis = 0;
    bytesPerSecond = 0;
    refuse = false;
  }

  /** Returns how many sockets (client and server sides) are open. */
  public int openSockets() {
    return sockets.size();
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      // closing anyway
    }
    resetAll();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        if (refuse) {
          reset(client);
          continue;
        }
        Thread.ofVirtual().start(() -> connect(client));
      } catch (IOException e) {
        if (server.isClosed()) {
          return;
        }
      }
    }
  }

  /**
   * Connects a client to the target off the accept thread. When the target refuses (it is down),
   * the client is reset at once, as a refused connection would be, instead of being left open.
   */
  private void connect(Socket client) {
    Socket upstream = new Socket();
    try {
      upstream.connect(target, 5_000);
    } catch (IOException e) {
      close(upstream);
      reset(client);
      return;
    }
    sockets.add(client);
    sockets.add(upstream);
    Thread.ofVirtual().start(() -> pump(client, upstream, true));
    Thread.ofVirtual().start(() -> pump(upstream, client, false));
  }

  private void pump(Socket from, Socket to, boolean fromClient) {
    byte[] buffer = new byte[CHUNK];
    try (InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream()) {
      while (true) {
        holdWhileStalled(from, fromClient);
        int n = in.read(buffer);
        if (n < 0) {
          break;
        }
        // a read already blocked when the stall began must not slip its chunk through
        holdWhileStalled(from, fromClient);
        if (blackhole) {
          continue;
        }
        shape(n);
        out.write(buffer, 0, n);
        out.flush();
      }
    } catch (IOException | InterruptedException e) {
      // the connection is gone; close both sides below
    } finally {
      close(from);
      close(to);
    }
  }

  private void holdWhileStalled(Socket from, boolean fromClient) throws InterruptedException {
    while ((fromClient ? stopReading : stallDownstream) && !from.isClosed()) {
      Thread.sleep(20);
    }
  }

  private void shape(int bytes) throws InterruptedException {
    long wait = latencyMillis;
    if (jitterMillis > 0) {
      wait += ThreadLocalRandom.current().nextLong(-jitterMillis, jitterMillis + 1);
    }
    long limit = bytesPerSecond;
    if (limit > 0) {
      wait += bytes * 1000L / limit;
    }
    if (wait > 0) {
      Thread.sleep(wait);
    }
  }

  private void close(Socket socket) {
    sockets.remove(socket);
    try {
      socket.close();
    } catch (IOException e) {
      // already closed
    }
  }

  private void reset(Socket socket) {
    try {
      socket.setSoLinger(true, 0);
    } catch (SocketException e) {
      // closing anyway
    }
    close(socket);
  }
}
