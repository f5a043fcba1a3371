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
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code TcpFaultProxy} sits between a client and a server on 127.0.0.1 and injects network faults
 * on demand: latency with jitter, a bandwidth limit, a silent blackhole (bytes are dropped, no RST,
 * connections stay open), resets of every open connection, and a receiver that stops reading.
 *
 * <p>Each direction of each connection is a reader and a writer virtual thread with the chunks in
 * flight between them (see {@link #pump}). Fault settings are volatile fields read on every chunk,
 * so a change applies to open connections at once (chunks already in flight keep their timing).
 */
public final class TcpFaultProxy implements AutoCloseable {
  private static final int CHUNK = 8192;

  /** Chunks in flight per direction (2 MB): bounds memory when only latency is set. */
  private static final int LINE_CHUNKS = 256;

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
  private final LongAdder bytesToServer = new LongAdder();
  private final LongAdder bytesToClient = new LongAdder();

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

  /**
   * Delays every chunk by {@code latency} ± {@code jitter}, as a link's propagation delay: chunks
   * in flight overlap, so the delay does not lower the throughput.
   */
  public void delay(Duration latency, Duration jitter) {
    latencyMillis = latency.toMillis();
    jitterMillis = jitter.toMillis();
  }

  /**
   * Limits each direction of each connection to {@code bytesPerSecond} (the sender is held for each
   * chunk's transmission time); 0 for no limit.
   */
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

  /** Returns how many bytes were forwarded from clients to the server, over all connections. */
  public long bytesToServer() {
    return bytesToServer.sum();
  }

  /** Returns how many bytes were forwarded from the server to clients, over all connections. */
  public long bytesToClient() {
    return bytesToClient.sum();
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

  /**
   * Reads one direction and hands each chunk to that direction's {@link #deliver} thread, timed
   * like a real link rather than stop-and-wait: the reader is held for the chunk's transmission
   * time at {@link #throttle} (so the sender feels the bandwidth as TCP backpressure), and the
   * chunk then travels for {@link #delay} while the next ones are already being read. Sleeping the
   * latency in the reader instead would cap throughput at one chunk per latency (8 KB per 200 ms is
   * 40 KB/s whatever the throttle says) and charge each small frame, a heartbeat or an ACK, a full
   * latency of its own.
   */
  private void pump(Socket from, Socket to, boolean fromClient) {
    BlockingQueue<Chunk> line = new ArrayBlockingQueue<>(LINE_CHUNKS);
    Thread reader = Thread.currentThread();
    Thread writer = Thread.ofVirtual().start(() -> deliver(line, from, to, reader));
    long linkFree = System.nanoTime();
    long lastDue = 0;
    boolean ended = false;
    try (InputStream in = from.getInputStream()) {
      while (true) {
        holdWhileStalled(from, fromClient);
        byte[] buffer = new byte[CHUNK];
        int n = in.read(buffer);
        if (n < 0) {
          ended = true;
          break;
        }
        // a read already blocked when the stall began must not slip its chunk through
        holdWhileStalled(from, fromClient);
        if (blackhole) {
          continue;
        }
        countBytes(fromClient, n);
        long sent = Math.max(System.nanoTime(), linkFree) + transmissionNanos(n);
        linkFree = sent;
        sleepUntil(sent);
        // jitter must not reorder: TCP would deliver the bytes in order anyway
        long due = Math.max(lastDue, sent + latencyNanos());
        lastDue = due;
        line.put(new Chunk(buffer, n, due));
      }
      line.put(Chunk.END);
    } catch (IOException | InterruptedException e) {
      // the connection is gone (or the writer failed and interrupted us); close both sides below
    } finally {
      if (!ended) {
        writer.interrupt();
        close(from);
        close(to);
      }
    }
  }

  /**
   * Writes each chunk of one direction when it is due; at the end of the stream (after delivering
   * what was in flight) or on a failure, closes both sides.
   */
  private void deliver(BlockingQueue<Chunk> line, Socket from, Socket to, Thread reader) {
    try (OutputStream out = to.getOutputStream()) {
      while (true) {
        Chunk chunk = line.take();
        if (chunk == Chunk.END) {
          break;
        }
        sleepUntil(chunk.due());
        if (blackhole) {
          continue;
        }
        out.write(chunk.bytes(), 0, chunk.length());
        out.flush();
      }
    } catch (IOException | InterruptedException e) {
      reader.interrupt();
    } finally {
      close(from);
      close(to);
    }
  }

  private long transmissionNanos(int bytes) {
    long limit = bytesPerSecond;
    return limit > 0 ? bytes * 1_000_000_000L / limit : 0;
  }

  private long latencyNanos() {
    long wait = latencyMillis;
    long jitter = jitterMillis;
    if (jitter > 0) {
      wait += ThreadLocalRandom.current().nextLong(-jitter, jitter + 1);
    }
    return Math.max(0, wait) * 1_000_000L;
  }

  private void countBytes(boolean fromClient, int n) {
    (fromClient ? bytesToServer : bytesToClient).add(n);
  }

  private static void sleepUntil(long nanoTime) throws InterruptedException {
    long wait = nanoTime - System.nanoTime();
    if (wait > 0) {
      Thread.sleep(Duration.ofNanos(wait));
    }
  }

  private void holdWhileStalled(Socket from, boolean fromClient) throws InterruptedException {
    while ((fromClient ? stopReading : stallDownstream) && !from.isClosed()) {
      Thread.sleep(20);
    }
  }

  /** Bytes read from one side, due at the other at {@code due} ({@link System#nanoTime}). */
  private record Chunk(byte[] bytes, int length, long due) {
    static final Chunk END = new Chunk(new byte[0], 0, 0);
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
