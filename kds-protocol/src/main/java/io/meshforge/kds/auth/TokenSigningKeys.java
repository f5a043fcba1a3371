package io.meshforge.kds.auth;

import io.meshforge.model.Resource;
import io.meshforge.model.ResourceKey;
import io.meshforge.model.ResourceTypes;
import io.meshforge.model.store.ResourceAlreadyExistsException;
import io.meshforge.model.store.ResourceStore;
import io.meshforge.model.store.ResourceView;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code TokenSigningKeys} holds the RSA keys one kind of token is signed with, as GlobalSecrets
 * {@code <prefix><N>} (PKCS#8, base64 in {@code data}) in a control plane's own store, so every
 * instance on that store signs and verifies with the same keys and they survive restarts. The key
 * id ({@code kid}) of a token is {@code N}. Key 1 is created at first use; a rotation adds {@code
 * N+1} and later removes the old one (tokens signed by a removed key stop being valid).
 *
 * <p>Global keeps zone-token keys ({@code zone-token-signing-key-<N>}), a zone keeps its
 * dataplane-token keys. Signing reads the store (rare); verification reads the change-feed view
 * (every stream open) and caches parsed keys by name and version.
 *
 * <p>Thread-safe.
 */
public final class TokenSigningKeys {

  private static final String CURRENT_KID = "1";

  private final ResourceStore store;
  private final ResourceView view;
  private final String namePrefix;
  private final Map<String, Parsed> parsed = new ConcurrentHashMap<>();

  private record Parsed(long version, RSAPublicKey key) {}

  /** A signing key and its id. */
  public record SigningKey(String kid, RSAPrivateCrtKey privateKey) {}

  /**
   * @param store where keys are created
   * @param view the change-fed view keys are verified from
   * @param namePrefix the GlobalSecret name prefix; the key id is appended
   */
  public TokenSigningKeys(ResourceStore store, ResourceView view, String namePrefix) {
    this.store = store;
    this.view = view;
    this.namePrefix = namePrefix;
  }

  /** Returns the name prefix of this kind's signing-key GlobalSecrets. */
  public String namePrefix() {
    return namePrefix;
  }

  /** Returns the key new tokens are signed with, creating it in the store on first use. */
  public SigningKey current() {
    ResourceKey key = keyOf(CURRENT_KID);
    Resource stored = store.get(key).orElseGet(() -> create(key));
    return new SigningKey(CURRENT_KID, parse(stored));
  }

  /** Returns the public key for a {@code kid}, if such a signing key exists. */
  public Optional<RSAPublicKey> publicKey(String kid) {
    if (kid == null || !kid.matches("[1-9][0-9]{0,8}")) {
      return Optional.empty();
    }
    ResourceKey key = keyOf(kid);
    // The view may lag the store by a moment right after this instance created the key.
    return view.get(key).or(() -> store.get(key)).map(this::cachedPublicKey);
  }

  private RSAPublicKey cachedPublicKey(Resource secret) {
    Parsed known = parsed.get(secret.name());
    if (known == null || known.version() != secret.version()) {
      known = new Parsed(secret.version(), publicOf(parse(secret)));
      parsed.put(secret.name(), known);
    }
    return known.key();
  }

  private Resource create(ResourceKey key) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      KeyPair pair = generator.generateKeyPair();
      ObjectNode spec = JsonNodeFactory.instance.objectNode();
      spec.put("data", Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()));
      return store.create(Resource.of(key, Map.of(), spec));
    } catch (ResourceAlreadyExistsException e) {
      // Another instance on the same store created it first: use theirs.
      return store.get(key).orElseThrow(() -> e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot generate an RSA key", e);
    }
  }

  private ResourceKey keyOf(String kid) {
    return new ResourceKey(ResourceTypes.GLOBAL_SECRET, "", namePrefix + kid);
  }

  private static RSAPrivateCrtKey parse(Resource secret) {
    try {
      byte[] der = Base64.getDecoder().decode(secret.spec().get("data").asString());
      return (RSAPrivateCrtKey)
          KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new IllegalStateException("GlobalSecret " + secret.name() + " is not an RSA key", e);
    }
  }

  private static RSAPublicKey publicOf(RSAPrivateCrtKey key) {
    try {
      return (RSAPublicKey)
          KeyFactory.getInstance("RSA")
              .generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
