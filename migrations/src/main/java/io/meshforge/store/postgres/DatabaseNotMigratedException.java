package io.meshforge.store.postgres;

/**
 * {@code DatabaseNotMigratedException} is thrown when a control plane starts on a database whose
 * schema is older than this build; its message names the command that migrates it.
 */
public class DatabaseNotMigratedException extends RuntimeException {
  public DatabaseNotMigratedException(String message) {
    super(message);
  }
}
