package io.meshforge.zone.xds.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Metadata;
import io.grpc.Status;
import io.meshforge.kds.auth.RevokedTokenIds;
import io.meshforge.kds.auth.TokenSigner;
import io.meshforge.kds.auth.TokenSigningKeys;
import io.meshforge.kds.auth.TokenVerifier;
import io.meshforge.kds.transport.KdsHeaders;
import io.meshforge.model.store.InMemoryResourceStore;
import io.meshforge.zone.Resources;
import io.meshforge.zone.token.DataplaneTokenAuthenticator;
import io.meshforge.zone.token.DataplaneTokenClaims;
import io.meshforge.zone.token.DataplaneTokenIssuer;
import io.meshforge.zone.token.DataplaneTokenSecrets;
import io.meshforge.zone.token.DataplaneTokenVerifier;
import io.meshforge.zone.token.OpenProxyTokens;
import io.meshforge.zone.token.RevokedStreamCloser;
import io.meshforge.zone.xds.ProxyId;
import io.meshforge.zone.xds.context.ProxyMetadata;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * S6 across a reconnect: the order of events of {@link ProxyStreamGuard} (authenticate, then
 * register the stream) against the old stream's close, replayed deterministically.
 */
class RevokedStreamCloserRaceTest {

  private static final ProxyId WEB_1 = new ProxyId("default", "web-1");

  private final InMemoryResourceStore store = new InMemoryResourceStore();
  private final TokenSigningKeys keys =
      new TokenSigningKeys(store, store.view(), DataplaneTokenSecrets.SIGNING_KEY_PREFIX);
  private final RevokedTokenIds revoked =
      new RevokedTokenIds(store, store.view(), DataplaneTokenSecrets.REVOCATIONS);
  private final DataplaneTokenIssuer issuer =
      new DataplaneTokenIssuer(new TokenSigner(keys, Clock.systemUTC()));
  private final DataplaneTokenVerifier verifier =
      new DataplaneTokenVerifier(new TokenVerifier(keys, revoked, Instant::now, "dataplane token"));
  private final OpenProxyTokens open = new OpenProxyTokens(verifier);
  private final DataplaneTokenAuthenticator authenticator =
      new DataplaneTokenAuthenticator(verifier, store, open);
  private final ConnectedProxies connected = new ConnectedProxies();
  private final List<Status> closedWith = new CopyOnWriteArrayList<>();

  @Test
  void recheck_oldStreamClosedWhileTheNewOneWasBeingAdmitted_stillClosesTheNewOne()
      throws Exception {
    store.create(Resources.mesh("default"));
    store.create(Resources.dataplane("default", "web-1"));
    var oldToken = issue();
    var newToken = issue();
    try (RevokedStreamCloser closer = new RevokedStreamCloser(open, connected)) {
      ProxyStream oldStream = admit(oldToken.token());
      // The proxy reconnects: its new stream is authenticated (token remembered) ...
      authenticator.authenticate(headers(newToken.token()), WEB_1);
      // ... and before it is registered as connected, the old stream's close is processed: to
      // ConnectedProxies that was the proxy's last stream.
      connected.streamClosed(oldStream);
      ProxyStream newStream = register();

      revoked.revoke(newToken.jti());
      open.recheck();

      assertThat(closedWith)
          .as("the new stream's revoked token must still close it")
          .singleElement()
          .extracting(Status::getCode)
          .isEqualTo(Status.Code.UNAUTHENTICATED);
      connected.streamClosed(newStream);
      assertThat(open.watches(WEB_1)).as("forgotten once its last stream ended").isFalse();
    }
  }

  private io.meshforge.kds.auth.IssuedToken issue() {
    return issuer.issue(
        new DataplaneTokenClaims(null, "web-1", "default", Map.of(), null), Duration.ofHours(1));
  }

  private ProxyStream admit(String token) throws Exception {
    authenticator.authenticate(headers(token), WEB_1);
    return register();
  }

  private ProxyStream register() {
    ProxyStream stream = new ProxyStream(WEB_1, Instant.now(), closedWith::add);
    connected.streamOpened(
        stream, ProxyMetadata.of(com.google.protobuf.Struct.getDefaultInstance()));
    return stream;
  }

  private static Metadata headers(String token) {
    Metadata headers = new Metadata();
    headers.put(KdsHeaders.AUTHORIZATION, "Bearer " + token);
    return headers;
  }
}
