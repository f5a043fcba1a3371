package io.meshforge.dp;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * {@code EnvoySupervisor} runs Envoy ({@code envoy -c <bootstrap> --log-level warn --base-id <id>})
 * and restarts it when it dies, after a backoff that doubles from {@code backoff} up to {@code
 * maxBackoff} and resets once an Envoy stayed up for {@code maxBackoff}. {@link #stop} sends
 * SIGTERM, waits up to 10 s, then kills.
 *
 * <p>The base id is unique per agent process and per start (the agent's pid times 100 plus the
 * start count), so several Envoys coexist on one host and a restarted Envoy never trips over its
 * dead predecessor's shared memory.
 *
 * <p>Thread confinement: {@link #run} loops on the caller's thread; {@link #stop} may be called
 * from any thread (the shutdown hook) and makes {@code run} return.
 */
public final class EnvoySupervisor {
  private static final Duration STOP_GRACE = Duration.ofSeconds(10);

  private final EnvoyBinary envoy;
  private final Path bootstrap;
  private final Duration backoff;
  private final Duration maxBackoff;
  private final Runnable onStarted;
  private final Object lock = new Object();
  private Process current; // guarded by lock
  private boolean stopping; // guarded by lock
  private int starts;

  /**
   * @param envoy the executable
   * @param bootstrap the bootstrap file
   * @param backoff the first restart delay
   * @param maxBackoff the longest restart delay
   * @param onStarted called on the supervising thread after each start (readiness probing)
   */
  public EnvoySupervisor(
      EnvoyBinary envoy,
      Path bootstrap,
      Duration backoff,
      Duration maxBackoff,
      Runnable onStarted) {
    this.envoy = envoy;
    this.bootstrap = bootstrap;
    this.backoff = backoff;
    this.maxBackoff = maxBackoff;
    this.onStarted = onStarted;
  }

  /** Runs Envoy until {@link #stop}; returns then. */
  public void run() throws InterruptedException {
    Duration delay = backoff;
    while (true) {
      Process process;
      synchronized (lock) {
        if (stopping) {
          return;
        }
        process = start();
        current = process;
      }
      long started = System.nanoTime();
      AgentLog.info("started Envoy (pid " + process.pid() + ")");
      onStarted.run();
      int exit = process.waitFor();
      synchronized (lock) {
        current = null;
        if (stopping) {
          return;
        }
      }
      if (Duration.ofNanos(System.nanoTime() - started).compareTo(maxBackoff) >= 0) {
        delay = backoff;
      }
      AgentLog.info(
          "Envoy exited with code " + exit + "; restarting in " + delay.toMillis() + " ms");
      synchronized (lock) {
        lock.wait(delay.toMillis()); // stop() wakes us
      }
      delay = delay.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : delay.multipliedBy(2);
    }
  }

  /** Returns the running Envoy, if any. */
  public Optional<ProcessHandle> current() {
    synchronized (lock) {
      return Optional.ofNullable(current).map(Process::toHandle);
    }
  }

  /** Stops Envoy (SIGTERM, then SIGKILL after 10 s) and ends {@link #run}. */
  public void stop() {
    Process process;
    synchronized (lock) {
      stopping = true;
      process = current;
      lock.notifyAll();
    }
    if (process == null) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    AgentLog.info("stopped Envoy");
  }

  private Process start() {
    long baseId = ProcessHandle.current().pid() * 100 + (starts++ % 100);
    List<String> command =
        List.of(
            envoy.path().toString(),
            "-c",
            bootstrap.toString(),
            "--log-level",
            "warn",
            "--base-id",
            Long.toString(baseId),
            // A listener update (new RBAC rules, certificates) drains the connections of the old
            // filter chain. With the default gradual strategy a kept-alive connection obeys the
            // old rules for minutes; "immediate" closes each one after its next response, so a
            // policy applies to the next request. 30 s bounds idle ones (Kuma's drain time).
            "--drain-time-s",
            "30",
            "--drain-strategy",
            "immediate");
    try {
      return new ProcessBuilder(command).inheritIO().start();
    } catch (IOException e) {
      throw new AgentFailure(
          ExitCodes.ENVOY_MISSING, "cannot start " + envoy.path() + ": " + e.getMessage());
    }
  }
}
