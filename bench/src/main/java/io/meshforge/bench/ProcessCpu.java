package io.meshforge.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** {@code ProcessCpu} reads CPU time consumed, from {@code /proc} (Linux only). */
final class ProcessCpu {

  /** Kernel clock ticks per second ({@code getconf CLK_TCK}); 100 on every common Linux. */
  private static final double TICKS_PER_SECOND = 100.0;

  private ProcessCpu() {}

  /** Returns the CPU-seconds (user + system) this process used so far. */
  static double processSeconds() {
    return processSeconds(ProcessHandle.current().pid());
  }

  /** Returns the CPU-seconds (user + system) process {@code pid} used so far; NaN when gone. */
  static double processSeconds(long pid) {
    return ticks(pid, false) / TICKS_PER_SECOND;
  }

  /**
   * Returns the CPU-seconds (user + system) used so far by a process and its children: for a
   * postmaster, every backend, the WAL writer, the checkpointer and autovacuum. Children that have
   * exited count through the parent's {@code cutime}/{@code cstime}.
   */
  static double treeSeconds(long pid) {
    Optional<ProcessHandle> root = ProcessHandle.of(pid);
    if (root.isEmpty()) {
      return Double.NaN;
    }
    double total = ticks(pid, true);
    for (ProcessHandle child : root.get().descendants().toList()) {
      double own = ticks(child.pid(), false);
      if (!Double.isNaN(own)) {
        total += own; // a child that exited since the listing is in the parent's cutime
      }
    }
    return total / TICKS_PER_SECOND;
  }

  /** utime + stime (and cutime + cstime when asked) of a process, in ticks; NaN when gone. */
  private static double ticks(long pid, boolean withExitedChildren) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
      if (withExitedChildren) {
        ticks += Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
      }
      return ticks;
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  /** Returns the busy CPU-seconds of the whole machine (all processes, all cores) so far. */
  static double machineSeconds() {
    try {
      String cpu = Files.readAllLines(Path.of("/proc/stat")).get(0);
      String[] f = cpu.trim().split("\\s+");
      long busy = 0;
      // user nice system idle iowait irq softirq steal: count all but idle and iowait.
      for (int i : new int[] {1, 2, 3, 6, 7, 8}) {
        busy += Long.parseLong(f[i]);
      }
      return busy / TICKS_PER_SECOND;
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }
}
