package io.meshforge.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * {@code ControlPlaneNode} is what a global and a zone control plane run as a child JVM have in
 * common: the process (started, killed, stopped) and plain calls on its REST API.
 */
public abstract class ControlPlaneNode implements AutoCloseable {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private ManagedProcess process;
  private Duration stopGrace = Duration.ofSeconds(20);

  /** Starts {@code jar} with {@code args} and waits until {@code /ready} answers on diagnostics. */
  protected final void launch(
      String name,
      Path jar,
      List<String> jvmOptions,
      List<String> args,
      Path logFile,
      int diagnosticsPort,
      Duration timeout) {
    process =
        ManagedProcess.builder(name)
            .command(JavaCommand.jar(jar, jvmOptions, args))
            .logFile(logFile)
            .start();
    process.awaitHttpOk(URI.create("http://127.0.0.1:" + diagnosticsPort + "/ready"), timeout);
  }

  /** The REST API's base URL. */
  public abstract String apiUrl();

  /** The state directory; the control plane writes its admin token there at first start. */
  protected abstract Path stateDir();

  /**
   * The admin token the control plane generated at first start ({@code <state dir>/admin-token}):
   * every call on its REST API carries it (the API denies by default, ADR 0024).
   */
  public String adminToken() {
    try {
      return Files.readString(stateDir().resolve("admin-token")).trim();
    } catch (IOException e) {
      throw new IllegalStateException("no admin token in " + stateDir(), e);
    }
  }

  /** A request builder for {@code path} on the REST API, carrying the admin token. */
  protected final HttpRequest.Builder apiRequest(String path) {
    return HttpRequest.newBuilder(URI.create(apiUrl() + path))
        .header("Authorization", "Bearer " + adminToken());
  }

  /** SIGKILL: what a crash looks like to everyone else. */
  public void kill() {
    if (process != null) {
      process.kill();
    }
  }

  /** SIGTERM, then SIGKILL after the grace period ({@link #setStopGrace}, default 20 s). */
  public void stop() {
    if (process != null) {
      process.stop(stopGrace);
    }
  }

  /** Sets how long {@link #stop()} waits after SIGTERM (a JVM writing a class cache needs more). */
  public void setStopGrace(Duration grace) {
    this.stopGrace = grace;
  }

  public boolean isAlive() {
    return process != null && process.isAlive();
  }

  public ManagedProcess process() {
    return process;
  }

  /** GET on the REST API; the body, or {@code null} when not 200. */
  public String get(String path) {
    HttpResponse<String> answer = send(apiRequest(path).GET().build());
    return answer.statusCode() == 200 ? answer.body() : null;
  }

  /** PUT of a YAML body on the REST API; returns the status code. */
  public int putYaml(String path, String yaml) {
    return send(apiRequest(path)
            .header("Content-Type", "application/yaml")
            .PUT(HttpRequest.BodyPublishers.ofString(yaml, StandardCharsets.UTF_8))
            .build())
        .statusCode();
  }

  /** DELETE on the REST API; returns the status code. */
  public int delete(String path) {
    return send(apiRequest(path).DELETE().build()).statusCode();
  }

  @Override
  public void close() {
    stop();
  }

  static HttpResponse<String> send(HttpRequest request) {
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(request.uri() + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
