package io.meshforge.zone.store;

import io.meshforge.store.postgres.DatabaseNotMigratedException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a start on an unmigrated database into a short message naming the command that fixes it.
 */
class NotMigratedFailureAnalyzer extends AbstractFailureAnalyzer<DatabaseNotMigratedException> {
  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, DatabaseNotMigratedException cause) {
    return new FailureAnalysis(
        cause.getMessage(),
        "Apply the migrations first: `bin/meshforge-zone migrate` (same --config and"
            + " FORGE_STORE_POSTGRES_* settings), or start once with --migrate.",
        cause);
  }
}
