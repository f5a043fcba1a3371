package io.meshforge.bench;

import io.meshforge.model.Resource;
import io.meshforge.model.ResourceKey;
import io.meshforge.model.ResourceTypes;
import io.meshforge.model.store.ResourceStore;
import io.meshforge.model.store.ResourceView;
import io.meshforge.store.postgres.ChangeFeedSettings;
import io.meshforge.store.postgres.ChangeSignal;
import io.meshforge.store.postgres.DatabaseMigrator;
import io.meshforge.store.postgres.EmbeddedDatabase;
import io.meshforge.store.postgres.PostgresChangeFeed;
import io.meshforge.store.postgres.PostgresResourceStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code WritePathBenchmark} (B4) measures the global write path: policy writes through the
 * PostgreSQL store with the change feed keeping a view current, for several numbers of concurrent
 * writers. It reports writes/s, commit → visible-in-view latency and CPU per 1k writes (this JVM,
 * the PostgreSQL server processes, the whole machine) as a markdown table.
 *
 * <p>Arguments ({@code key=value}): {@code writers=1,8,32}, {@code duration=20} and {@code
 * warmup=5} (seconds per writer count), {@code keysPerWriter=200}, {@code meshes=10}, {@code
 * dataDir=} (default: a new temporary directory), {@code rate=0} (total writes/s offered on a fixed
 * schedule; 0 = every writer flat out).
 */
public final class WritePathBenchmark {

  private WritePathBenchmark() {}

  /** What each writer does: its keys, over how many meshes, at what rate (0 = flat out). */
  record Load(int keysPerWriter, int meshes, double perWriterRate) {}

  /** The database under test: its pool, and its postmaster for measuring its CPU. */
  record Database(DataSource dataSource, long postmasterPid) {}

  /** One measured row of the table. */
  record Row(
      int writers,
      double offeredRate,
      long writes,
      double seconds,
      double[] latenciesMs,
      double processCpu,
      double databaseCpu,
      double machineCpu,
      long errors) {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = parse(args);
    int[] writerCounts =
        Arrays.stream(options.getOrDefault("writers", "1,8,32").split(","))
            .mapToInt(Integer::parseInt)
            .toArray();
    Duration duration = Duration.ofSeconds(Long.parseLong(options.getOrDefault("duration", "20")));
    Duration warmup = Duration.ofSeconds(Long.parseLong(options.getOrDefault("warmup", "5")));
    int keysPerWriter = Integer.parseInt(options.getOrDefault("keysPerWriter", "200"));
    int meshes = Integer.parseInt(options.getOrDefault("meshes", "10"));
    // 0 = closed loop (each writer writes as fast as it can); else the total writes/s to offer.
    double rate = Double.parseDouble(options.getOrDefault("rate", "0"));
    Path dataDir =
        options.containsKey("dataDir")
            ? Path.of(options.get("dataDir"))
            : Files.createTempDirectory("meshforge-b4").resolve("postgres");
    int maxWriters = Arrays.stream(writerCounts).max().orElse(1);

    List<Row> rows = new ArrayList<>();
    try (EmbeddedDatabase database = new EmbeddedDatabase(dataDir, maxWriters + 2)) {
      new DatabaseMigrator(database.dataSource()).migrate();
      Database target =
          new Database(database.dataSource(), postmasterPid(database.dataDirectory()));
      ChangeSignal signal = new ChangeSignal(); // one process: the store wakes its feed directly
      PostgresResourceStore store = new PostgresResourceStore(database.dataSource(), signal);
      ResourceView view = new ResourceView();
      VisibilityRecorder recorder = new VisibilityRecorder();
      view.addListener(recorder::applied);
      try (PostgresChangeFeed feed =
          new PostgresChangeFeed(database.dataSource(), view, ChangeFeedSettings.defaults(), signal)
              .start()) {
        if (!feed.awaitSynced(Duration.ofSeconds(30))) {
          throw new IllegalStateException("the change feed did not sync");
        }
        for (int m = 0; m < meshes; m++) {
          String name = "bench-" + m;
          if (store.get(ResourceKey.global(ResourceTypes.MESH, name)).isEmpty()) {
            store.create(Resource.of(ResourceKey.global(ResourceTypes.MESH, name), Map.of(), null));
          }
        }
        int phase = 0;
        for (int writers : writerCounts) {
          phase++;
          rows.add(
              measure(
                  store,
                  recorder,
                  target,
                  "p" + phase,
                  writers,
                  new Load(keysPerWriter, meshes, rate / writers),
                  warmup,
                  duration));
          System.err.printf(Locale.ROOT, "%s%n", format(rows.get(rows.size() - 1)));
        }
      }
    }
    System.out.println();
    System.out.println(
        "| writers | offered/s | writes/s | visible p50 ms | p99 ms | max ms | JVM CPU-s / 1k writes |"
            + " PostgreSQL CPU-s / 1k writes | machine CPU-s / 1k writes | errors |");
    System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (Row row : rows) {
      System.out.println(format(row));
    }
  }

