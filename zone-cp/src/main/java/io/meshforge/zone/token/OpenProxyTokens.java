package io.meshforge.zone.token;

import io.meshforge.kds.auth.InvalidTokenException;
import io.meshforge.zone.xds.ProxyId;
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

  /** Per proxy, the tokens its streams authenticated with, by jti. */
  private final Map<ProxyId, Map<String, String>> open = new ConcurrentHashMap<>();

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
  public void forget(ProxyId proxy) {
    open.remove(proxy);
  }

  /** Remembers the token a proxy authenticated with. */
  void remember(ProxyId proxy, String jti, String token) {
    open.computeIfAbsent(proxy, p -> new ConcurrentHashMap<>()).put(jti, token);
  }

  /** Returns {@code true} while a proxy's tokens are checked (for tests and diagnostics). */
  public boolean watches(ProxyId proxy) {
    return open.containsKey(proxy);
  }

  /** Verifies every remembered token again and reports the ones that fail. */
  public void recheck() {
    for (var proxyTokens : open.entrySet()) {
      ProxyId proxy = proxyTokens.getKey();
      for (var token : proxyTokens.getValue().entrySet()) {
        try {
          verifier.verify(token.getValue());
        } catch (InvalidTokenException e) {
          proxyTokens.getValue().remove(token.getKey());
          log.warn("Proxy {} must disconnect: {}", proxy, e.getMessage());
          notifyRevoked(proxy, e.getMessage());
        } catch (RuntimeException e) {
          log.warn("Re-checking the token of proxy {} failed; will retry", proxy, e);
        }
      }
      open.computeIfPresent(proxy, (p, tokens) -> tokens.isEmpty() ? null : tokens);
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
