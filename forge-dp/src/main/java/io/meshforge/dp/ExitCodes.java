package io.meshforge.dp;

/** The exit codes of {@code forge-dp run}, one per kind of failure a script may handle. */
public final class ExitCodes {
  /** Stopped on request (SIGTERM) after Envoy stopped. */
  public static final int OK = 0;

  /** An unexpected failure. */
  public static final int FAILED = 1;

  /** Bad command line (picocli's usage error code). */
  public static final int USAGE = 2;

  /**
   * A bad or missing input: the Dataplane file, a variable, the token file, or a Dataplane the CP
   * refused as invalid (400).
   */
  public static final int BAD_INPUT = 3;

  /** The control plane cannot be reached (or answered with a server error). */
  public static final int CP_UNREACHABLE = 4;

  /** The control plane refused the token (401 or 403). */
  public static final int TOKEN_REJECTED = 5;

  /** The Envoy binary is missing or not executable. */
  public static final int ENVOY_MISSING = 6;

  private ExitCodes() {}
}
