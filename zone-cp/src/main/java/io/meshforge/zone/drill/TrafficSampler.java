package io.meshforge.zone.drill;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code TrafficSampler} watches client proxies during a failover drill: every {@code interval} it
 * reads each watched proxy's per-host request counters ({@link AdminClusters}) and keeps, per
 * proxy, a bounded ring of samples — how many requests each zone served (and failed) per cluster
 * since the previous sample — so the moment traffic switched zones can be read off it.
 *
 * <p>A proxy is watched from the first {@link #watch} and for {@code idle} after the last one, so
 * an abandoned drill costs nothing. The first reading of a watch is only a baseline.
 *
 * <p><b>Threads.</b> Sampling runs on one daemon thread; {@link #watch} is called from request
 * threads. Each watch guards its ring with its own monitor.
 */
public final class TrafficSampler implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(TrafficSampler.class);

  /**
   * Which proxy is watched.
   *
   * @param mesh its mesh
   * @param name its Dataplane name
   */
  public record Target(String mesh, String name) {}

  /**
   * One sample.
   *
   * @param at when it was read
   * @param reached whether the admin interface answered (when not, {@code clusters} is empty)
   * @param clusters cluster → zone → requests since the previous sample
   */
  public record Sample(
      Instant at, boolean reached, Map<String, Map<String, ZoneCounts>> clusters) {}

  private final AdminClusters admin;
  private final String localZone;
  private final Duration interval;
  private final int capacity;
  private final Duration idle;
  private final Clock clock;
  private final Map<Target, Watch> watches = new ConcurrentHashMap<>();
  private final ScheduledExecutorService thread =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().name("drill-traffic-sampler").daemon().factory());

  /**
   * Creates a sampler; call {@link #start()} to sample on a timer.
   *
   * @param admin reads a proxy's cluster statistics
   * @param localZone the zone hosts without a locality belong to (this zone)
   * @param interval time between two samples
   * @param window how long samples are kept (capacity = window / interval)
   * @param idle how long a proxy stays watched after the last read
   * @param clock the time source
   */
  public TrafficSampler(
      AdminClusters admin,
      String localZone,
      Duration interval,
      Duration window,
      Duration idle,
      Clock clock) {
    this.admin = Objects.requireNonNull(admin, "admin");
    this.localZone = Objects.requireNonNull(localZone, "localZone");
    this.interval = requirePositive(interval, "interval");
    this.capacity = (int) Math.max(1, requirePositive(window, "window").dividedBy(interval));
    this.idle = requirePositive(idle, "idle");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Starts sampling every interval. */
  public void start() {
    thread.scheduleWithFixedDelay(
        this::sampleAll, interval.toNanos(), interval.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** Returns the time between two samples. */
  public Duration interval() {
    return interval;
  }

  /**
   * Watches a proxy (or keeps watching it) and returns its samples so far, oldest first.
   *
   * @param target the proxy
   * @param address where its admin interface is reached
   * @param adminPort its admin port
   */
  public List<Sample> watch(Target target, String address, int adminPort) {
    Watch watch = watches.computeIfAbsent(target, t -> new Watch(address, adminPort));
    return watch.read(clock.instant(), address, adminPort);
  }

  /** Takes one sample of every watched proxy and forgets idle ones (the timer calls it). */
  void sampleAll() {
    Instant now = clock.instant();
    watches.entrySet().removeIf(entry -> entry.getValue().idleSince(now.minus(idle)));
    watches.forEach((target, watch) -> {
      try {
        watch.add(now, ClusterStatuses.read(admin.fetch(watch.address(), watch.port()), localZone));
      } catch (IOException | RuntimeException e) { // a bad answer must not stop sampling
        LOG.debug("cannot read the clusters of {}: {}", target, e.toString());
        watch.unreachable(now);
      }
    });
  }

  @Override
  public void close() {
    thread.shutdownNow();
  }

  private static Duration requirePositive(Duration value, String name) {
    if (value == null || value.isZero() || value.isNegative()) {
      throw new IllegalArgumentException(name + " must be positive: " + value);
    }
    return value;
  }

  /** One watched proxy: its last cumulative counters and its ring of samples. */
  private final class Watch {
    private final Deque<Sample> samples = new ArrayDeque<>();
    private String address;
    private int port;
    private Instant lastRead = Instant.MIN;
    private Map<String, Map<String, ZoneCounts>> previous;

    Watch(String address, int port) {
      this.address = address;
      this.port = port;
    }

    synchronized String address() {
      return address;
    }

    synchronized int port() {
      return port;
    }

    synchronized List<Sample> read(Instant now, String address, int port) {
      this.lastRead = now;
      this.address = address; // a re-registered proxy may have moved
      this.port = port;
      return List.copyOf(samples);
    }

    synchronized boolean idleSince(Instant threshold) {
      return lastRead.isBefore(threshold);
    }

    synchronized void add(Instant at, Map<String, Map<String, ZoneCounts>> cumulative) {
      if (previous != null) {
        append(new Sample(at, true, delta(cumulative, previous)));
      }
      previous = cumulative;
    }

    synchronized void unreachable(Instant at) {
      append(new Sample(at, false, Map.of()));
    }

    private void append(Sample sample) {
      samples.addLast(sample);
      while (samples.size() > capacity) {
        samples.removeFirst();
      }
    }
  }

  private static Map<String, Map<String, ZoneCounts>> delta(
      Map<String, Map<String, ZoneCounts>> now, Map<String, Map<String, ZoneCounts>> before) {
    Map<String, Map<String, ZoneCounts>> result = new TreeMap<>();
    now.forEach((cluster, zones) -> {
      Map<String, ZoneCounts> earlier = before.getOrDefault(cluster, Map.of());
      Map<String, ZoneCounts> byZone = new TreeMap<>();
      zones.forEach((zone, counts) ->
          byZone.put(zone, counts.since(earlier.getOrDefault(zone, ZoneCounts.NONE))));
      result.put(cluster, byZone);
    });
    return result;
  }
}
