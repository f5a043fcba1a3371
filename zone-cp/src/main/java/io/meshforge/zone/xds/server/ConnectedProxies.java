package io.meshforge.zone.xds.server;

import io.meshforge.zone.xds.ProxyId;
import io.meshforge.zone.xds.context.ProxyMetadata;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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

  private record Entry(ProxyMetadata metadata, int streams) {}

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
        proxy, (id, entry) -> new Entry(metadata, entry == null ? 1 : entry.streams() + 1));
    listeners.forEach(l -> l.onStreamOpened(stream));
    listeners.forEach(l -> l.onConnected(proxy, metadata));
  }

  /** Records that one of a proxy's streams closed. */
  public void streamClosed(ProxyStream stream) {
    ProxyId proxy = stream.proxy();
    listeners.forEach(l -> l.onStreamClosed(stream));
    Entry left =
        proxies.computeIfPresent(
            proxy,
            (id, entry) ->
                entry.streams() <= 1 ? null : new Entry(entry.metadata(), entry.streams() - 1));
    if (left == null) {
      listeners.forEach(l -> l.onDisconnected(proxy));
    }
  }

  /** Returns the connected proxies and what they asked for. */
  public Map<ProxyId, ProxyMetadata> snapshot() {
    Map<ProxyId, ProxyMetadata> copy = new java.util.HashMap<>();
    proxies.forEach((id, entry) -> copy.put(id, entry.metadata()));
    return copy;
  }

  /** Returns whether a proxy has a stream open. */
  public boolean isConnected(ProxyId proxy) {
    return proxies.containsKey(proxy);
  }
}
