package io.meshforge.store.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.meshforge.model.store.StoreUnavailableException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code EmbeddedDatabase} runs a real PostgreSQL (the zonky binaries) whose data directory is a
 * path of the caller's choice, kept across restarts: the store of a control plane started without a
 * database URL, and of tests.
 *
 * <p>Zonky runs {@code initdb} only when the directory holds no {@code postgresql.conf} and, told
 * not to, does not delete the directory on close. A postmaster orphaned by a killed JVM is still
 * running on the directory; it is stopped first, or the new one could not start.
 *
 * <p>Unlike zonky's test defaults, fsync and synchronous commit are on: a committed write survives
 * a crash.
 *
 * <p>Start it with the constructor, use {@link #dataSource()} (a connection pool), and {@link
 * #close()} it to stop the pool and the server.
 */
public final class EmbeddedDatabase implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);
  private static final int DEFAULT_POOL_SIZE = 16;

  private final Path dataDirectory;
  private final EmbeddedPostgres postgres;
  private final HikariDataSource pool;

  /** Starts a database in {@code dataDirectory} with a pool of 16 connections. */
  public EmbeddedDatabase(Path dataDirectory) {
    this(dataDirectory, DEFAULT_POOL_SIZE);
  }

  /**
   * Starts a database in {@code dataDirectory} (created, and initialised, when new).
   *
   * @param poolSize the most connections {@link #dataSource()} opens
   * @throws StoreUnavailableException when the server does not start
   */
  public EmbeddedDatabase(Path dataDirectory, int poolSize) {
    this(dataDirectory, poolSize, true);
  }

  /**
   * Starts a database in {@code dataDirectory}.
   *
   * @param stopAtJvmExit whether zonky's own JVM shutdown hook stops the server. {@code false} when
   *     the owner closes it in its own shutdown (a Spring context): JVM shutdown hooks run
   *     concurrently, so zonky's hook would stop the server while the context is still closing
   *     beans that need it (global's last high-water save), which then wait out the pool's
   *     connection timeout and keep the process alive for 30 s after SIGTERM.
   */
  EmbeddedDatabase(Path dataDirectory, int poolSize, boolean stopAtJvmExit) {
    this.dataDirectory = dataDirectory.toAbsolutePath();
    try {
      Files.createDirectories(this.dataDirectory);
      stopOrphanedPostmaster(this.dataDirectory);
      this.postgres =
          EmbeddedPostgres.builder()
              .setDataDirectory(this.dataDirectory)
              .setCleanDataDirectory(false)
              .setRegisterShutdownHook(stopAtJvmExit)
              .setPGStartupWait(Duration.ofSeconds(60))
              // Zonky's test defaults (-F, synchronous_commit=off) trade durability for speed;
              // this database is a control plane's system of record.
              .setServerConfig("fsync", "on")
              .setServerConfig("synchronous_commit", "on")
              .start();
    } catch (IOException e) {
      throw new StoreUnavailableException(
          "the embedded PostgreSQL in " + this.dataDirectory + " did not start: " + e.getMessage(),
          e);
    }
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl());
    config.setUsername("postgres");
    config.setPassword("postgres");
    config.setMaximumPoolSize(poolSize);
    config.setPoolName("embedded-postgres");
    this.pool = new HikariDataSource(config);
    LOG.info("embedded PostgreSQL on port {} with data in {}", port(), this.dataDirectory);
  }

  /** Returns a pooled data source for the {@code postgres} database. */
  public DataSource dataSource() {
    return pool;
  }

  /** Returns the JDBC URL of the {@code postgres} database (user and password {@code postgres}). */
  public String jdbcUrl() {
    return postgres.getJdbcUrl("postgres", "postgres");
  }

  /** Returns the TCP port the server listens on (on localhost). */
  public int port() {
    return postgres.getPort();
  }

  /** Returns the data directory. */
  public Path dataDirectory() {
    return dataDirectory;
  }

  /** Stops the pool and then the server; the data directory is kept. */
  @Override
  public void close() {
    pool.close();
    try {
      postgres.close();
    } catch (IOException e) {
      LOG.warn("stopping the embedded PostgreSQL in {} failed", dataDirectory, e);
    }
  }

  /**
   * Stops a postmaster left running on this directory by a JVM that died without closing it. Only a
   * live process whose command line is a postgres server on this very directory is signalled.
   */
  private static void stopOrphanedPostmaster(Path dataDirectory) throws IOException {
    Path pidFile = dataDirectory.resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return;
    }
    List<String> lines = Files.readAllLines(pidFile);
    if (lines.isEmpty()) {
      return;
    }
    long pid;
    try {
      pid = Long.parseLong(lines.get(0).strip());
    } catch (NumberFormatException e) {
      return;
    }
    Optional<ProcessHandle> process = ProcessHandle.of(pid);
    if (process.isEmpty()) {
      return;
    }
    Optional<String> command = process.get().info().commandLine();
    if (command.isEmpty()
        || !command.get().contains("postgres")
        || !command.get().contains(dataDirectory.toString())) {
      return;
    }
    LOG.warn("stopping an orphaned PostgreSQL (pid {}) on {}", pid, dataDirectory);
    // SIGTERM is PostgreSQL's smart shutdown; its clients died with the old JVM.
    process.get().destroy();
    process.get().onExit().orTimeout(30, java.util.concurrent.TimeUnit.SECONDS).join();
  }
}
