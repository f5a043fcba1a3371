package io.meshforge.ctl;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A tiny in-process REST API: answers programmed per {@code "METHOD /path?query"}, everything else
 * 404 in the API's error shape; every request is recorded.
 */
final class StubControlPlane implements AutoCloseable {
  /** One request as received. */
  record Request(String method, String target, String body, String authorization, String accept) {
    String line() {
      return method + " " + target;
    }
  }

  private record Answer(int status, String contentType, String body) {}

  private final HttpServer server;
  private final Map<String, Answer> answers = new ConcurrentHashMap<>();
  private final List<Request> requests = new CopyOnWriteArrayList<>();

  StubControlPlane() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
    answer("GET /", 200, "{\"product\":\"MeshForge\",\"version\":\"9.9\",\"mode\":\"global\"}");
  }

  String address() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Programs the answer to {@code line} ({@code "PUT /meshes/default"}). */
  StubControlPlane answer(String line, int status, String body) {
    answers.put(line, new Answer(status, "application/json", body));
    return this;
  }

  /** Programs a plain-text answer. */
  StubControlPlane answerText(String line, int status, String body) {
    answers.put(line, new Answer(status, "text/plain", body));
    return this;
  }

  List<Request> requests() {
    return List.copyOf(requests);
  }

  /** The request lines received, in order, without {@code GET /} checks. */
  List<String> lines() {
    return requests.stream().map(Request::line).toList();
  }

  Request last(String line) {
    return requests.reversed().stream()
        .filter(r -> r.line().equals(line))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + line + " in " + lines()));
  }

  private void handle(HttpExchange exchange) throws IOException {
    String target = exchange.getRequestURI().getRawPath();
    if (exchange.getRequestURI().getRawQuery() != null) {
      target += "?" + exchange.getRequestURI().getRawQuery();
    }
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    Request request =
        new Request(
            exchange.getRequestMethod(),
            target,
            body,
            exchange.getRequestHeaders().getFirst("Authorization"),
            exchange.getRequestHeaders().getFirst("Accept"));
    requests.add(request);
    Answer answer =
        answers.getOrDefault(
            request.line(),
            new Answer(
                404,
                "application/json",
                "{\"title\":\"Not found\",\"details\":\"nothing at " + target + "\"}"));
    byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", answer.contentType());
    exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      exchange.getResponseBody().write(bytes);
    }
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
