package io.meshforge.global.kds;

import io.meshforge.global.config.ForgeGlobalProperties;
import io.meshforge.global.store.StoreEpoch;
import io.meshforge.global.token.ZoneTokenAuthenticator;
import io.meshforge.global.token.ZoneTokenVerifier;
import io.meshforge.global.zone.ZoneInsights;
import io.meshforge.global.zone.ZoneRegistry;
import io.meshforge.kds.transport.GlobalKdsService;
import io.meshforge.kds.transport.KdsSettings;
import io.meshforge.kds.transport.ZoneAuthenticationException;
import io.meshforge.kds.transport.ZoneAuthenticator;
import io.meshforge.model.store.ResourceStore;
import io.meshforge.model.store.ResourceView;
import io.meshforge.store.postgres.PostgresChangeFeed;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires global's KDS server: feeds, backend, service, stream tracking and the listener. */
@Configuration(proxyBeanMethods = false)
class KdsConfiguration {

  /** Threads of the KDS server and the per-stream state machines (sink writes may block). */
  @Bean(destroyMethod = "shutdownNow")
  ExecutorService kdsExecutor() {
    return Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("kds-", 0).factory());
  }

  /** Timers: ACK deadlines, heartbeat expiry, token re-checks. */
  @Bean(destroyMethod = "shutdownNow")
  ScheduledExecutorService kdsScheduler() {
    return Executors.newScheduledThreadPool(
        2, Thread.ofPlatform().name("kds-timer-", 0).daemon().factory());
  }

  @Bean
  KdsMetrics kdsMetrics(MeterRegistry registry) {
    return new KdsMetrics(registry);
  }

  // The change-feed parameter makes sure the view is loaded before any zone is fed from it.
  @Bean(destroyMethod = "close")
  ZoneStateFeeds zoneStateFeeds(
      ResourceView view,
      PostgresChangeFeed feed,
      ZoneRegistry zones,
      ForgeGlobalProperties config) {
    return new ZoneStateFeeds(
            view,
            new ZoneResourceFilter(zones::enabled),
            config.kds().feed().debounce(),
            config.kds().feed().resync())
        .start();
  }

  @Bean
  GlobalKdsService globalKdsService(
      ZoneStateFeeds feeds,
      ResourceStore store,
      ResourceView view,
      ForgeGlobalProperties config,
      ExecutorService kdsExecutor,
      ScheduledExecutorService kdsScheduler) {
    ForgeGlobalProperties.Kds kds = config.kds();
    KdsSettings settings =
        new KdsSettings(
            kds.message().limit(),
            kds.ack().deadline(),
            kds.heartbeat().interval(),
            kds.heartbeat().timeout(),
            "global");
    return new GlobalKdsService(
        new FederationBackend(feeds, store, view, kds.sink().parallel()),
        settings,
        kdsExecutor,
        kdsScheduler,
        Clock.systemUTC());
  }

  @Bean
  KdsStreamTracker kdsStreamTracker(
      ZoneRegistry zones,
      ZoneInsights insights,
      ZoneTokenVerifier verifier,
      KdsMetrics metrics,
      ForgeGlobalProperties config,
      ScheduledExecutorService kdsScheduler) {
    KdsStreamTracker tracker = new KdsStreamTracker(zones, insights, verifier, metrics);
    long period = Math.max(1, config.kds().revocation().check().toMillis());
    kdsScheduler.scheduleWithFixedDelay(
        tracker::recheckTokens, period, period, TimeUnit.MILLISECONDS);
    return tracker;
  }

  @Bean
  KdsServer kdsServer(
      ForgeGlobalProperties config,
      GlobalKdsService service,
      ZoneTokenAuthenticator authenticator,
      KdsStreamTracker tracker,
      KdsMetrics metrics,
      StoreEpoch storeEpoch,
      ExecutorService kdsExecutor) {
    ForgeGlobalProperties.Kds kds = config.kds();
    KdsTlsMaterial tls = null;
    if (kds.tls().enabled()) {
      tls =
          kds.tls().cert().isBlank()
              ? KdsTlsMaterial.selfSigned(config.state().dir())
              : KdsTlsMaterial.configured(Path.of(kds.tls().cert()), Path.of(kds.tls().key()));
    }
    ZoneAuthenticator counted =
        headers -> {
          try {
            return authenticator.authenticate(headers);
          } catch (ZoneAuthenticationException e) {
            metrics.authFailure("refused");
            throw e;
          }
        };
    return new KdsServer(
        kds.grpc().port(),
        tls,
        kds.message().limit(),
        service,
        counted,
        tracker,
        new StoreEpochInterceptor(storeEpoch),
        kdsExecutor);
  }
}
