package io.meshforge.e2e;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Prints the end of every running control plane's log when a test or a class set-up fails, so a CI
 * failure shows what the processes said (the full logs stay under {@code target/e2e-logs}).
 */
final class ChildLogsOnFailure implements TestWatcher, LifecycleMethodExecutionExceptionHandler {
  private static final int LINES = 60;

  @Override
  public void testFailed(ExtensionContext context, Throwable cause) {
    print(context.getDisplayName(), cause);
  }

  @Override
  public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable cause)
      throws Throwable {
    print(context.getDisplayName() + " (set-up)", cause);
    throw cause;
  }

  private static void print(String what, Throwable cause) {
    System.out.println("[e2e] FAILED " + what + ": " + cause);
    Deployment.RUNNING.forEach(d -> d.printLogTails(LINES));
    Workloads.RUNNING.forEach(w -> w.printLogTails(LINES));
  }
}
