package io.meshforge.kds.transport;

import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryRequest;
import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryResponse;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.meshforge.kds.sync.DeltaReceiver;
import io.meshforge.kds.sync.DeltaSender;
import io.meshforge.kds.sync.SenderEvents;
import io.meshforge.kds.sync.SyncScope;
import io.meshforge.kds.sync.ZoneAttribution;
import io.meshforge.kds.v1.EnvoyAdminRequest;
import io.meshforge.kds.v1.EnvoyAdminResponse;
import io.meshforge.kds.v1.HeartbeatRequest;
import io.meshforge.kds.v1.HeartbeatResponse;
import io.meshforge.kds.v1.KdsSyncServiceGrpc;
import java.time.InstantSource;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GlobalKdsService} is global's side of KDS on grpc-java: it serves GlobalToZone (sender),
 * subscribes on ZoneToGlobal (receiver, attributing everything to the authenticated zone), answers
 * heartbeats, and holds each zone's Envoy admin channel. Bind it with {@link #bind} so every call
 * goes through {@link KdsServerInterceptor}.
 */
public final class GlobalKdsService extends KdsSyncServiceGrpc.KdsSyncServiceImplBase {

  private static final Logger log = LoggerFactory.getLogger(GlobalKdsService.class);

  private final GlobalBackend backend;
  private final KdsSettings settings;
  private final Executor executor;
  private final ScheduledExecutorService scheduler;
  private final InstantSource clock;
  private final ZoneLiveness liveness;
  private final EnvoyAdminChannels envoyAdmin = new EnvoyAdminChannels();

  /**
   * Creates the service.
   *
   * @param executor runs the per-stream state machines and sink writes (may block on the database)
   * @param scheduler runs ACK-deadline and heartbeat checks
   */
  public GlobalKdsService(
      GlobalBackend backend,
      KdsSettings settings,
      Executor executor,
      ScheduledExecutorService scheduler,
      InstantSource clock) {
    this.backend = backend;
    this.settings = settings;
    this.executor = executor;
    this.scheduler = scheduler;
    this.clock = clock;
    this.liveness = new ZoneLiveness(clock, settings.heartbeatTimeout());
    long period = Math.max(1, settings.heartbeatTimeout().toMillis() / 2);
    scheduler.scheduleAtFixedRate(liveness::expire, period, period, TimeUnit.MILLISECONDS);
  }

  /** Returns the service definition behind the authentication and version check. */
  public ServerServiceDefinition bind(ZoneAuthenticator authenticator) {
    return ServerInterceptors.intercept(this, new KdsServerInterceptor(authenticator));
  }

  /** Returns the zones with at least one open KDS stream. */
  public Set<String> connectedZones() {
    return liveness.connected();
  }

  /**
   * Asks a connected zone for Envoy admin data of one of its proxies; the future fails when the
   * zone has no admin channel open or the channel closes first. Callers add their own timeout.
   */
  public CompletableFuture<EnvoyAdminResponse> envoyAdmin(String zone, EnvoyAdminRequest request) {
    return envoyAdmin.send(zone, request);
  }

  @Override
  public StreamObserver<DeltaDiscoveryRequest> globalToZoneSync(
      StreamObserver<DeltaDiscoveryResponse> responses) {
    String zone = KdsServerInterceptor.ZONE.get();
    var call = (ServerCallStreamObserver<DeltaDiscoveryResponse>) responses;
    call.disableAutoRequest();
    StreamResources resources = new StreamResources();
    OutboundQueue<DeltaDiscoveryResponse> out = new OutboundQueue<>(call, resources::close);
    call.setOnReadyHandler(out::drain);
    call.setOnCancelHandler(out::peerClosed);
    DeltaSender sender =
        new DeltaSender(
            KdsDirections.globalToZone(),
            settings.maxMessageBytes(),
            settings.controlPlaneId(),
            clock,
            SenderEvents.NONE);
    SenderSession session =
        new SenderSession(sender, out, new SerialExecutor(executor), clock, settings.ackDeadline());
    resources.onClose(liveness.register(zone, out::fail));
    long period = Math.max(1, settings.ackDeadline().toMillis() / 4);
    ScheduledFuture<?> deadline =
        scheduler.scheduleAtFixedRate(
            session::checkAckDeadline, period, period, TimeUnit.MILLISECONDS);
    resources.onClose(() -> deadline.cancel(false));
    resources.add(
        backend.feedFor(zone, KdsServerInterceptor.FEATURES.get()).watch(session.listener()));
    call.request(1);
    return new InboundObserver<>(request -> session.onRequest(request, () -> call.request(1)), out);
  }

  @Override
  public StreamObserver<DeltaDiscoveryResponse> zoneToGlobalSync(
      StreamObserver<DeltaDiscoveryRequest> requests) {
    String zone = KdsServerInterceptor.ZONE.get();
    var call = (ServerCallStreamObserver<DeltaDiscoveryRequest>) requests;
    call.disableAutoRequest();
    StreamResources resources = new StreamResources();
    OutboundQueue<DeltaDiscoveryRequest> out = new OutboundQueue<>(call, resources::close);
    call.setOnReadyHandler(out::drain);
    call.setOnCancelHandler(out::peerClosed);
    DeltaReceiver receiver =
        new DeltaReceiver(
            KdsDirections.zoneToGlobal(),
            SyncScope.ofZone(zone),
            backend.validator(),
            new ZoneAttribution(zone),
            zone);
    ReceiverSession session =
        new ReceiverSession(
            receiver, backend.view(), backend.sinkFor(zone), out, new SerialExecutor(executor));
    resources.onClose(liveness.register(zone, out::fail));
    session.start();
    call.request(1);
    return new InboundObserver<>(
        response -> session.onResponse(response, () -> call.request(1)), out);
  }

  @Override
  public void heartbeat(HeartbeatRequest request, StreamObserver<HeartbeatResponse> response) {
    liveness.touch(KdsServerInterceptor.ZONE.get());
    response.onNext(
        HeartbeatResponse.newBuilder()
            .setIntervalMillis(settings.heartbeatInterval().toMillis())
            .build());
    response.onCompleted();
  }

  @Override
  public StreamObserver<EnvoyAdminResponse> envoyAdmin(StreamObserver<EnvoyAdminRequest> requests) {
    String zone = KdsServerInterceptor.ZONE.get();
    var call = (ServerCallStreamObserver<EnvoyAdminRequest>) requests;
    StreamResources resources = new StreamResources();
    OutboundQueue<EnvoyAdminRequest> out = new OutboundQueue<>(call, resources::close);
    call.setOnReadyHandler(out::drain);
    call.setOnCancelHandler(out::peerClosed);
    resources.onClose(envoyAdmin.open(zone, out));
    resources.onClose(liveness.register(zone, out::fail));
    log.debug("envoy admin channel of zone {} open", zone);
    return new InboundObserver<>(envoyAdmin::complete, out);
  }
}
