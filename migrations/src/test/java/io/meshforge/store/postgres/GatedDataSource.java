package io.meshforge.store.postgres;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * {@code GatedDataSource} is an unpooled data source a test can break: {@link #fail()} makes new
 * connections fail as if the database were down, {@link #block()} makes statements on its
 * connections hang until {@link #open()} (a stalled network or database).
 */
final class GatedDataSource extends PGSimpleDataSource {

  private volatile boolean failing;
  private volatile CountDownLatch gate = new CountDownLatch(0);

  GatedDataSource(String jdbcUrl, String applicationName) {
    setUrl(jdbcUrl);
    setUser("postgres");
    setPassword("postgres");
    setApplicationName(applicationName);
  }

  void fail() {
    failing = true;
  }

  void block() {
    gate = new CountDownLatch(1);
  }

  void open() {
    failing = false;
    gate.countDown();
  }

  @Override
  public Connection getConnection() throws SQLException {
    if (failing) {
      throw new SQLException("connection refused (test)", "08001");
    }
    Connection real = super.getConnection();
    return (Connection)
        Proxy.newProxyInstance(
            Connection.class.getClassLoader(),
            new Class<?>[] {Connection.class},
            (proxy, method, args) -> {
              if (method.getName().startsWith("prepare")) {
                gate.await(60, TimeUnit.SECONDS);
              }
              try {
                return method.invoke(real, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }
}
