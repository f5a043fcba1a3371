package io.meshforge.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Unit tests of {@link ChangeNotifier} over a data source that only records when it NOTIFYs. */
class ChangeNotifierTest {

  /** The nanoTime at the start of each NOTIFY statement, in order. */
  private final List<Long> notifies = new CopyOnWriteArrayList<>();

  private final ChangeSignal signal = new ChangeSignal();

  @Test
  void changed_raisesThisProcesssSignalBeforeAnyNotify() throws Exception {
    ChangeNotifier notifier = new ChangeNotifier(recordingDataSource(), signal);
    long seen = signal.generation();

    notifier.changed();

    assertThat(signal.await(seen, 0, TimeUnit.NANOSECONDS)).isTrue();
  }

  @Test
  void changed_writesBackToBack_notifiesAtMostOncePerSpacing() {
    ChangeNotifier notifier = new ChangeNotifier(recordingDataSource(), signal);
    long start = System.nanoTime();
    long until = start + Duration.ofMillis(200).toNanos();
    while (System.nanoTime() < until) {
      notifier.changed(); // a writer committing far faster than one write per spacing
    }
    long lastChanged = System.nanoTime();
    notifier.changed();
    // The NOTIFY owed to the last change starts after it; no other can follow it.
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> notifies.get(notifies.size() - 1) > lastChanged);
    long end = System.nanoTime();

    // Every NOTIFY started within [start, end], each at least MIN_SPACING after the one before.
    long spacing = ChangeNotifier.MIN_SPACING.toNanos();
    assertThat((long) notifies.size()).isLessThanOrEqualTo((end - start) / spacing + 1);
  }

  @Test
  void changed_afterAnyWrite_isFollowedByANotifyThatStartsLater() {
    ChangeNotifier notifier = new ChangeNotifier(recordingDataSource(), signal);
    for (int i = 0; i < 20; i++) {
      long committedAt = System.nanoTime();
      notifier.changed();
      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> !notifies.isEmpty() && notifies.get(notifies.size() - 1) > committedAt);
    }
  }

  private DataSource recordingDataSource() {
    PreparedStatement statement =
        proxy(
            PreparedStatement.class,
            (method, args) -> {
              if (method.equals("execute")) {
                notifies.add(System.nanoTime());
                return false;
              }
              return null;
            });
    Connection connection =
        proxy(
            Connection.class,
            (method, args) -> method.equals("prepareStatement") ? statement : null);
    return proxy(
        DataSource.class, (method, args) -> method.equals("getConnection") ? connection : null);
  }

  /** A call handler by method name; returns what the method returns (null for void). */
  private interface Calls {
    Object call(String method, Object[] args);
  }

  private static <T> T proxy(Class<T> type, Calls calls) {
    return type.cast(
        Proxy.newProxyInstance(
            ChangeNotifierTest.class.getClassLoader(),
            new Class<?>[] {type},
            (self, method, args) -> calls.call(method.getName(), args)));
  }
}
