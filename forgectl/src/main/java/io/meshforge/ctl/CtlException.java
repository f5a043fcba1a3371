package io.meshforge.ctl;

/**
 * {@code CtlException} is a failure the user can act on (bad input, a refused request, an
 * unreachable control plane): its message is printed as is and forgectl exits with {@link
 * ExitCodes#FAILED}.
 */
public class CtlException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates a failure with a message written for the user. */
  public CtlException(String message) {
    super(message);
  }

  /** Creates a failure with a message written for the user and the cause behind it. */
  public CtlException(String message, Throwable cause) {
    super(message, cause);
  }
}
