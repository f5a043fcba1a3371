package io.meshforge.dp;

import java.time.Instant;

/**
 * The agent's log: one line per event on standard output ({@code <time> forge-dp <message>});
 * errors on standard error as {@code forge-dp: error: <message>}. Plain, so scripts can grep it.
 */
final class AgentLog {
  private AgentLog() {}

  static void info(String message) {
    System.out.println(Instant.now() + " forge-dp " + message);
    System.out.flush();
  }

  static void error(String message) {
    System.err.println("forge-dp: error: " + message);
    System.err.flush();
  }
}
