package io.meshforge.kds.auth;

import io.meshforge.model.Resource;
import io.meshforge.model.ResourceKey;
import io.meshforge.model.ResourceTypes;
import io.meshforge.model.store.ResourceAlreadyExistsException;
import io.meshforge.model.store.ResourceConflictException;
import io.meshforge.model.store.ResourceStore;
import io.meshforge.model.store.ResourceView;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code RevokedTokenIds} is the list of revoked token ids ({@code jti}) of one kind of token, kept
 * in the store as one GlobalSecret (base64 of the ids, comma-separated, as Kuma does) so every
 * instance on that store sees a revocation through its change feed.
 *
 * <p>Thread-safe. Checks read the view (no database round trip); revoking writes the store.
 */
public final class RevokedTokenIds {

  private static final int ATTEMPTS = 10;

  private final ResourceStore store;
  private final ResourceView view;
  private final ResourceKey key;
  private volatile Parsed cached = new Parsed(-1, Set.of());

  private record Parsed(long version, Set<String> ids) {}

  /**
   * @param store where revocations are written
   * @param view the change-fed view revocations are checked against
   * @param name the name of the revocation GlobalSecret
   */
  public RevokedTokenIds(ResourceStore store, ResourceView view, String name) {
    this.store = store;
    this.view = view;
    this.key = new ResourceKey(ResourceTypes.GLOBAL_SECRET, "", name);
  }

  /** Returns the name of the revocation GlobalSecret. */
  public String name() {
    return key.name();
  }

  /** Returns {@code true} when a token id was revoked (as the change-feed view knows it). */
  public boolean isRevoked(String jti) {
    Resource secret = view.get(key).orElse(null);
    if (secret == null) {
      return false;
    }
    Parsed known = cached;
    if (known.version() != secret.version()) {
      known = new Parsed(secret.version(), decode(secret));
      cached = known;
    }
    return known.ids().contains(jti);
  }

  /**
   * Revokes a token id (idempotent): a compare-and-swap on the store, retried on conflicts with
   * other writers.
   */
  public void revoke(String jti) {
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      Resource current = store.get(key).orElse(null);
      try {
        if (current == null) {
          store.create(Resource.of(key, Map.of(), encode(Set.of(jti))));
          return;
        }
        Set<String> ids = new TreeSet<>(decode(current));
        if (!ids.add(jti)) {
          return;
        }
        store.update(current.withSpec(encode(ids)));
        return;
      } catch (ResourceAlreadyExistsException | ResourceConflictException e) {
        // Someone else revoked at the same time: read again and retry.
      }
    }
    throw new ResourceConflictException("could not record the revocation of " + jti);
  }

  private static Set<String> decode(Resource secret) {
    String data = secret.spec().path("data").asString("");
    String text = new String(Base64.getDecoder().decode(data), StandardCharsets.UTF_8);
    return Arrays.stream(text.split(","))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .collect(Collectors.toUnmodifiableSet());
  }

  private static ObjectNode encode(Set<String> ids) {
    ObjectNode spec = JsonNodeFactory.instance.objectNode();
    String text = String.join(",", new TreeSet<>(ids));
    spec.put("data", Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)));
    return spec;
  }
}
