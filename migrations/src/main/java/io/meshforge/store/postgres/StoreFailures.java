package io.meshforge.store.postgres;

import io.meshforge.model.store.StoreException;
import io.meshforge.model.store.StoreUnavailableException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;

/** {@code StoreFailures} translates JDBC and jOOQ failures into the store's typed exceptions. */
final class StoreFailures {

  static final String UNIQUE_VIOLATION = "23505";
  static final String FOREIGN_KEY_VIOLATION = "23503";

  private StoreFailures() {}

  /** Returns the SQLSTATE of the first {@link SQLException} in the cause chain, or "". */
  static String sqlState(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        return sql.getSQLState();
      }
    }
    return "";
  }

  /** Returns {@code true} when the failure means the database cannot be reached. */
  static boolean isUnavailable(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLTransientConnectionException
          || t instanceof SQLNonTransientConnectionException
          || t instanceof SQLRecoverableException
          || t instanceof java.net.ConnectException) {
        return true;
      }
    }
    String state = sqlState(failure);
    // 08 connection exception, 57P01-03 shutdown / cannot connect now, 53300 too many connections
    return state.startsWith("08") || state.startsWith("57P") || state.equals("53300");
  }

  /** Returns the typed exception for a failure no operation-specific rule matched. */
  static StoreException generic(String what, Exception failure) {
    if (isUnavailable(failure)) {
      return new StoreUnavailableException(what + ": the database is unavailable", failure);
    }
    return new StoreException(what + " failed: " + failure.getMessage(), failure);
  }
}
