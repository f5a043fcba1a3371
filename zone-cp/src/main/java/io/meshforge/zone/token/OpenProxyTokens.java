package io.meshforge.zone.token;

import io.meshforge.kds.auth.InvalidTokenException;
import io.meshforge.zone.xds.ProxyId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code OpenProxyTokens} remembers the token each authenticated proxy presented and, on {@link
 * #recheck}, verifies them again and tells the {@link RevokedTokens} subscribers about those that
 * no longer verify (each is then forgotten, so it is reported once).
 *
 * <p>Thread-safe: {@link #remember} runs on xDS threads, {@link #recheck} on one scheduler thread.
 */
public final class OpenProxyTokens implements RevokedTokens {

  private static final Logger log = LoggerFactory.getLogger(OpenProxyTokens.class);

  private final DataplaneTokenVerifier verifier;
  private final List<Listener> listeners = new CopyOnWriteArrayList<>();

  /**
   * What is checked for one proxy: the tokens its streams authenticated with, by jti, and how many
   * admitted streams have not ended yet. Immutable; replaced only inside {@code open.compute} for
   * that proxy, so a remember, a stream's end and a recheck's removal never interleave (checking
   * the map's emptiness and writing into it used to be two steps, and a token remembered between
   * them was written into a map no longer in {@code open}: never checked again).
   */
  private record Watched(Map<String, String> tokens, int streams) {
    Watched admitted(String jti, String token) {
      Map<String, String> more = new HashMap<>(tokens);
      more.put(jti, token);
      return new Watched(Map.copyOf(more), streams + 1);
    }

    Watched without(String jti, String token) {
      if (!token.equals(tokens.get(jti))) {
        return this;
      }
      Map<String, String> fewer = new HashMap<>(tokens);
      fewer.remove(jti);
      return new Watched(Map.copyOf(fewer), streams);
    }

    /** Returns {@code null} (nothing left to watch) once every admitted stream ended. */
    Watched ended() {
      return streams <= 1 ? null : new Watched(tokens, streams - 1);
    }
  }

  private final Map<ProxyId, Watched> open = new ConcurrentHashMap<>();

  /**
   * @param verifier verifies the remembered tokens again
   */
  public OpenProxyTokens(DataplaneTokenVerifier verifier) {
    this.verifier = verifier;
  }

  @Override
  public AutoCloseable subscribe(Listener listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  @Override
  public void streamEnded(ProxyId proxy) {
    open.computeIfPresent(proxy, (p, watched) -> watched.ended());
  }

  /** Remembers the token a proxy's new stream authenticated with (one call per admitted stream). */
  void remember(ProxyId proxy, String jti, String token) {
    open.compute(
        proxy,
        (p, watched) ->
            (watched == null ? new Watched(Map.of(), 0) : watched).admitted(jti, token));
  }

  /** Returns {@code true} while a proxy's tokens are checked (for tests and diagnostics). */
  public boolean watches(ProxyId proxy) {
    Watched watched = open.get(proxy);
    return watched != null && !watched.tokens().isEmpty();
  }

  /** Verifies every remembered token again and reports the ones that fail. */
  public void recheck() {
    // Verifies a snapshot, outside any lock; removals then apply only to what is still there.
    for (var entry : Map.copyOf(open).entrySet()) {
      ProxyId proxy = entry.getKey();
      for (var token : entry.getValue().tokens().entrySet()) {
        try {
          verifier.verify(token.getValue());
        } catch (InvalidTokenException e) {
          boolean[] removed = new boolean[1];
          open.computeIfPresent(
              proxy,
              (p, watched) -> {
                Watched left = watched.without(token.getKey(), token.getValue());
                removed[0] = left != watched;
                return left;
              });
          if (removed[0]) {
            log.warn("Proxy {} must disconnect: {}", proxy, e.getMessage());
            notifyRevoked(proxy, e.getMessage());
          }
        } catch (RuntimeException e) {
          log.warn("Re-checking the token of proxy {} failed; will retry", proxy, e);
        }
      }
    }
  }

  private void notifyRevoked(ProxyId proxy, String reason) {
    for (Listener listener : listeners) {
      try {
        listener.onRevoked(proxy, reason);
      } catch (RuntimeException e) {
        log.warn("A revocation listener failed for proxy {}", proxy, e);
      }
    }
  }
}
