package io.meshforge.zone.kds;

import io.grpc.ManagedChannel;
import io.meshforge.kds.transport.KdsHeaders;
import io.meshforge.kds.transport.KdsSettings;
import io.meshforge.model.store.ResourceStore;
import io.meshforge.model.store.ResourceView;
import io.meshforge.model.validation.ResourceValidator;
import io.meshforge.model.validation.Violation;
import io.meshforge.rest.InstanceInfo;
import io.meshforge.rest.inspect.ProxyAdmin;
import io.meshforge.zone.config.ForgeZoneProperties;
import io.meshforge.zone.config.ZoneName;
import io.meshforge.zone.drill.TrafficReport;
import io.meshforge.zone.leader.Leadership;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * {@code ZoneKdsLifecycle} connects the zone to global once the application context (and so the
 * store, already loaded) is up: it joins the leader election, and the leader runs the KDS client.
 * With no {@code zone.global.address} the zone runs alone. Global being unreachable never delays
 * the start: gRPC connects in the background and retries with backoff.
 */
@Component
public class ZoneKdsLifecycle implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(ZoneKdsLifecycle.class);

  private final ForgeZoneProperties config;
  private final String zone;
  private final InstanceInfo instance;
  private final ResourceStore store;
  private final ResourceView view;
  private final EpochGuard epoch;
  private final Leadership leadership;
  private final ProxyAdmin proxies;
  private final DrillTraffic traffic;
  private ExecutorService executor;
  private ScheduledExecutorService scheduler;
  private ManagedChannel channel;
  private KdsClientRunner runner;
  private AutoCloseable participation;
  private volatile boolean running;

  public ZoneKdsLifecycle(
      ForgeZoneProperties config,
      ZoneName zone,
      InstanceInfo instance,
      ResourceStore store,
      ResourceView view,
      EpochGuard epoch,
      Leadership leadership,
      ProxyAdmin proxies,
      TrafficReport traffic) {
    this.config = config;
    this.zone = zone.value();
    this.instance = instance;
    this.store = store;
    this.view = view;
    this.epoch = epoch;
    this.leadership = leadership;
    this.proxies = proxies;
    this.traffic = traffic::of;
  }

  @Override
  public synchronized void start() {
    running = true;
    ForgeZoneProperties.Global global = config.zone().global();
    if (global.address().isBlank()) {
      log.warn("No zone.global.address: zone {} runs without global (no KDS)", zone);
      return;
    }
    GlobalAddress address = GlobalAddress.parse(global.address());
    Path ca = global.ca().isBlank() ? null : Path.of(global.ca());
    String token =
        config.zone().token().isBlank() ? null : ZoneTokenFile.read(Path.of(config.zone().token()));
    if (token == null) {
      log.warn("No zone.token: global will refuse this zone unless it runs without zone auth");
    }
    channel = GlobalChannels.open(address, ca, new StoreEpochHeader(epoch));
    executor = Executors.newVirtualThreadPerTaskExecutor();
    scheduler = Executors.newScheduledThreadPool(2, Thread.ofPlatform().daemon().factory());
    ForgeZoneProperties.Kds kds = config.zone().kds();
    KdsSettings settings =
        new KdsSettings(
            kds.limit(), kds.deadline(), kds.heartbeat(), kds.timeout(), instance.instanceId());
    ResourceValidator validator = new ResourceValidator();
    ZoneKdsBackend backend =
        new ZoneKdsBackend(
            new ZoneStateFeed(view, zone, kds.debounce(), scheduler),
            new StoreLocalView(store),
            new ZoneSyncSink(zone, store, epoch),
            r -> validator.validate(r).stream().map(Violation::toString).toList(),
            proxies,
            traffic);
    runner =
        new KdsClientRunner(
            new KdsClientRunner.Connection(
                channel,
                zone,
                KdsHeaders.zoneCredentials(zone, token, instance.version()),
                Set.of(),
                settings,
                kds.backoff(),
                kds.retry(),
                kds.jitter()),
            backend,
            executor,
            scheduler);
    epoch.onConfirmed(() -> runner.resync("global store epoch confirmed"));
    try {
      participation = leadership.participate(runner);
    } catch (Exception e) {
      throw new IllegalStateException("cannot join the leader election", e);
    }
    log.info("Zone {} federates with global at {}", zone, address);
  }

  @Override
  public synchronized void stop() {
    running = false;
    if (participation != null) {
      try {
        participation.close();
      } catch (Exception e) {
        log.warn("Leaving the leader election failed", e);
      }
      participation = null;
    }
    if (channel != null) {
      channel.shutdownNow();
      awaitQuietly(channel);
      channel = null;
    }
    if (scheduler != null) {
      scheduler.shutdownNow();
      executor.shutdownNow();
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** Returns the KDS client runner, absent when no global is configured or before start. */
  public synchronized Optional<KdsClientRunner> runner() {
    return Optional.ofNullable(runner);
  }

  private static void awaitQuietly(ManagedChannel channel) {
    try {
      channel.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
