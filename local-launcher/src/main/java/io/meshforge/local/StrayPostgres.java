package io.meshforge.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code StrayPostgres} finds the embedded PostgreSQL servers whose data directory lies under the
 * launcher's state directory. The control planes start them detached (their parent is init, not the
 * control plane), so a control plane that was killed, not stopped, leaves its server running; the
 * next run could not open the same data directory. Only servers started with {@code -D} inside the
 * state directory are touched, never any other PostgreSQL.
 */
final class StrayPostgres {
  private static final Duration GRACE = Duration.ofSeconds(10);

  private StrayPostgres() {}

  /** The PostgreSQL servers with a data directory under {@code stateDir}. */
  static List<ProcessHandle> under(Path stateDir) {
    String prefix = stateDir.toAbsolutePath().normalize() + "/";
    return ProcessHandle.allProcesses()
        .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false))
        .filter(p -> dataDirectory(p.info().arguments().orElse(new String[0])).startsWith(prefix))
        .toList();
  }

  /**
   * Stops every server under {@code stateDir}: SIGTERM (PostgreSQL's smart shutdown; their clients
   * are gone), SIGKILL after the grace. Returns how many there were.
   */
  static int stop(Path stateDir) {
    List<ProcessHandle> servers = under(stateDir);
    servers.forEach(ProcessHandle::destroy);
    for (ProcessHandle server : servers) {
      try {
        server.onExit().get(GRACE.toMillis(), TimeUnit.MILLISECONDS);
      } catch (Exception e) {
        server.destroyForcibly();
      }
    }
    return servers.size();
  }

  private static String dataDirectory(String[] args) {
    List<String> list = Arrays.asList(args);
    int at = list.indexOf("-D");
    return at >= 0 && at + 1 < list.size() ? list.get(at + 1) : "";
  }
}