  private static Row measure(
      ResourceStore store,
      VisibilityRecorder recorder,
      Database database,
      String phase,
      int writers,
      Load load,
      Duration warmup,
      Duration duration)
      throws InterruptedException {
    AtomicBoolean stop = new AtomicBoolean();
    AtomicBoolean counting = new AtomicBoolean();
    AtomicLong writes = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    List<Thread> threads = new ArrayList<>();
    for (int w = 0; w < writers; w++) {
      int writer = w;
      threads.add(
          Thread.ofPlatform()
              .name("writer-" + w)
              .start(() ->
                  writeLoop(
                      store,
                      recorder,
                      phase + "-w" + writer,
                      load,
                      stop,
                      counting,
                      writes,
                      errors)));
    }
    Thread.sleep(warmup.toMillis());
    recorder.drainSortedMillis();
    double cpu0 = ProcessCpu.processSeconds();
    double database0 = ProcessCpu.treeSeconds(database.postmasterPid());
    DatabaseCounters counters0 = DatabaseCounters.read(database.dataSource());
    double machine0 = ProcessCpu.machineSeconds();
    long start = System.nanoTime();
    counting.set(true);
    recorder.startRecording();
    Thread.sleep(duration.toMillis());
    counting.set(false);
    double seconds = (System.nanoTime() - start) / 1e9;
    double cpu = ProcessCpu.processSeconds() - cpu0;
    double databaseCpu = ProcessCpu.treeSeconds(database.postmasterPid()) - database0;
    DatabaseCounters counters = DatabaseCounters.read(database.dataSource());
    double machine = ProcessCpu.machineSeconds() - machine0;
    stop.set(true);
    System.err.printf(
        Locale.ROOT,
        "%d writers: PostgreSQL %s%n",
        writers,
        counters.perWriteSince(counters0, writes.get()));
    for (Thread t : threads) {
      t.join();
    }
    // Let the last commits reach the view so the tail is measured, not cut off.
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (recorder.pending() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    recorder.stopRecording();
    return new Row(
        writers,
        load.perWriterRate() * writers,
        writes.get(),
        seconds,
        recorder.drainSortedMillis(),
        cpu,
        databaseCpu,
        machine,
        errors.get());
  }

  /** Creates this writer's policies on the first pass, then updates them round-robin. */
  private static void writeLoop(
      ResourceStore store,
      VisibilityRecorder recorder,
      String prefix,
      Load load,
      AtomicBoolean stop,
      AtomicBoolean counting,
      AtomicLong writes,
      AtomicLong errors) {
    int keys = load.keysPerWriter();
    int meshes = load.meshes();
    Resource[] current = new Resource[keys];
    long sequence = 0;
    long intervalNanos = load.perWriterRate() > 0 ? (long) (1e9 / load.perWriterRate()) : 0;
    long next = System.nanoTime();
    while (!stop.get()) {
      if (intervalNanos > 0) {
        // Open loop: writes are due on a fixed schedule, whatever the latency of earlier ones.
        next += intervalNanos;
        long wait = next - System.nanoTime();
        if (wait > 0) {
          java.util.concurrent.locks.LockSupport.parkNanos(wait);
        }
      }
      int i = (int) (sequence % keys);
      ResourceKey key =
          ResourceKey.inMesh(ResourceTypes.MESH_TIMEOUT, "bench-" + (i % meshes), prefix + "-" + i);
      try {
        Resource written;
        if (current[i] == null) {
          written = store.create(Resource.of(key, Map.of("team", "bench"), spec(sequence)));
        } else {
          written = store.update(current[i].withSpec(spec(sequence)));
        }
        current[i] = written;
        recorder.committed(written.key(), written.version());
        if (counting.get()) {
          writes.incrementAndGet();
        }
      } catch (RuntimeException e) {
        errors.incrementAndGet();
        current[i] = store.get(key).orElse(null);
      }
      sequence++;
    }
  }

  private static ObjectNode spec(long sequence) {
    ObjectNode spec = JsonNodeFactory.instance.objectNode();
    spec.putObject("targetRef").put("kind", "Mesh");
    ObjectNode to = spec.putArray("to").addObject();
    to.putObject("targetRef").put("kind", "Mesh");
    ObjectNode conf = to.putObject("default");
    conf.put("connectionTimeout", (1 + sequence % 10) + "s");
    conf.putObject("http").put("requestTimeout", (1 + sequence % 30) + "s");
    return spec;
  }

  private static String format(Row row) {
    double[] l = row.latenciesMs();
    double perK = row.writes() == 0 ? Double.NaN : 1000.0 / row.writes();
    return String.format(
        Locale.ROOT,
        "| %d | %s | %.0f | %.1f | %.1f | %.1f | %.3f | %.3f | %.3f | %d |",
        row.writers(),
        row.offeredRate() > 0 ? String.format(Locale.ROOT, "%.0f", row.offeredRate()) : "max",
        row.writes() / row.seconds(),
        percentile(l, 0.50),
        percentile(l, 0.99),
        l.length == 0 ? Double.NaN : l[l.length - 1],
        row.processCpu() * perK,
        row.databaseCpu() * perK,
        row.machineCpu() * perK,
        row.errors());
  }

  private static double percentile(double[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int index = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  /** Returns the postmaster's pid from the data directory's {@code postmaster.pid}. */
  private static long postmasterPid(Path dataDirectory) throws java.io.IOException {
    return Long.parseLong(
        Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).strip());
  }

  private static Map<String, String> parse(String[] args) {
    Map<String, String> options = new java.util.HashMap<>();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (eq < 0) {
        throw new IllegalArgumentException("expected key=value, got " + arg);
      }
      options.put(arg.substring(0, eq).replaceFirst("^--", ""), arg.substring(eq + 1));
    }
    return options;
  }
}
