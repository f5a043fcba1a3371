package io.meshforge.local;

import java.io.PrintStream;

/**
 * {@code ProgressLog} prints the launcher's progress lines, each prefixed with the seconds since
 * the launcher began ({@code [ 12s] global ready}). Thread-safe: parallel start-up tasks print
 * through it.
 */
public final class ProgressLog {
  private final long began = System.nanoTime();
  private final PrintStream out;

  public ProgressLog(PrintStream out) {
    this.out = out;
  }

  /** Seconds since the launcher began. */
  public long seconds() {
    return (System.nanoTime() - began) / 1_000_000_000L;
  }

  /** Prints one progress line. */
  public synchronized void step(String line) {
    out.printf("[%3ds] %s%n", seconds(), line);
    out.flush();
  }

  /** Prints text as it is (the final report, hints). */
  public synchronized void text(String text) {
    out.println(text);
    out.flush();
  }
}
