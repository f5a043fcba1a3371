package io.meshforge.zone.xds.lifecycle;

import io.meshforge.model.Resource;
import io.meshforge.model.ResourceKey;
import io.meshforge.model.ResourceTypes;
import io.meshforge.model.store.ResourceConflictException;
import io.meshforge.model.store.ResourceNotFoundException;
import io.meshforge.model.store.ResourceQuery;
import io.meshforge.model.store.ResourceStore;
import io.meshforge.model.store.StoreException;
import io.meshforge.zone.leader.Leadership;
import io.meshforge.zone.xds.ProxyId;
import io.meshforge.zone.xds.insight.ProxyInsights;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * {@code DataplaneCleanup} deletes the Dataplanes whose proxies have gone away: once a Dataplane
 * has been offline ({@link OfflineSince}) for {@code xds.dataplane.cleanup.grace}, it is deleted
 * from the zone store (KDS then removes it from global, and the MeshService generator drops a
 * generated MeshService no Dataplane backs any more), and so is its {@code DataplaneInsight}.
 *
 * <p>Only the zone leader sweeps ({@link Leadership.Listener}); the grace is counted from the
 * recorded disconnect but never from before this instance became the leader (ADR 0017). The delete
 * is a compare-and-swap on the version that was judged, so a proxy registering its Dataplane again
 * in between wins; a proxy that reconnected to this instance in between is checked once more right
 * before the delete. Each removal is counted in {@code xds_dataplanes_removed}.
 *
 * <p>Threads: sweeps run on the given scheduler (one at a time, it must be single-threaded); {@link
 * #gained()} and {@link #lost()} come from the election's thread. The leadership state is guarded
 * by this object's monitor.
 */
public final class DataplaneCleanup implements Leadership.Listener {

  private static final Logger LOG = LoggerFactory.getLogger(DataplaneCleanup.class);

  /**
   * How the cleanup runs.
   *
   * @param grace how long a Dataplane stays after its proxy went away; zero or negative: never
   *     removed
   * @param interval how often the leader sweeps
   */
  public record Settings(Duration grace, Duration interval) {
    public Settings {
      Objects.requireNonNull(grace, "grace");
      if (interval == null || interval.isZero() || interval.isNegative()) {
        throw new IllegalArgumentException("the cleanup interval must be positive");
      }
    }

    /** Returns whether Dataplanes are removed at all. */
    public boolean enabled() {
      return grace.isPositive();
    }
  }

  private final ResourceStore store;
  private final Predicate<ProxyId> connectedHere;
  private final String instanceId;
  private final Settings settings;
  private final Clock clock;
  private final ScheduledExecutorService scheduler;
  private final Counter removed;

  // Guarded by this.
  private Instant dutyStarted;
  private ScheduledFuture<?> sweeping;

  /**
   * Creates the cleanup; it sweeps only while this instance is the leader.
   *
   * @param store the zone's store
   * @param connectedHere whether a proxy has a stream open on this instance
   * @param instanceId this instance's id, as insights record it
   * @param settings grace and interval
   * @param clock the time source
   * @param scheduler a single-threaded scheduler the sweeps run on
   * @param registry where {@code xds_dataplanes_removed} is counted
   */
  public DataplaneCleanup(
      ResourceStore store,
      Predicate<ProxyId> connectedHere,
      String instanceId,
      Settings settings,
      Clock clock,
      ScheduledExecutorService scheduler,
      MeterRegistry registry) {
    this.store = Objects.requireNonNull(store, "store");
    this.connectedHere = Objects.requireNonNull(connectedHere, "connectedHere");
    this.instanceId = Objects.requireNonNull(instanceId, "instanceId");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.removed =
        Counter.builder("xds_dataplanes_removed")
            .description("Dataplanes deleted after their proxy was gone for the grace period")
            .register(registry);
  }

  @Override
  public synchronized void gained() {
    dutyStarted = clock.instant();
    if (settings.enabled() && sweeping == null) {
      long every = settings.interval().toMillis();
      sweeping =
          scheduler.scheduleWithFixedDelay(this::sweepQuietly, every, every, TimeUnit.MILLISECONDS);
      LOG.info("Zone leader: removing Dataplanes offline for {}", settings.grace());
    }
  }

  @Override
  public synchronized void lost() {
    dutyStarted = null;
    if (sweeping != null) {
      sweeping.cancel(false);
      sweeping = null;
    }
  }

  /** Returns how many Dataplanes this instance removed. */
  public double removedCount() {
    return removed.count();
  }

  /**
   * Deletes every Dataplane offline for the grace period, now. Does nothing unless this instance is
   * the leader and the cleanup is enabled.
   *
   * @return how many Dataplanes it deleted
   * @throws StoreException when the store cannot be read
   */
  public int sweep() {
    Instant started;
    synchronized (this) {
      started = dutyStarted;
    }
    if (started == null || !settings.enabled()) {
      return 0;
    }
    Instant now = clock.instant();
    Map<ResourceKey, JsonNode> insights = new HashMap<>();
    for (Resource insight :
        store.list(ResourceQuery.all(ResourceTypes.DATAPLANE_INSIGHT)).items()) {
      insights.put(dataplaneKey(insight), insight.spec());
    }
    int count = 0;
    for (Resource dataplane : store.list(ResourceQuery.all(ResourceTypes.DATAPLANE)).items()) {
      ProxyId proxy = new ProxyId(dataplane.mesh(), dataplane.name());
      Optional<Instant> offline =
          OfflineSince.of(
              insights.get(dataplane.key()), connectedHere.test(proxy), instanceId, started);
      if (offline.isPresent() && !now.isBefore(offline.get().plus(settings.grace()))) {
        if (remove(dataplane, proxy, offline.get())) {
          count++;
        }
      }
    }
    return count;
  }

  private void sweepQuietly() {
    try {
      sweep();
    } catch (RuntimeException e) {
      // The next sweep retries; a failing store must not end the schedule.
      LOG.warn("Dataplane cleanup failed; retrying in {}: {}", settings.interval(), e.toString());
    }
  }

  private boolean remove(Resource dataplane, ProxyId proxy, Instant offlineSince) {
    if (connectedHere.test(proxy)) {
      return false; // reconnected while this sweep ran
    }
    try {
      store.delete(dataplane.key(), dataplane.version());
    } catch (ResourceConflictException | ResourceNotFoundException e) {
      LOG.debug("Dataplane {} changed or went away meanwhile; kept: {}", proxy, e.getMessage());
      return false;
    }
    removed.increment();
    LOG.info(
        "Removed Dataplane {}: its proxy has been gone since {} (grace {})",
        proxy,
        offlineSince,
        settings.grace());
    ProxyInsights.removeFor(store, dataplane.key());
    return true;
  }

  private static ResourceKey dataplaneKey(Resource insight) {
    return ResourceKey.inMesh(ResourceTypes.DATAPLANE, insight.mesh(), insight.name());
  }
}
