package io.meshforge.kds.transport;

import com.google.protobuf.ByteString;
import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryRequest;
import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryResponse;
import io.grpc.Channel;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import io.meshforge.kds.sync.DeltaReceiver;
import io.meshforge.kds.sync.DeltaSender;
import io.meshforge.kds.sync.SenderEvents;
import io.meshforge.kds.sync.SyncScope;
import io.meshforge.kds.v1.EnvoyAdminRequest;
import io.meshforge.kds.v1.EnvoyAdminResponse;
import io.meshforge.kds.v1.HeartbeatRequest;
import io.meshforge.kds.v1.HeartbeatResponse;
import io.meshforge.kds.v1.KdsSyncServiceGrpc;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ZoneKdsClient} is a zone's side of KDS: it dials global and keeps four calls open
 * (GlobalToZone as receiver, ZoneToGlobal as sender, Envoy admin, heartbeats). If any of them ends
 * or a heartbeat fails, every call of that connection attempt is cancelled and a new attempt starts
 * after an exponential backoff; each attempt starts from fresh state machines, so the complete
 * states resync whatever was missed.
 */
public final class ZoneKdsClient implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ZoneKdsClient.class);

  private final KdsSyncServiceGrpc.KdsSyncServiceStub stub;
  private final Channel channel;
  private final String zone;
  private final ZoneBackend backend;
  private final KdsSettings settings;
  private final Executor executor;
  private final ScheduledExecutorService scheduler;
  private final InstantSource clock;
  private final ReconnectBackoff backoff;
  private Attempt current;
  private boolean closed;
  private int attempts;

  /**
   * Creates a client whose reconnect delays start at {@code baseBackoff} with the default jitter
   * ({@link ReconnectBackoff#DEFAULT_JITTER}); nothing is dialled before {@link #start}.
   */
  public ZoneKdsClient(
      Channel channel,
      String zone,
      io.grpc.Metadata credentials,
      Set<String> features,
      ZoneBackend backend,
      KdsSettings settings,
      Executor executor,
      ScheduledExecutorService scheduler,
      InstantSource clock,
      Duration baseBackoff) {
    this(
        channel,
        zone,
        credentials,
        features,
        backend,
        settings,
        executor,
        scheduler,
        clock,
        ReconnectBackoff.exponential(baseBackoff, ReconnectBackoff.DEFAULT_JITTER));
  }

  /**
   * Creates a client; nothing is dialled before {@link #start}.
   *
   * @param channel the channel to global (credentials and TLS are the channel's business); a {@link
   *     ManagedChannel} has its own connect backoff cut short before each reconnect
   * @param credentials headers identifying the zone to the authentication hook (e.g. the token)
   * @param features capabilities advertised to global
   * @param backoff the delays between reconnect attempts (used under this client's lock)
   */
  public ZoneKdsClient(
      Channel channel,
      String zone,
      io.grpc.Metadata credentials,
      Set<String> features,
      ZoneBackend backend,
      KdsSettings settings,
      Executor executor,
      ScheduledExecutorService scheduler,
      InstantSource clock,
      ReconnectBackoff backoff) {
    io.grpc.Metadata headers = KdsHeaders.of(KdsHeaders.PROTOCOL_VERSION, features);
    headers.merge(credentials);
    this.stub =
        KdsSyncServiceGrpc.newStub(channel)
            .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
            .withMaxInboundMessageSize(Math.max(settings.maxMessageBytes(), 4 << 20));
    this.channel = channel;
    this.zone = zone;
    this.backend = backend;
    this.settings = settings;
    this.executor = executor;
    this.scheduler = scheduler;
    this.clock = clock;
    this.backoff = backoff;
  }

  /** Opens the first connection attempt. */
  public synchronized void start() {
    if (!closed && current == null) {
      current = new Attempt();
      current.open();
    }
  }

  /** Returns how many connection attempts were opened (for tests and metrics). */
  public synchronized int attempts() {
    return attempts;
  }

  /** Cancels the current connection (as a network failure would) and reconnects after backoff. */
  public void reset(String why) {
    Attempt attempt;
    synchronized (this) {
      attempt = current;
    }
    if (attempt != null) {
      attempt.fail(new IllegalStateException(why));
    }
  }

  @Override
  public void close() {
    Attempt attempt;
    synchronized (this) {
      closed = true;
      attempt = current;
      current = null;
    }
    if (attempt != null) {
      attempt.cancelAll("zone client closed");
    }
  }

  private synchronized void ended(Attempt attempt, Throwable cause) {
    if (closed || current != attempt) {
      return;
    }
    current = null;
    Duration wait = backoff.nextDelay();
    // One line per failed attempt: global being away for an hour must not fill the log with
    // stack traces. The trace is there at DEBUG for whoever needs it.
    log.warn(
        "KDS connection of zone {} ended ({}), reconnecting in {} ms",
        zone,
        describe(cause),
        wait.toMillis());
    log.debug("KDS connection of zone {} ended", zone, cause);
    scheduler.schedule(this::reconnect, wait.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Starts the next attempt. grpc-java keeps a connect backoff of its own per channel (1 s growing
   * to 2 minutes) and fails calls at once while it waits: after a long outage the channel would
   * still be waiting long after global came back, whatever this client's backoff says (seen in B6:
   * zones dialled up to 22 s after global was ready, with a 10 s reconnect cap). This client's
   * backoff decides when to dial, so the channel's is cut short first.
   */
  private void reconnect() {
    if (channel instanceof ManagedChannel managed) {
      managed.resetConnectBackoff();
    }
    start();
  }

  private synchronized void healthy() {
    backoff.reset();
  }

  /** Returns the cause as one short line: gRPC status and description, or class and message. */
  static String describe(Throwable cause) {
    if (cause instanceof StatusRuntimeException || cause instanceof StatusException) {
      Status status = Status.fromThrowable(cause);
      String description = status.getDescription();
      Throwable root = status.getCause();
      if (description == null && root != null) {
        description = root.getMessage();
      }
      return status.getCode() + (description == null ? "" : ": " + description);
    }
    String message = cause.getMessage();
    return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  /** One connection attempt: its calls end together. */
  private final class Attempt {
    private final StreamResources resources = new StreamResources();
    private ClientStream<DeltaDiscoveryRequest, DeltaDiscoveryResponse> downstream;
    private ClientStream<DeltaDiscoveryResponse, DeltaDiscoveryRequest> upstream;
    private ClientStream<EnvoyAdminResponse, EnvoyAdminRequest> admin;
    private volatile boolean failed;

    void open() {
      synchronized (ZoneKdsClient.this) {
        attempts++;
      }
      openDownstream();
      openUpstream();
      openAdmin();
      long interval = settings.heartbeatInterval().toMillis();
      ScheduledFuture<?> beats =
          scheduler.scheduleAtFixedRate(this::beat, 0, interval, TimeUnit.MILLISECONDS);
      resources.onClose(() -> beats.cancel(false));
    }

    private void openDownstream() {
      DeltaReceiver receiver =
          new DeltaReceiver(
              KdsDirections.globalToZone(),
              SyncScope.fromGlobal(zone),
              backend.validator(),
              UnaryOperator.identity(),
              zone);
      SerialExecutor serial = new SerialExecutor(executor);
      ReceiverSession[] session = new ReceiverSession[1];
      downstream =
          new ClientStream<>(
              (response, next) -> session[0].onResponse(response, next), this::fail, true);
      stub.globalToZoneSync(downstream);
      session[0] =
          new ReceiverSession(receiver, backend.view(), backend.sink(), downstream.out(), serial);
      session[0].start();
    }

    private void openUpstream() {
      DeltaSender sender =
          new DeltaSender(
              KdsDirections.zoneToGlobal(),
              settings.maxMessageBytes(),
              zone,
              clock,
              SenderEvents.NONE);
      SenderSession[] session = new SenderSession[1];
      upstream =
          new ClientStream<>(
              (request, next) -> session[0].onRequest(request, next), this::fail, true);
      stub.zoneToGlobalSync(upstream);
      session[0] =
          new SenderSession(
              sender, upstream.out(), new SerialExecutor(executor), clock, settings.ackDeadline());
      long period = Math.max(1, settings.ackDeadline().toMillis() / 4);
      ScheduledFuture<?> deadline =
          scheduler.scheduleAtFixedRate(
              () -> {
                session[0].checkAckDeadline();
              },
              period,
              period,
              TimeUnit.MILLISECONDS);
      resources.onClose(() -> deadline.cancel(false));
      resources.add(backend.feed().watch(session[0].listener()));
    }

    private void openAdmin() {
      admin =
          new ClientStream<>(
              (request, next) -> executor.execute(() -> answer(request)), this::fail, false);
      stub.envoyAdmin(admin);
    }

    private void answer(EnvoyAdminRequest request) {
      EnvoyAdminResponse.Builder response =
          EnvoyAdminResponse.newBuilder().setRequestId(request.getRequestId());
      try {
        response.setPayload(ByteString.copyFrom(backend.envoyAdmin(request)));
      } catch (EnvoyAdminFailure e) {
        response.setError(String.valueOf(e.getMessage())).setErrorCode(e.code());
      } catch (Exception e) {
        response.setError(String.valueOf(e.getMessage()));
      }
      admin.out().offer(response.build());
    }

    private void beat() {
      stub.withDeadlineAfter(settings.heartbeatTimeout().toMillis(), TimeUnit.MILLISECONDS)
          .heartbeat(
              HeartbeatRequest.newBuilder().setSentAtMillis(clock.millis()).build(),
              new StreamObserver<>() {
                @Override
                public void onNext(HeartbeatResponse value) {
                  healthy();
                }

                @Override
                public void onError(Throwable error) {
                  fail(error);
                }

                @Override
                public void onCompleted() {}
              });
    }

    void fail(Throwable cause) {
      if (failed) {
        return;
      }
      failed = true;
      try {
        cancelAll("KDS connection reset: " + cause);
      } finally {
        // Whatever cancelling threw, the next attempt must be scheduled, or the zone would stay
        // disconnected until restarted (seen once: grpc-java threw from a cancel inside the close
        // handler of the very call being cancelled).
        ended(this, cause);
      }
    }

    void cancelAll(String why) {
      failed = true;
      try {
        resources.close();
      } catch (RuntimeException e) {
        log.debug("closing the resources of a KDS attempt failed", e);
      }
      for (ClientStream<?, ?> stream : new ClientStream<?, ?>[] {downstream, upstream, admin}) {
        if (stream != null) {
          try {
            stream.cancel(why);
          } catch (RuntimeException e) {
            log.debug("cancelling a KDS stream failed", e);
          }
        }
      }
    }
  }
}
