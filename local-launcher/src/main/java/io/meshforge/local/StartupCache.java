package io.meshforge.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code StartupCache} makes a control plane start with a fraction of the CPU on every run after
 * the first: its {@code -exec} jar is extracted once under {@code <state>/cache} (Spring Boot's
 * {@code jarmode=tools extract}: plain jars the JVM can cache classes from, unlike the fat jar's
 * nested ones), and each run that has no cache yet records one while it runs, written when the JVM
 * exits (an AOT cache, JEP 483, on JDK 25 or newer; a dynamic CDS archive before). The recording
 * goes to a side file that {@link Prepared#publish()} moves into place only once the JVM exited
 * cleanly, so a half-written cache is never used.
 *
 * <p>Only start-up speed changes: the same classes run with the same arguments. When extraction
 * fails the plain jar runs without a cache. A rebuilt jar is extracted again and its cache recorded
 * again.
 */
public final class StartupCache {
  private static final boolean AOT = Runtime.version().feature() >= 25;
  private static final Duration EXTRACT_TIMEOUT = Duration.ofMinutes(2);

  /**
   * How to launch one control plane.
   *
   * @param jar the jar to run (extracted, or the {@code -exec} jar as it is)
   * @param jvmOptions the cache options: use the cache, record one, or none
   * @param recording where the JVM records a new cache, or {@code null}
   * @param cache where the cache is used from
   */
  public record Prepared(Path jar, List<String> jvmOptions, Path recording, Path cache) {
    /** True when this run records a cache (it then needs time at exit to write it). */
    public boolean records() {
      return recording != null;
    }

    /** Moves a recorded cache into place; nothing when none was recorded or it is empty. */
    public void publish() {
      if (recording == null) {
        return;
      }
      try {
        if (Files.isRegularFile(recording) && Files.size(recording) > 0) {
          Files.move(recording, cache, StandardCopyOption.REPLACE_EXISTING);
        } else {
          Files.deleteIfExists(recording);
        }
      } catch (IOException e) {
        // no cache: the next run records again
      }
    }
  }

  private StartupCache() {}

  /**
   * The same launch without recording: for a second JVM of the same jar, which must not write the
   * same recording file. It uses the cache when there is one.
   */
  static Prepared withoutRecording(Prepared prepared) {
    if (!prepared.records()) {
      return prepared;
    }
    return new Prepared(prepared.jar(), List.of(), null, prepared.cache());
  }

  /**
   * Prepares {@code execJar} under {@code dir}: extracts it unless done already, and returns the
   * options that use its cache, or record one when there is none.
   */
  public static Prepared prepare(Path execJar, Path dir) {
    Path jar = extracted(execJar, dir.resolve("jar"));
    if (jar.equals(execJar)) {
      return new Prepared(execJar, List.of(), null, null);
    }
    Path cache = dir.resolve(AOT ? "classes.aot" : "classes.jsa");
    if (fresh(cache, stamp(dir.resolve("jar")))) {
      return new Prepared(
          jar, List.of((AOT ? "-XX:AOTCache=" : "-XX:SharedArchiveFile=") + cache), null, cache);
    }
    Path recording = dir.resolve(cache.getFileName() + ".recording");
    return new Prepared(
        jar,
        List.of((AOT ? "-XX:AOTCacheOutput=" : "-XX:ArchiveClassesAtExit=") + recording),
        recording,
        cache);
  }

  /** True when {@code execJar} still has to be extracted under {@code dir} (once per build). */
  static boolean needsExtraction(Path execJar, Path dir) {
    Path jar = dir.resolve("jar");
    return !(Files.isRegularFile(jar.resolve(execJar.getFileName())) && fresh(stamp(jar), execJar));
  }

  /**
   * Written after a complete extraction. The extracted jar itself keeps the {@code -exec} jar's
   * time, so it cannot tell whether it is newer.
   */
  private static Path stamp(Path dir) {
    return dir.resolve("extracted.stamp");
  }

  private static Path extracted(Path execJar, Path dir) {
    Path jar = dir.resolve(execJar.getFileName());
    if (Files.isRegularFile(jar) && fresh(stamp(dir), execJar)) {
      return jar;
    }
    try {
      deleteRecursively(dir);
      Files.createDirectories(dir);
      Process process =
          new ProcessBuilder(
                  JavaCommand.javaBinary(),
                  "-Djarmode=tools",
                  "-jar",
                  execJar.toString(),
                  "extract",
                  "--destination",
                  dir.toString())
              .redirectErrorStream(true)
              .redirectOutput(dir.resolveSibling("extract.log").toFile())
              .start();
      if (!process.waitFor(EXTRACT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        return execJar;
      }
      if (process.exitValue() != 0 || !Files.isRegularFile(jar)) {
        return execJar;
      }
      Files.writeString(stamp(dir), execJar + "\n");
      return jar;
    } catch (IOException e) {
      return execJar;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return execJar;
    }
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
