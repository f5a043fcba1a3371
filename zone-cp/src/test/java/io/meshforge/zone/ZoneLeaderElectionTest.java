package io.meshforge.zone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.meshforge.local.FreePorts;
import io.meshforge.store.postgres.DatabaseMigrator;
import io.meshforge.store.postgres.EmbeddedDatabase;
import io.meshforge.zone.kds.KdsClientRunner;
import io.meshforge.zone.kds.ZoneKdsLifecycle;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * L8 with two zone-cp instances on one PostgreSQL: only the holder of the lease runs the KDS client
 * (global need not be up for that), and the other takes over when the first stops.
 */
class ZoneLeaderElectionTest {
  private static final Duration AWAIT = Duration.ofSeconds(30);

  @TempDir Path dir;
  private EmbeddedDatabase database;
  private ConfigurableApplicationContext first;
  private ConfigurableApplicationContext second;

  @AfterEach
  void stop() {
    for (ConfigurableApplicationContext context :
        new ConfigurableApplicationContext[] {first, second}) {
      if (context != null) {
        context.close();
      }
    }
    if (database != null) {
      database.close();
    }
  }

  @Test
  void twoInstancesOnOneDatabase_onlyOneRunsKds_andTheOtherTakesOverWhenItStops() throws Exception {
    database = new EmbeddedDatabase(dir.resolve("pg"), 4);
    new DatabaseMigrator(database.dataSource()).migrate();
    String global = "grpc://127.0.0.1:" + FreePorts.next();
    first = start("a", global);
    second = start("b", global);
    KdsClientRunner a = runner(first);
    KdsClientRunner b = runner(second);

    await().atMost(AWAIT).until(() -> a.running() || b.running());
    // Exactly one, and it stays so across several renewals of the 2 s lease.
    await()
        .during(Duration.ofMillis(1500))
        .atMost(Duration.ofSeconds(5))
        .until(() -> a.running() != b.running());
    boolean firstLeads = a.running();
    ConfigurableApplicationContext leader = firstLeads ? first : second;
    KdsClientRunner follower = firstLeads ? b : a;
    assertThat(follower.running()).isFalse();

    leader.close();

    await().atMost(AWAIT).until(follower::running);
  }

  private ConfigurableApplicationContext start(String instance, String global) {
    return ZoneCpApplication.start(
        "--state-dir",
        dir.resolve(instance).toString(),
        "--zone.name=east",
        "--store.postgres.url=" + database.jdbcUrl(),
        "--store.postgres.username=postgres",
        "--store.postgres.password=postgres",
        "--api.http.port=0",
        "--diagnostics.port=0",
        "--xds.grpc.port=0",
        "--zone.global.address=" + global,
        "--zone.leader.lease=2s");
  }

  private static KdsClientRunner runner(ConfigurableApplicationContext context) {
    return context.getBean(ZoneKdsLifecycle.class).runner().orElseThrow();
  }
}
