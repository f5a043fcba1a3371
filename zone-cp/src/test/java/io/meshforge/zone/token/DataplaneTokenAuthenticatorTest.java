package io.meshforge.zone.token;

import static io.meshforge.zone.Resources.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusException;
import io.meshforge.kds.auth.RevokedTokenIds;
import io.meshforge.kds.auth.TokenSigner;
import io.meshforge.kds.auth.TokenSigningKeys;
import io.meshforge.kds.auth.TokenVerifier;
import io.meshforge.kds.transport.KdsHeaders;
import io.meshforge.model.store.InMemoryResourceStore;
import io.meshforge.zone.Resources;
import io.meshforge.zone.xds.ProxyId;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** RELIABILITY S5 (refused at stream open) and S6 (revocation reported for open streams). */
class DataplaneTokenAuthenticatorTest {

  private static final ProxyId WEB_1 = new ProxyId("default", "web-1");

  private final InMemoryResourceStore store = new InMemoryResourceStore();
  private final AtomicReference<Instant> now = new AtomicReference<>(Instant.now());
  private final TokenSigningKeys keys =
      new TokenSigningKeys(store, store.view(), DataplaneTokenSecrets.SIGNING_KEY_PREFIX);
  private final RevokedTokenIds revoked =
      new RevokedTokenIds(store, store.view(), DataplaneTokenSecrets.REVOCATIONS);
  private final DataplaneTokenIssuer issuer =
      new DataplaneTokenIssuer(new TokenSigner(keys, now::get));
  private final DataplaneTokenVerifier verifier =
      new DataplaneTokenVerifier(new TokenVerifier(keys, revoked, now::get, "dataplane token"));
  private final OpenProxyTokens open = new OpenProxyTokens(verifier);
  private final DataplaneTokenAuthenticator authenticator =
      new DataplaneTokenAuthenticator(verifier, store, open);

  @BeforeEach
  void registered() {
    store.create(Resources.mesh("default"));
    store.create(Resources.mesh("other"));
    store.create(dataplane("default", "web-1", "web", "v1"));
    store.create(dataplane("default", "web-2", "web", "v2"));
    store.create(dataplane("other", "web-1", "web", "v1"));
  }

  private static io.meshforge.model.Resource dataplane(
      String mesh, String name, String service, String version) {
    return yaml(
        """
        type: Dataplane
        name: %s
        mesh: %s
        networking:
          address: 10.0.0.1
          inbound:
          - port: 8080
            tags: {kuma.io/service: %s, version: %s}
          - port: 8081
            tags: {kuma.io/service: %s-admin}
        """
            .formatted(name, mesh, service, version, service));
  }

  private String token(String name, String mesh, Map<String, List<String>> tags) {
    return issuer
        .issue(new DataplaneTokenClaims(null, name, mesh, tags, null), Duration.ofHours(1))
        .token();
  }

