package io.meshforge.kds.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.meshforge.model.store.InMemoryResourceStore;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TokenVerifierTest {

  private final InMemoryResourceStore store = new InMemoryResourceStore();
  private final AtomicReference<Instant> now = new AtomicReference<>(Instant.now());
  private final InstantSource clock = now::get;
  private final TokenSigningKeys keys = new TokenSigningKeys(store, store.view(), "test-key-");
  private final RevokedTokenIds revoked = new RevokedTokenIds(store, store.view(), "test-revoked");
  private final TokenSigner signer = new TokenSigner(keys, clock);
  private final TokenVerifier verifier = new TokenVerifier(keys, revoked, clock, "test token");

  @Test
  void verify_signedToken_returnsItsClaims() throws Exception {
    IssuedToken issued = signer.sign(Map.of("zone", "east"), Duration.ofHours(1));
    VerifiedToken verified = verifier.verify(issued.token());
    assertThat(verified.jti()).isEqualTo(issued.jti());
    assertThat(verified.stringClaim("zone")).isEqualTo("east");
    assertThat(verified.claims()).doesNotContainKeys("exp", "jti", "iat", "nbf");
  }

  static Stream<Arguments> forgeries() {
    return Stream.of(
        Arguments.of("alg none", (Forger) TokenVerifierTest::unsigned, "not a signed JWT"),
        Arguments.of(
            "HS256 keyed with the public key",
            (Forger) TokenVerifierTest::hmacWithPublicKey,
            "algorithm HS256"),
        Arguments.of("unknown kid", (Forger) t -> rsaSigned(t, "7"), "unknown key"),
        Arguments.of("another RSA key, same kid", (Forger) t -> rsaSigned(t, "1"), "signature"),
        Arguments.of("not a JWT", (Forger) t -> "garbage", "not a signed JWT"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("forgeries")
  void verify_forgedToken_isRefused(String name, Forger forger, String reason) throws Exception {
    signer.sign(Map.of(), Duration.ofHours(1)); // key 1 exists
    assertThatThrownBy(() -> verifier.verify(forger.forge(this)))
        .isInstanceOf(InvalidTokenException.class)
        .hasMessageContaining(reason);
  }

  @Test
  void verify_expiredToken_isRefused() {
    IssuedToken issued = signer.sign(Map.of(), Duration.ofMinutes(1));
    now.set(now.get().plus(Duration.ofMinutes(2)));
    assertThatThrownBy(() -> verifier.verify(issued.token())).hasMessageContaining("expired");
  }

  @Test
  void verify_revokedToken_isRefused() {
    IssuedToken issued = signer.sign(Map.of(), Duration.ofMinutes(1));
    revoked.revoke(issued.jti());
    revoked.revoke(issued.jti()); // idempotent
    assertThat(revoked.isRevoked(issued.jti())).isTrue();
    assertThatThrownBy(() -> verifier.verify(issued.token())).hasMessageContaining("revoked");
    assertThat(TokenIds.unverifiedId(issued.token())).isEqualTo(issued.jti());
  }

  @Test
  void sign_registeredClaimName_isRejected() {
    assertThatThrownBy(() -> signer.sign(Map.of("exp", 1), Duration.ofMinutes(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void signingKeys_secondInstanceOnSameStore_verifiesTheFirstsTokens() throws Exception {
    IssuedToken issued = signer.sign(Map.of(), Duration.ofHours(1));
    TokenSigningKeys other = new TokenSigningKeys(store, store.view(), "test-key-");
    TokenVerifier otherVerifier = new TokenVerifier(other, revoked, clock, "test token");
    assertThat(otherVerifier.verify(issued.token()).jti()).isEqualTo(issued.jti());
    assertThat(other.current().kid()).isEqualTo("1");
  }

  /** Builds a forged token; {@code test} gives access to the real keys. */
  @FunctionalInterface
  interface Forger {
    String forge(TokenVerifierTest test) throws Exception;
  }

  private static JWTClaimsSet claims() {
    Instant now = Instant.now();
    return new JWTClaimsSet.Builder()
        .jwtID("forged")
        .expirationTime(Date.from(now.plusSeconds(3600)))
        .claim("zone", "east")
        .build();
  }

  private static String unsigned(TokenVerifierTest test) {
    return new PlainJWT(claims()).serialize();
  }

  private static String hmacWithPublicKey(TokenVerifierTest test) throws Exception {
    byte[] publicKey = test.keys.publicKey("1").orElseThrow().getEncoded();
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("1").type(JOSEObjectType.JWT).build(),
            claims());
    jwt.sign(new MACSigner(publicKey));
    return jwt.serialize();
  }

  private static String rsaSigned(TokenVerifierTest test, String kid) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    SignedJWT jwt =
        new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build(), claims());
    jwt.sign(new RSASSASigner(generator.generateKeyPair().getPrivate()));
    return jwt.serialize();
  }
}
