package io.meshforge.global.kds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryRequest;
import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryResponse;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import io.meshforge.global.token.InvalidZoneTokenException;
import io.meshforge.global.token.ZoneTokenVerifier;
import io.meshforge.global.zone.ZoneRegistry;
import io.meshforge.kds.transport.KdsHeaders;
import io.meshforge.kds.v1.HeartbeatRequest;
import io.meshforge.kds.v1.KdsSyncServiceGrpc;
import io.meshforge.kds.wire.KdsEnvelope;
import io.meshforge.model.ResourceKey;
import io.meshforge.model.ResourceTypes;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;

class ZoneAuthTest extends FederationTestBase {

  private static final Duration BOUND = Duration.ofSeconds(15);

  @Autowired ZoneTokenVerifier verifier;
  @Autowired KdsStreamTracker tracker;

  @Test
  void kdsCall_withoutCredential_isUnauthenticatedAndCreatesNoZone() throws Exception {
    var stub = stub(tlsChannel(), new Metadata());
    assertThatThrownBy(() -> stub.heartbeat(HeartbeatRequest.getDefaultInstance()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
    Metadata claimOnly = new Metadata();
    claimOnly.put(KdsHeaders.ZONE, "ghost");
    TestZone ghost = closeLater(new TestZone(tlsChannel(), "ghost", claimOnly)).start();
    await().atMost(BOUND).until(() -> ghost.attempts() >= 2);
    assertThat(store.get(ZoneRegistry.keyOf("ghost"))).isEmpty();
  }

  @Test
  void tokenForZoneA_claimingZoneB_isRefusedAndZoneBUntouched() throws Exception {
    String tokenOfA = issueToken("auth-a").body();
    var stub = stub(tlsChannel(), KdsHeaders.zoneCredentials("auth-b", tokenOfA));
    assertThatThrownBy(() -> stub.heartbeat(HeartbeatRequest.getDefaultInstance()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
    TestZone impostor = connect("auth-b", "auth-a", tokenOfA);
    await().atMost(BOUND).until(() -> impostor.attempts() >= 2);
    assertThat(store.get(ZoneRegistry.keyOf("auth-b"))).isEmpty();
  }

  @Test
  void zoneSendingAGlobalOnlyType_isNackedAndNothingIsStored() throws Exception {
    String token = issueToken("auth-s3").body();
    var stub =
        KdsSyncServiceGrpc.newStub(tlsChannel())
            .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers("auth-s3", token)));
    BlockingQueue<DeltaDiscoveryRequest> fromGlobal = new LinkedBlockingQueue<>();
    StreamObserver<DeltaDiscoveryResponse> toGlobal =
        stub.zoneToGlobalSync(
            new StreamObserver<>() {
              @Override
              public void onNext(DeltaDiscoveryRequest value) {
                fromGlobal.add(value);
              }

              @Override
              public void onError(Throwable t) {}

              @Override
              public void onCompleted() {}
            });
    closeLater(() -> toGlobal.onError(new RuntimeException("test over")));
    var mesh = yaml("type: Mesh\nname: smuggled\n");
    toGlobal.onNext(
        DeltaDiscoveryResponse.newBuilder()
            .setTypeUrl("Mesh")
            .setNonce("n1")
            .setSystemVersionInfo("complete;part=1;of=1")
            .addResources(KdsEnvelope.toWire(mesh))
            .build());
    DeltaDiscoveryRequest reply = null;
    while (reply == null || reply.getResponseNonce().isEmpty()) {
      reply = fromGlobal.poll(10, TimeUnit.SECONDS);
      assertThat(reply).as("a reply from global").isNotNull();
    }
    assertThat(reply.getResponseNonce()).isEqualTo("n1");
    assertThat(reply.hasErrorDetail()).as("NACK").isTrue();
    assertThat(store.get(new ResourceKey(ResourceTypes.MESH, "", "smuggled"))).isEmpty();
  }

  @Test
  void revokingAZoneToken_closesItsStreamsAndRefusesReconnects() throws Exception {
    var issued = issueToken("auth-revoked");
    TestZone zone = connect("auth-revoked", "auth-revoked", issued.body());
    await().atMost(BOUND).until(() -> tracker.connectedZones().contains("auth-revoked"));
    int attempts = zone.attempts();

    var revoked =
        post(
            "/tokens/zone/revoke",
            "{\"id\":\"" + issued.headers().firstValue("X-Token-Id").orElseThrow() + "\"}",
            adminToken());
    assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);

    await().atMost(Duration.ofSeconds(30)).until(() -> zone.attempts() > attempts);
    await().atMost(BOUND).until(() -> !tracker.connectedZones().contains("auth-revoked"));
    assertThatThrownBy(() -> verifier.verify(issued.body()))
        .isInstanceOf(InvalidZoneTokenException.class)
        .hasMessageContaining("revoked");
  }

  @Test
  void tokenEndpoints_withoutTheAdminToken_are401() {
    assertThat(post("/tokens/zone", "{\"zone\":\"x\"}", null).statusCode()).isEqualTo(401);
    assertThat(post("/tokens/zone", "{\"zone\":\"x\"}", "wrong").statusCode()).isEqualTo(401);
    assertThat(post("/tokens/zone/revoke", "{\"id\":\"x\"}", null).statusCode()).isEqualTo(401);
  }

  @Test
  void plaintextClient_cannotTalkToTheTlsKdsPort() {
    ManagedChannel plain =
        Grpc.newChannelBuilderForAddress(
                "localhost", kdsServer.port(), InsecureChannelCredentials.create())
            .build();
    closeLater(plain::shutdownNow);
    var stub = stub(plain, new Metadata()).withDeadlineAfter(5, TimeUnit.SECONDS);
    assertThatThrownBy(() -> stub.heartbeat(HeartbeatRequest.getDefaultInstance()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e ->
                assertThat(e.getStatus().getCode())
                    .isIn(
                        Status.Code.UNAVAILABLE,
                        Status.Code.DEADLINE_EXCEEDED,
                        Status.Code.INTERNAL));
  }

  static Stream<String> forgedTokens() throws Exception {
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .jwtID("forged")
            .claim("zone", "auth-forged")
            .expirationTime(Date.from(Instant.now().plusSeconds(3600)))
            .build();
    String none = new PlainJWT(new PlainHeader(), claims).serialize();
    SignedJWT hs256 =
        new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("1").build(), claims);
    hs256.sign(new MACSigner(new byte[32]));
    var generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    RSAPrivateKey stranger = (RSAPrivateKey) generator.generateKeyPair().getPrivate();
    SignedJWT unknownKid =
        new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("99").build(), claims);
    unknownKid.sign(new RSASSASigner(stranger));
    SignedJWT wrongKey =
        new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("1").build(), claims);
    wrongKey.sign(new RSASSASigner(stranger));
    return Stream.of(
        none, hs256.serialize(), unknownKid.serialize(), wrongKey.serialize(), "garbage");
  }

  @ParameterizedTest
  @MethodSource("forgedTokens")
  void verifier_forgedOrMalformedToken_isRejected(String token) throws Exception {
    issueToken("auth-forged"); // makes sure signing key 1 exists
    assertThatThrownBy(() -> verifier.verify(token)).isInstanceOf(InvalidZoneTokenException.class);
  }

  @Test
  void verifier_issuedToken_isAcceptedForItsZone() throws Exception {
    var verified = verifier.verify(issueToken("auth-ok").body());
    assertThat(verified.zone()).isEqualTo("auth-ok");
    assertThat(verified.expiresAt()).isAfter(Instant.now().plusSeconds(3000));
  }

  private static Metadata headers(String zone, String token) {
    Metadata headers = KdsHeaders.of(KdsHeaders.PROTOCOL_VERSION, Set.of());
    headers.merge(KdsHeaders.zoneCredentials(zone, token));
    return headers;
  }

  private static KdsSyncServiceGrpc.KdsSyncServiceBlockingStub stub(
      io.grpc.Channel channel, Metadata credentials) {
    Metadata headers = KdsHeaders.of(KdsHeaders.PROTOCOL_VERSION, Set.of());
    headers.merge(credentials);
    return KdsSyncServiceGrpc.newBlockingStub(channel)
        .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
  }
}
