package io.meshforge.zone.kds;

import io.grpc.Channel;
import io.grpc.Metadata;
import io.meshforge.kds.transport.KdsSettings;
import io.meshforge.kds.transport.ReconnectBackoff;
import io.meshforge.kds.transport.ZoneBackend;
import io.meshforge.kds.transport.ZoneKdsClient;
import io.meshforge.zone.leader.Leadership;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code KdsClientRunner} runs the zone's KDS client while this instance is the leader: a fresh
 * {@link ZoneKdsClient} on each gain (its state machines start from scratch, so the first responses
 * are complete states), closed on loss. Reconnects with exponential, jittered backoff are the
 * client's own.
 */
public final class KdsClientRunner implements Leadership.Listener {
  private static final Logger log = LoggerFactory.getLogger(KdsClientRunner.class);

  /**
   * Connection settings that do not change between leaderships.
   *
   * @param backoff the first reconnect delay
   * @param retry the longest reconnect delay (the cap of the doubling {@code backoff})
   * @param jitter the random spread of reconnect delays ({@link ReconnectBackoff})
   */
  public record Connection(
      Channel channel,
      String zone,
      Metadata credentials,
      Set<String> features,
      KdsSettings settings,
      Duration backoff,
      Duration retry,
      double jitter) {}

  private final Connection connection;
  private final ZoneBackend backend;
  private final Executor executor;
  private final ScheduledExecutorService scheduler;
  private ZoneKdsClient client;

  public KdsClientRunner(
      Connection connection,
      ZoneBackend backend,
      Executor executor,
      ScheduledExecutorService scheduler) {
    this.connection = connection;
    this.backend = backend;
    this.executor = executor;
    this.scheduler = scheduler;
  }

  @Override
  public synchronized void gained() {
    if (client != null) {
      return;
    }
    log.info("Leader of zone {}: connecting to global", connection.zone());
    client =
        new ZoneKdsClient(
            connection.channel(),
            connection.zone(),
            connection.credentials(),
            connection.features(),
            backend,
            connection.settings(),
            executor,
            scheduler,
            Clock.systemUTC(),
            ReconnectBackoff.exponential(
                connection.backoff(), connection.retry(), connection.jitter()));
    client.start();
  }

  @Override
  public void lost() {
    ZoneKdsClient stopping;
    synchronized (this) {
      stopping = client;
      client = null;
    }
    if (stopping != null) {
      log.info("No longer the leader of zone {}: disconnecting from global", connection.zone());
      stopping.close();
    }
  }

  /** Returns {@code true} while this instance runs the client. */
  public synchronized boolean running() {
    return client != null;
  }

  /** Returns how many connection attempts the current client made (0 when not running). */
  public synchronized int attempts() {
    return client == null ? 0 : client.attempts();
  }

  /** Drops the current connection so the next one resyncs from complete states. */
  public void resync(String why) {
    ZoneKdsClient current;
    synchronized (this) {
      current = client;
    }
    if (current != null) {
      current.reset(why);
    }
  }
}
