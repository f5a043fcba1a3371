package io.meshforge.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The change feed's read must stay an index lookup as the log grows: the log keeps an hour of
 * writes (millions of rows at B4's rate), and a read that scans it, or the whole resources table,
 * runs on every NOTIFY. pgjdbc prepares the read server-side after a few executions, after which
 * PostgreSQL may use one generic plan, blind to the parameter values; that plan is what is checked.
 */
class ChangeFeedReadPlanTest {

  private static TestDatabase db;

  @BeforeAll
  static void startDatabase() throws Exception {
    db = TestDatabase.start();
    db.clean();
    // 20k resources, each logged once on insert and four times by updates: 100k log rows.
    db.execute(
        "INSERT INTO resources (type, mesh, name, version)"
            + " SELECT 'Mesh', '', 'mesh-' || g, 1 FROM generate_series(1, 20000) g;"
            + " UPDATE resources SET version = version + 1;"
            + " UPDATE resources SET version = version + 1;"
            + " UPDATE resources SET version = version + 1;"
            + " UPDATE resources SET version = version + 1");
    db.execute("VACUUM ANALYZE resources, resource_changes");
  }

  @AfterAll
  static void stopDatabase() throws Exception {
    db.close();
  }

  @Test
  void feedRead_genericPlanOnALargeLog_scansNeitherTheLogNorTheResources() throws Exception {
    String plan = genericPlan(PostgresChangeFeed.READ_CHANGES);

    assertThat(plan)
        .as(plan)
        // An index range from the position, not a walk of the whole index from its start.
        .contains("Index Cond: (revision > $1)")
        .contains("Index Cond: (revision = ANY ($3))")
        .contains("resources_pkey")
        .doesNotContain("Seq Scan on resource_changes ")
        .doesNotContain("Seq Scan on resources ");
  }

  /** Returns the plan PostgreSQL would use for the statement whatever its parameters. */
  private static String genericPlan(String jdbcSql) throws SQLException {
    StringBuilder sql = new StringBuilder();
    int parameter = 0;
    for (char ch : jdbcSql.toCharArray()) {
      if (ch == '?') {
        sql.append('$').append(++parameter);
      } else {
        sql.append(ch);
      }
    }
    StringBuilder plan = new StringBuilder();
    // The simple query protocol: with the extended one the driver would have to bind $1..$3.
    Properties simple = new Properties();
    simple.setProperty("user", "postgres");
    simple.setProperty("password", "postgres");
    simple.setProperty("preferQueryMode", "simple");
    try (Connection c = DriverManager.getConnection(db.database.jdbcUrl(), simple);
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("EXPLAIN (GENERIC_PLAN) " + sql)) {
      while (rs.next()) {
        plan.append(rs.getString(1)).append('\n');
      }
    }
    return plan.toString();
  }
}
