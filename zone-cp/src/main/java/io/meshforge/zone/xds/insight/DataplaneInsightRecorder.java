package io.meshforge.zone.xds.insight;

import io.meshforge.ca.WorkloadCertificate;
import io.meshforge.model.Resource;
import io.meshforge.model.ResourceKey;
import io.meshforge.model.ResourceTypes;
import io.meshforge.model.store.ResourceAlreadyExistsException;
import io.meshforge.model.store.ResourceConflictException;
import io.meshforge.model.store.ResourceNotFoundException;
import io.meshforge.model.store.ResourceStore;
import io.meshforge.model.store.StoreException;
import io.meshforge.zone.xds.ProxyId;
import io.meshforge.zone.xds.context.ProxyMetadata;
import io.meshforge.zone.xds.server.AgentVersion;
import io.meshforge.zone.xds.server.ConnectedProxies;
import io.meshforge.zone.xds.server.EnvoyVersion;
import io.meshforge.zone.xds.server.ProxyStream;
import io.meshforge.zone.xds.tls.HandedCertificates;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes a proxy's insight when one of its xDS streams opens or closes: a {@code DataplaneInsight}
 * for a sidecar, a {@code ZoneIngressInsight} or {@code ZoneEgressInsight} for a zone proxy (ADR
 * 0026; which one is read from the store, as a zone proxy's node id carries no mesh), in Kuma's
 * shape: one {@code subscriptions[]} entry per stream with its id, this CP instance, connect and
 * disconnect times and per-type counters ({@code status.total} and {@code status.cds|eds|lds|rds}:
 * {@code responsesSent}, {@code responsesAcknowledged}, {@code responsesRejected}). Only the last
 * {@value #KEPT} subscriptions are kept.
 *
 * <p>Each subscription also carries the proxy's {@code version.envoy} ({@code version}, {@code
 * build}) and its agent's {@code version.kumaDp.version} from its xDS node.
 *
 * <p>A sidecar's insight also gets {@code mTLS} ({@link CertificateStatus}) when it is handed a
 * certificate it did not hold yet ({@link HandedCertificates}); the last certificate handed to each
 * connected proxy is remembered so the reconciler's regenerations cost no store read.
 *
 * <p>Never on every ACK: a stream's subscription is written when it opens, when it closes, and in
 * between every flush interval if its counters moved since the last write (as Kuma flushes
 * dataplane status), so a connected proxy's counters are at most one interval old and an idle one
 * costs no write. Writes run on a thread of their own, never on gRPC threads; a failed write is
 * logged and dropped (insights are status, not configuration). A flush of a stream that closed
 * meanwhile writes nothing: the close's write (queued behind it, on the same thread) is the last.
 * Only a stream's opening creates an insight: a close or a certificate whose insight is gone (its
 * Dataplane was deleted, {@link ProxyInsights}) writes nothing, so a proxy registered again under
 * that name starts a fresh insight.
 */
