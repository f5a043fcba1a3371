package io.meshforge.local;

import java.util.concurrent.CountDownLatch;

/**
 * The README's main command: a global control plane and two zones on this machine, each a separate
 * JVM with its own embedded PostgreSQL, connected over authenticated KDS, plus (with Envoy on PATH)
 * a zone ingress per zone and demo services with forge-dp sidecars whose traffic crosses zones.
 * Ctrl-C (or SIGTERM) stops every process it started; the state directory is reused by the next
 * run.
 *
 * <pre>
 * meshforge-local [--zones east,west] [--state-dir .forge/local] [--port-offset N] [--no-demo]
 *                 [--jars DIR]
 * </pre>
 *
 * Exit codes: 0 after Ctrl-C, 1 when something failed to start (everything started is stopped), 2
 * for a bad command line.
 */
public final class LocalLauncherMain {
  private LocalLauncherMain() {}

  public static void main(String[] args) throws InterruptedException {
    LauncherOptions options;
    try {
      options = LauncherOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("meshforge-local: " + e.getMessage());
      System.err.println(LauncherOptions.USAGE);
      System.exit(2);
      return;
    }
    ProgressLog log = new ProgressLog(System.out);
    StopSequence stops = new StopSequence(options.stateDir());
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  log.text("\nStopping every process meshforge-local started...");
                  stops.stopAll();
                  log.text("Stopped.");
                },
                "meshforge-local-stop"));
    ReadyReport report;
    try {
      report = new LocalLauncher(options, log, stops).run();
    } catch (RuntimeException e) {
      log.text("\nmeshforge-local could not start: " + e.getMessage());
      System.exit(1); // runs the shutdown hook, which stops what did start
      return;
    }
    log.text(report.text(log.seconds()));
    new CountDownLatch(1).await(); // until Ctrl-C: the shutdown hook does the rest
  }
}
