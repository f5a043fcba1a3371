package io.meshforge.rest.launch;

import io.meshforge.store.postgres.DatabaseNotMigratedException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.Environment;

/**
 * Turns a start on an unmigrated database into a short message naming the command that fixes it
 * (the application's name comes from {@link ControlPlaneLauncher#APP_PROPERTY}).
 */
class NotMigratedFailureAnalyzer extends AbstractFailureAnalyzer<DatabaseNotMigratedException> {
  private final String app;

  // Spring Boot passes the failed context's environment to failure analyzers it instantiates.
  NotMigratedFailureAnalyzer(Environment environment) {
    this.app = environment.getProperty(ControlPlaneLauncher.APP_PROPERTY, "meshforge-global");
  }

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, DatabaseNotMigratedException cause) {
    return new FailureAnalysis(
        cause.getMessage(),
        "Apply the migrations first: `bin/"
            + app
            + " migrate` (same --config and FORGE_STORE_POSTGRES_* settings), or start once with"
            + " --migrate.",
        cause);
  }
}
