package io.meshforge.zone.xds.server;

import io.envoyproxy.controlplane.cache.Resources;
import io.grpc.Status;
import io.meshforge.zone.xds.ProxyId;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * One authenticated xDS stream of a proxy and its per-type counters (responses sent, ACKed,
 * NACKed), for DataplaneInsight. Counters are updated from gRPC threads and read at any time.
 * {@link #close} may be called from any thread.
 */
public final class ProxyStream {

  /** The counters of one resource type. */
  public record Counters(long sent, long acked, long nacked) {}

  private record Adders(LongAdder sent, LongAdder acked, LongAdder nacked) {
    Adders() {
      this(new LongAdder(), new LongAdder(), new LongAdder());
    }
  }

  private final String id = UUID.randomUUID().toString();
  private final ProxyId proxy;
  private final Instant connectTime;
  private final EnvoyVersion envoy;
  private final AgentVersion agent;
  private final Map<String, Adders> byType = new ConcurrentHashMap<>();
  private final Consumer<Status> closer;
  private final AtomicBoolean closing = new AtomicBoolean();
  private volatile Runnable snapshotListener = () -> {};

  ProxyStream(ProxyId proxy, Instant connectTime, Consumer<Status> closer) {
    this(proxy, connectTime, EnvoyVersion.UNKNOWN, closer);
  }

  ProxyStream(ProxyId proxy, Instant connectTime, EnvoyVersion envoy, Consumer<Status> closer) {
    this(proxy, connectTime, envoy, AgentVersion.UNKNOWN, closer);
  }

  ProxyStream(
      ProxyId proxy,
      Instant connectTime,
      EnvoyVersion envoy,
      AgentVersion agent,
      Consumer<Status> closer) {
    this.proxy = proxy;
    this.connectTime = connectTime;
    this.envoy = envoy;
    this.agent = agent;
    this.closer = closer;
  }

  /**
   * Ends the stream from the server side with {@code status} (the proxy sees it as the stream's
   * error and reconnects). Thread-safe; only the first call does anything.
   *
   * @param status the status to end with
   * @return {@code true} when this call closed it
   */
  public boolean close(Status status) {
    if (!closing.compareAndSet(false, true)) {
      return false;
    }
    closer.accept(status);
    return true;
  }

  /** Sets what runs when the proxy's snapshot was set (on the reconciler's thread). */
  void onSnapshotSet(Runnable listener) {
    this.snapshotListener = listener;
  }

  /** Tells the stream that its proxy's snapshot was just set in the cache. */
  void snapshotSet() {
    snapshotListener.run();
  }

  /** Returns the stream's unique id. */
  public String id() {
    return id;
  }

  /** Returns the proxy the stream speaks for. */
  public ProxyId proxy() {
    return proxy;
  }

  /** Returns when the stream was admitted. */
  public Instant connectTime() {
    return connectTime;
  }

  /** Returns the version the proxy's node announced on the stream's first request. */
  public EnvoyVersion envoy() {
    return envoy;
  }

  /** Returns the version of the agent that started the proxy, from the same node. */
  public AgentVersion agent() {
    return agent;
  }

  /**
   * Returns the counters by short type name ({@code cds}, {@code eds}, {@code lds}, {@code rds},
   * {@code sds}), sorted.
   */
  public Map<String, Counters> counters() {
    Map<String, Counters> copy = new TreeMap<>();
    byType.forEach(
        (type, a) -> copy.put(type, new Counters(a.sent.sum(), a.acked.sum(), a.nacked.sum())));
    return copy;
  }

  void sent(String typeUrl) {
    adders(typeUrl).sent.increment();
  }

  void acked(String typeUrl) {
    adders(typeUrl).acked.increment();
  }

  void nacked(String typeUrl) {
    adders(typeUrl).nacked.increment();
  }

  private Adders adders(String typeUrl) {
    return byType.computeIfAbsent(shortName(typeUrl), t -> new Adders());
  }

  private static String shortName(String typeUrl) {
    return switch (typeUrl) {
      case Resources.V3.CLUSTER_TYPE_URL -> "cds";
      case Resources.V3.ENDPOINT_TYPE_URL -> "eds";
      case Resources.V3.LISTENER_TYPE_URL -> "lds";
      case Resources.V3.ROUTE_TYPE_URL -> "rds";
      case Resources.V3.SECRET_TYPE_URL -> "sds";
      default -> typeUrl;
    };
  }
}
