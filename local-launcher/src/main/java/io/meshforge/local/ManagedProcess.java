package io.meshforge.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code ManagedProcess} is one child process (a control plane, Envoy, a demo service) with its
 * output in a log file: started, waited for, stopped politely or killed.
 *
 * <p>{@link #kill()} is a real SIGKILL ({@link Process#destroyForcibly()}), which is what the fault
 * tests need; {@link #stop} sends SIGTERM first and kills only after the grace period.
 */
public final class ManagedProcess implements AutoCloseable {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final String name;
  private final Process process;
  private final Path logFile;

  private ManagedProcess(String name, Process process, Path logFile) {
    this.name = name;
    this.process = process;
    this.logFile = logFile;
  }

  /** Returns a builder for a process with this display name. */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** Builds and starts a {@link ManagedProcess}. */
  public static final class Builder {
    private final String name;
    private final List<String> command = new ArrayList<>();
    private final Map<String, String> env = new LinkedHashMap<>();
    private Path workDir;
    private Path logFile;

    private Builder(String name) {
      this.name = name;
    }

    /** Sets the command line. */
    public Builder command(List<String> commandLine) {
      command.clear();
      command.addAll(commandLine);
      return this;
    }

    /** Adds an environment variable (the rest of the environment is inherited). */
    public Builder env(String key, String value) {
      env.put(key, value);
      return this;
    }

    /** Sets the working directory. */
    public Builder workDir(Path dir) {
      this.workDir = dir;
      return this;
    }

    /** Sets the file standard output and error go to (appended). */
    public Builder logFile(Path file) {
      this.logFile = file;
      return this;
    }

    /** Starts the process. */
    public ManagedProcess start() {
      if (command.isEmpty() || logFile == null) {
        throw new IllegalStateException(name + ": a command and a log file are required");
      }
      try {
        Files.createDirectories(logFile.toAbsolutePath().getParent());
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(env);
        if (workDir != null) {
          Files.createDirectories(workDir);
          builder.directory(workDir.toFile());
        }
        builder.redirectErrorStream(true);
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        return new ManagedProcess(name, builder.start(), logFile);
      } catch (IOException e) {
        throw new UncheckedIOException(name + ": could not start " + command, e);
      }
    }
  }

  public String name() {
    return name;
  }

  public long pid() {
    return process.pid();
  }

  /** The process's handle (for its descendants). */
  public ProcessHandle handle() {
    return process.toHandle();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public Path logFile() {
    return logFile;
  }

  /**
   * Polls {@code url} until it answers 200, for at most {@code timeout}. Fails at once, with the
   * end of the log, when the process exits first.
   */
  public void awaitHttpOk(URI url, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            name
                + " exited with "
                + process.exitValue()
                + " before "
                + url
                + " answered:\n"
                + logTail(40));
      }
      if (answersOk(url)) {
        return;
      }
      pause(Duration.ofMillis(200));
    }
    throw new IllegalStateException(
        name + ": " + url + " did not answer 200 within " + timeout + ":\n" + logTail(40));
  }

  /** Sends SIGTERM, waits up to {@code grace}, then kills. */
  public void stop(Duration grace) {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        kill();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      kill();
    }
  }

  /** SIGKILL, then waits for the process to be gone. */
  public void kill() {
    process.destroyForcibly();
    try {
      process.waitFor(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Returns the last lines of the log file. */
  public String logTail(int lines) {
    try {
      List<String> all = Files.readAllLines(logFile, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException | UncheckedIOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() {
    stop(Duration.ofSeconds(20));
  }

  static boolean answersOk(URI url) {
    try {
      HttpResponse<Void> response =
          HTTP.send(
              HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(2)).GET().build(),
              HttpResponse.BodyHandlers.discarding());
      return response.statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting", e);
    }
  }
}