public final class DataplaneInsightRecorder
    implements ConnectedProxies.Listener, HandedCertificates, AutoCloseable {

  /** How many subscriptions an insight keeps. */
  public static final int KEPT = 5;

  private static final Logger LOG = LoggerFactory.getLogger(DataplaneInsightRecorder.class);
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final int ATTEMPTS = 3;

  private final ResourceStore store;
  private final String instanceId;
  private final Clock clock;

  /** What each connected sidecar was last handed (reconciler threads write, any thread reads). */
  private final ConcurrentMap<ProxyId, CertificateStatus> handed = new ConcurrentHashMap<>();

  /** The open streams by id, and the counters last written for each. */
  private final ConcurrentMap<String, ProxyStream> open = new ConcurrentHashMap<>();

  private final ConcurrentMap<String, Map<String, ProxyStream.Counters>> written =
      new ConcurrentHashMap<>();

  /** Every write and the periodic flush run here, one at a time, in submission order. */
  private final ScheduledExecutorService writer =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().name("xds-insights").daemon().factory());

  /**
   * Creates the recorder.
   *
   * @param store the zone's store
   * @param instanceId this CP instance, recorded as {@code controlPlaneInstanceId}
   * @param clock the time source
   */
  public DataplaneInsightRecorder(ResourceStore store, String instanceId, Clock clock) {
    this(store, instanceId, clock, Duration.ZERO);
  }

  /**
   * Creates the recorder that also writes open streams' moved counters every {@code flush}.
   *
   * @param store the zone's store
   * @param instanceId this CP instance, recorded as {@code controlPlaneInstanceId}
   * @param clock the time source
   * @param flush how often open streams' counters are written; zero or negative: only on open and
   *     close
   */
  public DataplaneInsightRecorder(
      ResourceStore store, String instanceId, Clock clock, Duration flush) {
    this.store = Objects.requireNonNull(store, "store");
    this.instanceId = Objects.requireNonNull(instanceId, "instanceId");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (flush.isPositive()) {
      long millis = flush.toMillis();
      writer.scheduleWithFixedDelay(this::flushOpenStreams, millis, millis, TimeUnit.MILLISECONDS);
    }
  }

  @Override
  public void onConnected(ProxyId proxy, ProxyMetadata metadata) {}

  @Override
  public void onDisconnected(ProxyId proxy) {
    // A reconnect hands the same certificate again; the insight tells it is not a new one.
    handed.remove(proxy);
  }

  @Override
  public void onStreamOpened(ProxyStream stream) {
    // Also here, not only on disconnect: a generation racing the last disconnect may have put the
    // proxy back, and its next certificate must be checked against the (maybe fresh) insight.
    handed.remove(stream.proxy());
    written.put(stream.id(), stream.counters());
    ObjectNode subscription = subscription(stream, null);
    open.put(stream.id(), stream);
    submit(() -> record(stream.proxy(), true, withSubscription(subscription)));
  }

  @Override
  public void onStreamClosed(ProxyStream stream) {
    open.remove(stream.id()); // before the close's write is queued: see flushOpenStreams
    written.remove(stream.id());
    ObjectNode subscription = subscription(stream, clock.instant());
    submit(() -> record(stream.proxy(), false, withSubscription(subscription)));
  }

  /**
   * Writes the subscription of every open stream whose counters moved since its last write. Runs on
   * the writer thread (scheduled), so it never overlaps another write; a stream that closes while
   * this runs is skipped at write time, and its close's write comes after.
   */
  void flushOpenStreams() {
    for (ProxyStream stream : List.copyOf(open.values())) {
      Map<String, ProxyStream.Counters> counters = stream.counters();
      if (counters.equals(written.get(stream.id()))) {
        continue;
      }
      ObjectNode subscription = subscription(stream, null);
      written.replace(stream.id(), counters);
      Function<ObjectNode, ObjectNode> update = withSubscription(subscription);
      try {
        record(
            stream.proxy(),
            false,
            spec -> open.containsKey(stream.id()) ? update.apply(spec) : null);
      } catch (RuntimeException e) {
        LOG.warn("could not flush the insight of {}: {}", stream.proxy(), e.toString());
      }
    }
  }

  @Override
  public void handed(
      ProxyId proxy,
      WorkloadCertificate certificate,
      String backend,
      List<String> supportedBackends) {
    CertificateStatus status =
        new CertificateStatus(certificate.expiresAt(), backend, supportedBackends);
    if (status.equals(handed.put(proxy, status))) {
      return; // the same certificate again: the common case, on every regeneration
    }
    Instant now = clock.instant();
    submit(() -> record(proxy, false, spec -> withCertificate(spec, status, now)));
  }

  /** Queues a write; after {@link #close} it is dropped, as the CP is stopping. */
  private void submit(Runnable write) {
    try {
      writer.execute(write);
    } catch (RejectedExecutionException e) {
      LOG.debug("insight write dropped: the recorder is closed");
    }
  }

  /** Finishes the writes already asked for (bounded), then stops. */
  @Override
  public void close() {
    writer.shutdown();
    try {
      writer.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Applies {@code change} to a proxy's insight with compare-and-swap retries. {@code change} gets
   * a copy of the current spec (empty for a new insight) and returns the spec to write, or {@code
   * null} when there is nothing to write.
   */
  private void record(ProxyId proxy, boolean create, Function<ObjectNode, ObjectNode> change) {
    Optional<ResourceKey> insight = insightOf(proxy);
    if (insight.isEmpty()) {
      LOG.debug("{} is neither a Dataplane nor a zone proxy; no insight", proxy);
      return;
    }
    ResourceKey key = insight.get();
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      try {
        write(key, create, change);
        return;
      } catch (ResourceConflictException
          | ResourceAlreadyExistsException
          | ResourceNotFoundException e) {
        LOG.debug("insight {} changed under us (attempt {}); retrying", key, attempt);
      } catch (StoreException e) {
        LOG.warn("could not record insight {}: {}", key, e.getMessage());
        return;
      }
    }
    LOG.warn("could not record insight {}: it kept changing", key);
  }

  /**
   * The insight of a proxy: a sidecar's node id names its mesh; a zone proxy's does not, and
   * ZoneIngress and ZoneEgress names never collide (registration refuses it), so the one that
   * exists decides.
   */
  private Optional<ResourceKey> insightOf(ProxyId proxy) {
    if (!proxy.mesh().isEmpty()) {
      return Optional.of(
          ResourceKey.inMesh(ResourceTypes.DATAPLANE_INSIGHT, proxy.mesh(), proxy.name()));
    }
    try {
      if (store.get(ResourceKey.global(ResourceTypes.ZONE_INGRESS, proxy.name())).isPresent()) {
        return Optional.of(ResourceKey.global(ResourceTypes.ZONE_INGRESS_INSIGHT, proxy.name()));
      }
      if (store.get(ResourceKey.global(ResourceTypes.ZONE_EGRESS, proxy.name())).isPresent()) {
        return Optional.of(ResourceKey.global(ResourceTypes.ZONE_EGRESS_INSIGHT, proxy.name()));
      }
    } catch (StoreException e) {
      LOG.warn("could not tell which zone proxy {} is: {}", proxy, e.getMessage());
    }
    return Optional.empty();
  }

  private void write(ResourceKey key, boolean create, Function<ObjectNode, ObjectNode> change) {
    Optional<Resource> current = store.get(key);
    if (current.isEmpty() && !create) {
      return; // deleted with its proxy's registration: only a new stream starts it again
    }
    ObjectNode spec =
        change.apply(
            current.map(r -> ((ObjectNode) r.spec()).deepCopy()).orElseGet(JSON::objectNode));
    if (spec == null) {
      return;
    }
    if (current.isPresent()) {
      store.update(current.get().withSpec(spec));
    } else {
      store.create(Resource.of(key, java.util.Map.of(), spec));
    }
  }

  private static Function<ObjectNode, ObjectNode> withSubscription(ObjectNode subscription) {
    return spec -> {
      List<JsonNode> subscriptions = new ArrayList<>();
      spec.path("subscriptions").forEach(subscriptions::add);
      subscriptions.removeIf(
          s -> s.path("id").asString("").equals(subscription.path("id").asString()));
      subscriptions.add(subscription);
      while (subscriptions.size() > KEPT) {
        subscriptions.remove(0);
      }
      spec.putArray("subscriptions").addAll(subscriptions);
      return spec;
    };
  }

  private static ObjectNode withCertificate(
      ObjectNode spec, CertificateStatus status, Instant now) {
    Optional<ObjectNode> mtls = status.over(spec.get("mTLS"), now);
    if (mtls.isEmpty()) {
      return null;
    }
    spec.set("mTLS", mtls.get());
    return spec;
  }

  private ObjectNode subscription(ProxyStream stream, Instant disconnected) {
    ObjectNode node = JSON.objectNode();
    node.put("id", stream.id());
    node.put("controlPlaneInstanceId", instanceId);
    node.put("connectTime", stream.connectTime().toString());
    if (disconnected != null) {
      node.put("disconnectTime", disconnected.toString());
    }
    EnvoyVersion envoy = stream.envoy();
    AgentVersion agent = stream.agent();
    if (envoy.known() || agent.known()) {
      ObjectNode version = node.putObject("version");
      if (agent.known()) {
        version.putObject("kumaDp").put("version", agent.version());
      }
      if (envoy.known()) {
        ObjectNode envoyVersion = version.putObject("envoy");
        envoyVersion.put("version", envoy.version());
        envoyVersion.put("build", envoy.build());
      }
    }
    ObjectNode status = node.putObject("status");
    status.put("lastUpdateTime", clock.instant().toString());
    long sent = 0;
    long acked = 0;
    long nacked = 0;
    for (var entry : stream.counters().entrySet()) {
      ProxyStream.Counters c = entry.getValue();
      counters(status.putObject(entry.getKey()), c.sent(), c.acked(), c.nacked());
      sent += c.sent();
      acked += c.acked();
      nacked += c.nacked();
    }
    counters(status.putObject("total"), sent, acked, nacked);
    return node;
  }

  private static void counters(ObjectNode node, long sent, long acked, long nacked) {
    node.put("responsesSent", sent);
    node.put("responsesAcknowledged", acked);
    node.put("responsesRejected", nacked);
  }
}
