package io.meshforge.zone.inspect;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

/**
 * A stand-in for an Envoy admin interface on 127.0.0.1: answers the paths it was given with 200,
 * anything else with 404, records the request URIs, and can be told to hang (until closed) or to
 * answer a large body.
 */
public final class FakeEnvoyAdmin implements AutoCloseable {
  private final HttpServer server;
  private final Map<String, byte[]> answers = new ConcurrentHashMap<>();
  private final List<String> requested = new CopyOnWriteArrayList<>();
  private final CountDownLatch closed = new CountDownLatch(1);
  private volatile boolean hang;

  /** Starts the server on a free port of 127.0.0.1. */
  public FakeEnvoyAdmin() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext(
        "/",
        exchange -> {
          requested.add(exchange.getRequestURI().toString());
          if (hang) {
            awaitClose();
          }
          byte[] body = answers.get(exchange.getRequestURI().getPath());
          if (body == null) {
            exchange.sendResponseHeaders(404, -1);
          } else {
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(body);
            }
          }
          exchange.close();
        });
    server.start();
  }

  /** Answers {@code path} with {@code body}. */
  public FakeEnvoyAdmin answer(String path, String body) {
    answers.put(path, body.getBytes(StandardCharsets.UTF_8));
    return this;
  }

  /** Answers {@code path} with {@code size} bytes. */
  public FakeEnvoyAdmin answerBytes(String path, int size) {
    answers.put(path, new byte[size]);
    return this;
  }

  /** Makes every request hang until the server closes. */
  public FakeEnvoyAdmin hang() {
    hang = true;
    return this;
  }

  /** Returns the port it listens on. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** Returns the request URIs (path and query) received so far. */
  public List<String> requested() {
    return List.copyOf(requested);
  }

  @Override
  public void close() {
    closed.countDown();
    server.stop(0);
  }

  private void awaitClose() {
    try {
      closed.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
