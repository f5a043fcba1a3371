package io.meshforge.e2e;

import io.meshforge.local.JavaCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * {@code StartupCache} makes the control planes the tests start (some forty times a run) start with
 * about a third of the CPU: each {@code -exec} jar is extracted once (Spring Boot's {@code
 * jarmode=tools extract}: plain jars the JVM can archive classes from, unlike the nested jars of
 * the fat jar), and one training deployment records a class cache for each (an AOT cache, JEP 483,
 * on a JDK 25 or newer; a dynamic CDS archive on older ones) that every later start maps.
 *
 * <p>Only start-up speed changes: the same classes run with the same arguments. Whatever goes wrong
 * here (no extraction, a failed training, a cache the JVM rejects) falls back to the plain jar or
 * to a start without a cache, with a line in the output; it never fails a test. The cache is kept
 * under {@code target/e2e-cache} and trained again when a jar is newer than it.
 *
 * <p>Thread-safe: {@link #launch} prepares once per JVM, under the class lock (test classes may run
 * concurrently).
 */
final class StartupCache {
  /** What the global and zone JVMs are started with: their jars and the cache options. */
  record Launch(Path globalJar, Path zoneJar, List<String> globalCache, List<String> zoneCache) {}

  private static final Duration EXTRACT_TIMEOUT = Duration.ofMinutes(2);
  private static final boolean AOT = Runtime.version().feature() >= 25;

  private static Launch prepared;

  private StartupCache() {}

  /**
   * Returns how to launch the control planes, preparing the jars and the cache on the first call.
   *
   * @param globalExec global's {@code -exec} jar
   * @param zoneExec the zone's {@code -exec} jar
   * @param trainer runs one deployment with the given launch and stops it politely, so its JVMs
   *     write their caches at exit
   */
  static synchronized Launch launch(Path globalExec, Path zoneExec, Consumer<Launch> trainer) {
    if (prepared == null) {
      prepared = prepare(globalExec, zoneExec, trainer);
    }
    return prepared;
  }

  private static Launch prepare(Path globalExec, Path zoneExec, Consumer<Launch> trainer) {
    Path root = workRoot();
    Path globalJar = extracted(globalExec, root.resolve("global"));
    Path zoneJar = extracted(zoneExec, root.resolve("zone"));
    Path globalCache = root.resolve(cacheName("global"));
    Path zoneCache = root.resolve(cacheName("zone"));
    if (!(fresh(globalCache, globalJar) && fresh(zoneCache, zoneJar))) {
      train(globalJar, zoneJar, globalCache, zoneCache, trainer);
    }
    return new Launch(globalJar, zoneJar, useOf(globalCache), useOf(zoneCache));
  }

  private static void train(
      Path globalJar, Path zoneJar, Path globalCache, Path zoneCache, Consumer<Launch> trainer) {
    Path globalOut = temporary(globalCache);
    Path zoneOut = temporary(zoneCache);
    long started = System.nanoTime();
    try {
      Files.deleteIfExists(globalCache);
      Files.deleteIfExists(zoneCache);
      trainer.accept(
          new Launch(
              globalJar, zoneJar, List.of(recordInto(globalOut)), List.of(recordInto(zoneOut))));
      publish(globalOut, globalCache);
      publish(zoneOut, zoneCache);
      System.out.println(
          "[e2e] startup cache trained in "
              + Duration.ofNanos(System.nanoTime() - started).toSeconds()
              + " s: "
              + globalCache
              + ", "
              + zoneCache);
    } catch (IOException | RuntimeException e) {
      System.out.println("[e2e] startup cache: training failed, starting without it: " + e);
    }
  }

  /** Extracts {@code execJar} into {@code dir} unless done already; the plain jar on failure. */
  private static Path extracted(Path execJar, Path dir) {
    Path jar = dir.resolve(execJar.getFileName());
    if (fresh(jar, execJar)) {
      return jar;
    }
    try {
      deleteRecursively(dir);
      Files.createDirectories(dir);
      List<String> command =
          List.of(
              JavaCommand.javaBinary(),
              "-Djarmode=tools",
              "-jar",
              execJar.toString(),
              "extract",
              "--destination",
              dir.toString());
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(dir.resolveSibling(dir.getFileName() + "-extract.log").toFile())
              .start();
      if (!process.waitFor(EXTRACT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new IOException("extracting took longer than " + EXTRACT_TIMEOUT);
      }
      if (process.exitValue() != 0 || !Files.isRegularFile(jar)) {
        throw new IOException("extracting exited with " + process.exitValue());
      }
      return jar;
    } catch (IOException | UncheckedIOException e) {
      System.out.println("[e2e] startup cache: using " + execJar + " as it is: " + e.getMessage());
      return execJar;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return execJar;
    }
  }

  private static String cacheName(String kind) {
    return kind + (AOT ? ".aot" : ".jsa");
  }

  private static String recordInto(Path file) {
    return (AOT ? "-XX:AOTCacheOutput=" : "-XX:ArchiveClassesAtExit=") + file;
  }

  /** The options that map {@code cache}: none when training did not produce it. */
  private static List<String> useOf(Path cache) {
    if (!Files.isRegularFile(cache)) {
      return List.of();
    }
    return List.of((AOT ? "-XX:AOTCache=" : "-XX:SharedArchiveFile=") + cache);
  }

  /** Moves a recorded cache into place, so a half-written one is never used. */
  private static void publish(Path recorded, Path cache) throws IOException {
    if (!Files.isRegularFile(recorded) || Files.size(recorded) == 0) {
      throw new IOException("no cache was written to " + recorded);
    }
    Files.move(recorded, cache, StandardCopyOption.REPLACE_EXISTING);
  }

  private static Path temporary(Path cache) {
    return cache.resolveSibling(cache.getFileName() + ".recording");
  }

  /** {@code file} exists and is newer than {@code source}. */
  private static boolean fresh(Path file, Path source) {
    try {
      if (!Files.isRegularFile(file)) {
        return false;
      }
      FileTime made = Files.getLastModifiedTime(file);
      return made.compareTo(Files.getLastModifiedTime(source)) > 0;
    } catch (IOException e) {
      return false;
    }
  }

  private static Path workRoot() {
    Path logs = Path.of(System.getProperty("e2e.work.dir", "target/e2e-logs")).toAbsolutePath();
    return logs.resolveSibling("e2e-cache");
  }

  private static void deleteRecursively(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
        Files.delete(p);
      }
    }
  }
}
