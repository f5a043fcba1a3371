package io.meshforge.zone.xds.server;

import io.grpc.Status;
import io.meshforge.zone.xds.ProxyId;
import io.meshforge.zone.xds.context.ProxyMetadata;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * {@code ConnectedProxies} knows which proxies have an authenticated xDS stream on this instance,
 * so only their snapshots are generated. A proxy may briefly have two streams (a reconnect that
 * overlaps the old stream's close): it stays connected until its last stream closes.
 *
 * <p>Thread-safe: streams open and close on gRPC threads, the reconciler reads on its own.
 */
public final class ConnectedProxies {

  /** {@code Listener} hears about proxies connecting and leaving. */
  public interface Listener {
    /** A proxy opened its first stream (or a stream with other metadata). */
    void onConnected(ProxyId proxy, ProxyMetadata metadata);

    /** A proxy's last stream closed. */
    void onDisconnected(ProxyId proxy);

    /** A stream was admitted (every stream, also a proxy's second one). */
    default void onStreamOpened(ProxyStream stream) {}

    /** An admitted stream ended. */
    default void onStreamClosed(ProxyStream stream) {}
  }

  /** A proxy's metadata (from its latest stream) and its open streams; immutable. */
  private record Entry(ProxyMetadata metadata, Set<ProxyStream> streams) {
    Entry with(ProxyStream stream, ProxyMetadata newest) {
      Set<ProxyStream> more = new HashSet<>(streams);
      more.add(stream);
      return new Entry(newest, Set.copyOf(more));
    }

    Entry without(ProxyStream stream) {
      Set<ProxyStream> fewer = new HashSet<>(streams);
      fewer.remove(stream);
      return fewer.isEmpty() ? null : new Entry(metadata, Set.copyOf(fewer));
    }
  }

  private final Map<ProxyId, Entry> proxies = new ConcurrentHashMap<>();
  private final List<Listener> listeners = new CopyOnWriteArrayList<>();

  /** Registers a listener. */
  public void addListener(Listener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /** Records a new authenticated stream of a proxy. */
  public void streamOpened(ProxyStream stream, ProxyMetadata metadata) {
    ProxyId proxy = stream.proxy();
    proxies.compute(
        proxy,
        (id, entry) ->
            entry == null ? new Entry(metadata, Set.of(stream)) : entry.with(stream, metadata));
    listeners.forEach(l -> l.onStreamOpened(stream));
    listeners.forEach(l -> l.onConnected(proxy, metadata));
  }

  /** Records that one of a proxy's streams closed. */
  public void streamClosed(ProxyStream stream) {
    ProxyId proxy = stream.proxy();
    listeners.forEach(l -> l.onStreamClosed(stream));
    boolean[] last = new boolean[1];
    proxies.computeIfPresent(
        proxy,
        (id, entry) -> {
          Entry left = entry.without(stream);
          last[0] = left == null;
          return left;
        });
    if (last[0]) {
      listeners.forEach(l -> l.onDisconnected(proxy));
    }
  }

  /** Returns the connected proxies and what they asked for. */
  public Map<ProxyId, ProxyMetadata> snapshot() {
    Map<ProxyId, ProxyMetadata> copy = new java.util.HashMap<>();
    proxies.forEach((id, entry) -> copy.put(id, entry.metadata()));
    return copy;
  }

  /**
   * Closes every open stream of a proxy with {@code status}, from any thread (e.g. its credential
   * was revoked, S6). Each stream is closed once; closing one also unregisters it.
   *
   * @param proxy the proxy
   * @param status the status its streams end with
   * @return how many streams were closed
   */
  public int closeStreams(ProxyId proxy, Status status) {
    Entry entry = proxies.get(proxy);
    if (entry == null) {
      return 0;
    }
    int closed = 0;
    for (ProxyStream stream : entry.streams()) {
      if (stream.close(status)) {
        closed++;
      }
    }
    return closed;
  }

  /**
   * Tells a proxy's open streams that its snapshot was just set in the cache (called by the
   * reconciler after each {@code setSnapshot}).
   *
   * @param proxy the proxy
   */
  public void snapshotSet(ProxyId proxy) {
    Entry entry = proxies.get(proxy);
    if (entry != null) {
      entry.streams().forEach(ProxyStream::snapshotSet);
    }
  }

  /** Returns whether a proxy has a stream open. */
  public boolean isConnected(ProxyId proxy) {
    return proxies.containsKey(proxy);
  }
}
