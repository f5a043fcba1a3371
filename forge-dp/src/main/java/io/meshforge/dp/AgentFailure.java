package io.meshforge.dp;

/**
 * A failure the agent reports as one line and an exit code ({@link ExitCodes}), never a stack
 * trace.
 */
public final class AgentFailure extends RuntimeException {
  private final int exitCode;

  /**
   * @param exitCode the process exit code
   * @param message the one-line error
   */
  public AgentFailure(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  /** Returns the process exit code. */
  public int exitCode() {
    return exitCode;
  }
}
