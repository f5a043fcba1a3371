package io.meshforge.ctl;

/** The exit codes of forgectl. */
public final class ExitCodes {
  /** The command did what was asked. */
  public static final int OK = 0;

  /** Bad input, an error answer from the control plane, or a control plane out of reach. */
  public static final int FAILED = 1;

  /** The command line could not be parsed (unknown option, missing argument). */
  public static final int USAGE = 2;

  private ExitCodes() {}
}
