package io.meshforge.zone.kds;

import io.grpc.ForwardingServerCall;
import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.meshforge.kds.naming.SyncedCopies;
import io.meshforge.kds.sync.LocalView;
import io.meshforge.kds.sync.ResourceValidator;
import io.meshforge.kds.sync.SyncSink;
import io.meshforge.kds.transport.GlobalBackend;
import io.meshforge.kds.transport.GlobalKdsService;
import io.meshforge.kds.transport.KdsDirections;
import io.meshforge.kds.transport.KdsHeaders;
import io.meshforge.kds.transport.KdsSettings;
import io.meshforge.kds.transport.StateFeed;
import io.meshforge.kds.transport.ZoneAuthenticationException;
import io.meshforge.model.ResourceType;
import io.meshforge.model.WellKnownLabels;
import io.meshforge.model.store.InMemoryResourceStore;
import io.meshforge.model.store.ResourceView;
import io.meshforge.model.store.ResourceWrite;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A global control plane for zone tests: kds-protocol's real {@link GlobalKdsService} on a real
 * gRPC server (plaintext, 127.0.0.1), backed by an in-memory store, checking the zone token and
 * advertising a store epoch the test can change.
 */
final class GlobalSide implements AutoCloseable {
  static final String TOKEN = "token-of-east";

  final InMemoryResourceStore store = new InMemoryResourceStore();
  final AtomicReference<String> epoch = new AtomicReference<>("epoch-a");
  final GlobalKdsService service;
  private final Server server;

  GlobalSide(ExecutorService executor, ScheduledExecutorService scheduler) throws Exception {
    KdsSettings settings =
        new KdsSettings(
            1 << 20,
            Duration.ofSeconds(5),
            Duration.ofMillis(200),
            Duration.ofSeconds(3),
            "global");
    service = new GlobalKdsService(backend(), settings, executor, scheduler, Clock.systemUTC());
    server =
        Grpc.newServerBuilderForPort(0, InsecureServerCredentials.create())
            .addService(
                ServerInterceptors.intercept(
                    service.bind(headers -> {
                      if (!("Bearer " + TOKEN).equals(headers.get(KdsHeaders.AUTHORIZATION))) {
                        throw new ZoneAuthenticationException("bad zone token");
                      }
                      return headers.get(KdsHeaders.ZONE);
                    }),
                    new EpochHeader()))
            .executor(executor)
            .build()
            .start();
  }

  String address() {
    return "grpc://127.0.0.1:" + server.getPort();
  }

  @Override
  public void close() throws InterruptedException {
    server.shutdownNow();
    server.awaitTermination(5, TimeUnit.SECONDS);
  }

  private GlobalBackend backend() {
    return new GlobalBackend() {
      @Override
      public StateFeed feedFor(String zone, Set<String> features) {
        return new Feed(store.view(), zone);
      }

      @Override
      public LocalView view() {
        return new StoreLocalView(store);
      }

      @Override
      public SyncSink sinkFor(String zone) {
        return batch -> {
          List<ResourceWrite> writes = new ArrayList<>();
          batch.upserts().forEach(r -> writes.add(ResourceWrite.Put.of(r)));
          batch.deletes().forEach(k -> writes.add(new ResourceWrite.Remove(k)));
          store.applyAll(writes);
        };
      }

      @Override
      public ResourceValidator validator() {
        return ResourceValidator.ACCEPT_ALL;
      }
    };
  }

  /** Global's feed for one zone: everything but that zone's own copies, republished on change. */
  private record Feed(ResourceView view, String zone) implements StateFeed {
    @Override
    public AutoCloseable watch(Listener listener) {
      ResourceView.Listener onChange = changes -> publish(listener);
      view.addListener(onChange);
      publish(listener);
      return () -> view.removeListener(onChange);
    }

    private synchronized void publish(Listener listener) {
      for (ResourceType type : KdsDirections.globalToZone()) {
        listener.onSnapshot(
            type,
            view.list(type, null).stream()
                .filter(r -> !zone.equals(r.labels().get(WellKnownLabels.ZONE)))
                .map(SyncedCopies::forZones)
                .toList());
      }
    }
  }

  /** Puts the current epoch into the response headers of every call. */
  private final class EpochHeader implements ServerInterceptor {
    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
        ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
      return next.startCall(
          new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
            @Override
            public void sendHeaders(Metadata responseHeaders) {
              responseHeaders.put(KdsHeaders.STORE_EPOCH, epoch.get());
              super.sendHeaders(responseHeaders);
            }
          },
          headers);
    }
  }
}
