package io.meshforge.zone;

import io.meshforge.local.FreePorts;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real PostgreSQL (the zonky binaries) that a test stops under a running control plane and starts
 * again: same data directory, same port, so the CP's pool reconnects by itself once it is back.
 * Stopping is PostgreSQL's fast shutdown: open connections are terminated, new ones are refused,
 * committed data stays.
 *
 * <p>Not {@code EmbeddedDatabase}: that one picks a new port at every start, and a CP's pool keeps
 * the URL it was started with.
 */
final class StoppableDatabase implements AutoCloseable {
  private final Path dataDirectory;
  private final int port;
  private EmbeddedPostgres running;

  /** Initialises a database in {@code dataDirectory} on a free port and starts it. */
  StoppableDatabase(Path dataDirectory) {
    this.dataDirectory = dataDirectory.toAbsolutePath();
    this.port = FreePorts.next();
    start();
  }

  /** The JDBC URL of the {@code postgres} database (user and password {@code postgres}). */
  String jdbcUrl() {
    return "jdbc:postgresql://localhost:" + port + "/postgres";
  }

  /** The arguments that point a control plane at this database and migrate it. */
  String[] cpArguments() {
    return new String[] {
      "--store.postgres.url=" + jdbcUrl(),
      "--store.postgres.username=postgres",
      "--store.postgres.password=postgres",
      "--store.postgres.pool=4",
      "--store.migrate=true"
    };
  }

  /** Starts the server (again) on the same directory and port. */
  synchronized void start() {
    if (running != null) {
      return;
    }
    try {
      running =
          EmbeddedPostgres.builder()
              .setDataDirectory(dataDirectory)
              .setCleanDataDirectory(false)
              .setPort(port)
              .setPGStartupWait(Duration.ofSeconds(60))
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("PostgreSQL in " + dataDirectory + " did not start", e);
    }
  }

  /** Stops the server; the data directory is kept. */
  synchronized void stop() {
    if (running == null) {
      return;
    }
    try {
      running.close();
    } catch (IOException e) {
      throw new UncheckedIOException("PostgreSQL in " + dataDirectory + " did not stop", e);
    } finally {
      running = null;
    }
  }

  @Override
  public void close() {
    stop();
  }
}