  static Stream<Arguments> accepted() {
    return Stream.of(
        Arguments.of("bound to name and mesh", "web-1", "default", Map.of()),
        Arguments.of("mesh only (any name)", null, "default", Map.of()),
        Arguments.of("tag with its value", "web-1", "default", Map.of("version", List.of("v1"))),
        Arguments.of(
            "tag allowing several values", null, "default", Map.of("version", List.of("v2", "v1"))),
        Arguments.of(
            "service tag listing every inbound's value",
            null,
            "default",
            Map.of("kuma.io/service", List.of("web", "web-admin"))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("accepted")
  void authenticate_tokenBoundToTheDataplane_isAccepted(
      String name, String tokenName, String mesh, Map<String, List<String>> tags) throws Exception {
    authenticator.authenticate(headers(token(tokenName, mesh, tags)), WEB_1);
    assertThat(open.watches(WEB_1)).isTrue();
  }

  /** A way of presenting a bad credential for {@link #WEB_1}, and the status it must get. */
  record Attack(String name, Status.Code status, String reason, Forge forge) {
    @Override
    public String toString() {
      return name;
    }
  }

  @FunctionalInterface
  interface Forge {
    Metadata headers(DataplaneTokenAuthenticatorTest test) throws Exception;
  }

  static Stream<Attack> attacks() {
    return Stream.of(
        new Attack("no token", Status.Code.UNAUTHENTICATED, "required", t -> new Metadata()),
        new Attack(
            "token of dp-a used for dp-b",
            Status.Code.PERMISSION_DENIED,
            "'web-2'",
            t -> headers(t.token("web-2", "default", Map.of()))),
        new Attack(
            "mesh mismatch",
            Status.Code.PERMISSION_DENIED,
            "mesh 'other'",
            t -> headers(t.token("web-1", "other", Map.of()))),
        new Attack(
            "tag value not allowed",
            Status.Code.PERMISSION_DENIED,
            "version=v1",
            t -> headers(t.token(null, "default", Map.of("version", List.of("v2"))))),
        new Attack(
            "tag the Dataplane lacks",
            Status.Code.PERMISSION_DENIED,
            "requires tag team",
            t -> headers(t.token(null, "default", Map.of("team", List.of("a"))))),
        new Attack(
            "service tag allowing one of two inbound values",
            Status.Code.PERMISSION_DENIED,
            "web-admin",
            t -> headers(t.token(null, "default", Map.of("kuma.io/service", List.of("web"))))),
        new Attack(
            "expired",
            Status.Code.UNAUTHENTICATED,
            "expired",
            t -> {
              String token = t.token("web-1", "default", Map.of());
              t.now.set(t.now.get().plus(Duration.ofHours(2)));
              return headers(token);
            }),
        new Attack(
            "revoked",
            Status.Code.UNAUTHENTICATED,
            "revoked",
            t -> {
              var issued =
                  t.issuer.issue(
                      new DataplaneTokenClaims(null, "web-1", "default", Map.of(), null),
                      Duration.ofHours(1));
              t.revoked.revoke(issued.jti());
              return headers(issued.token());
            }),
        new Attack(
            "alg none",
            Status.Code.UNAUTHENTICATED,
            "not a signed JWT",
            t -> headers(new PlainJWT(claims()).serialize())),
        new Attack(
            "HS256 signed with the public key",
            Status.Code.UNAUTHENTICATED,
            "HS256",
            t -> {
              t.token("web-1", "default", Map.of()); // key 1 exists
              SignedJWT jwt =
                  new SignedJWT(
                      new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("1").build(), claims());
              jwt.sign(new MACSigner(t.keys.publicKey("1").orElseThrow().getEncoded()));
              return headers(jwt.serialize());
            }),
        new Attack(
            "unknown kid",
            Status.Code.UNAUTHENTICATED,
            "unknown key",
            t -> headers(rsaSigned("42"))),
        new Attack(
            "foreign key with a known kid",
            Status.Code.UNAUTHENTICATED,
            "signature",
            t -> {
              t.token("web-1", "default", Map.of());
              return headers(rsaSigned("1"));
            }),
        new Attack(
            "Dataplane not registered",
            Status.Code.PERMISSION_DENIED,
            "not registered",
            t -> {
              t.store.delete(
                  new io.meshforge.model.ResourceKey(
                      io.meshforge.model.ResourceTypes.DATAPLANE, "default", "web-1"));
              return headers(t.token("web-1", "default", Map.of()));
            }));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("attacks")
  void authenticate_badCredential_isRefusedAndNothingIsRemembered(Attack attack) throws Exception {
    Metadata headers = attack.forge().headers(this);
    assertThatThrownBy(() -> authenticator.authenticate(headers, WEB_1))
        .isInstanceOfSatisfying(
            StatusException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(attack.status());
              assertThat(e.getStatus().getDescription()).contains(attack.reason());
            });
    assertThat(open.watches(WEB_1)).isFalse();
  }

  @Test
  void recheck_tokenRevokedWhileStreamOpen_tellsSubscribersOnce() throws Exception {
    var issued =
        issuer.issue(
            new DataplaneTokenClaims(null, "web-1", "default", Map.of(), null),
            Duration.ofHours(1));
    authenticator.authenticate(headers(issued.token()), WEB_1);
    List<ProxyId> told = new ArrayList<>();
    try (AutoCloseable subscription = open.subscribe((proxy, reason) -> told.add(proxy))) {
      open.recheck();
      assertThat(told).isEmpty();
      revoked.revoke(issued.jti());
      open.recheck();
      open.recheck();
      assertThat(told).containsExactly(WEB_1);
    }
    assertThat(open.watches(WEB_1)).isFalse();
  }

  @Test
  void recheck_tokenExpiredWhileStreamOpen_tellsSubscribers() throws Exception {
    authenticator.authenticate(headers(token("web-1", "default", Map.of())), WEB_1);
    List<String> reasons = new ArrayList<>();
    open.subscribe((proxy, reason) -> reasons.add(reason));
    now.set(now.get().plus(Duration.ofHours(2)));
    open.recheck();
    assertThat(reasons).singleElement().asString().contains("expired");
  }

  @Test
  void streamEnded_proxyWhoseStreamsAllEnded_isNoLongerChecked() throws Exception {
    var issued =
        issuer.issue(
            new DataplaneTokenClaims(null, "web-1", "default", Map.of(), null),
            Duration.ofHours(1));
    authenticator.authenticate(headers(issued.token()), WEB_1);
    List<ProxyId> told = new ArrayList<>();
    open.subscribe((proxy, reason) -> told.add(proxy));
    open.streamEnded(WEB_1);
    assertThat(open.watches(WEB_1)).isFalse();
    revoked.revoke(issued.jti());
    open.recheck();
    assertThat(told).isEmpty();
  }

  private String zoneProxyToken(String type, String name) {
    return issuer
        .issue(new DataplaneTokenClaims(null, name, "", Map.of(), null, type), Duration.ofHours(1))
        .token();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"any ingress name,", "bound to its name,ingress-1"})
  void authenticate_ingressTokenForARegisteredIngress_isAcceptedAndRechecked(
      String name, String tokenName) throws Exception {
    store.create(yaml("type: ZoneIngress\nname: ingress-1\nnetworking: {port: 10001}\n"));
    ProxyId ingress = new ProxyId("", "ingress-1");

    authenticator.authenticate(
        headers(zoneProxyToken(DataplaneTokenClaims.INGRESS, tokenName)), ingress);

    assertThat(open.watches(ingress)).isTrue();
    open.recheck();
    assertThat(open.watches(ingress)).as("an ingress token stays valid on recheck").isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "sidecar token,dataplane,,PERMISSION_DENIED",
    "egress token,egress,,PERMISSION_DENIED",
    "token of another ingress,ingress,ingress-9,PERMISSION_DENIED",
    "unregistered ingress,ingress,ingress-2,PERMISSION_DENIED"
  })
  void authenticate_ingressWithoutAFittingTokenOrZoneIngress_isRefused(
      String name, String type, String tokenName, Status.Code status) throws Exception {
    store.create(yaml("type: ZoneIngress\nname: ingress-1\nnetworking: {port: 10001}\n"));
    ProxyId ingress =
        new ProxyId("", "unregistered ingress".equals(name) ? "ingress-2" : "ingress-1");
    String token =
        "dataplane".equals(type)
            ? token(null, "default", Map.of())
            : zoneProxyToken(type, tokenName);

    assertThatThrownBy(() -> authenticator.authenticate(headers(token), ingress))
        .isInstanceOfSatisfying(
            StatusException.class, e -> assertThat(e.getStatus().getCode()).isEqualTo(status));
    assertThat(open.watches(ingress)).isFalse();
  }

  @org.junit.jupiter.api.Test
  void authenticate_ingressTokenForASidecar_isRefused() {
    assertThatThrownBy(() ->
            authenticator.authenticate(
                headers(zoneProxyToken(DataplaneTokenClaims.INGRESS, null)), WEB_1))
        .isInstanceOfSatisfying(
            StatusException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED));
  }

  private static Metadata headers(String token) {
    Metadata headers = new Metadata();
    headers.put(KdsHeaders.AUTHORIZATION, "Bearer " + token);
    return headers;
  }

  private static JWTClaimsSet claims() {
    return new JWTClaimsSet.Builder()
        .jwtID("forged")
        .expirationTime(Date.from(Instant.now().plusSeconds(3600)))
        .claim("name", "web-1")
        .claim("mesh", "default")
        .build();
  }

  private static String rsaSigned(String kid) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    SignedJWT jwt =
        new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build(), claims());
    jwt.sign(new RSASSASigner(generator.generateKeyPair().getPrivate()));
    return jwt.serialize();
  }
}
