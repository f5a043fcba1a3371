package io.meshforge.global.token;

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
 * {@code TokenRevocations} is the list of revoked zone-token ids ({@code jti}), kept in the store
 * as the GlobalSecret {@code zone-token-revocations} (base64 of the ids, comma-separated, as Kuma
 * does) so every global instance sees a revocation through its change feed.
 */
public final class TokenRevocations {

  /** Name of the revocation GlobalSecret; never synced to zones. */
  public static final String NAME = "zone-token-revocations";

  private static final ResourceKey KEY = new ResourceKey(ResourceTypes.GLOBAL_SECRET, "", NAME);
  private static final int ATTEMPTS = 10;

  private final ResourceStore store;
  private final ResourceView view;
  private volatile Parsed cached = new Parsed(-1, Set.of());

  private record Parsed(long version, Set<String> ids) {}

  public TokenRevocations(ResourceStore store, ResourceView view) {
    this.store = store;
    this.view = view;
  }

  /** Returns {@code true} when a token id was revoked (as the change-feed view knows it). */
  public boolean isRevoked(String jti) {
    Resource secret = view.get(KEY).orElse(null);
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
      Resource current = store.get(KEY).orElse(null);
      try {
        if (current == null) {
          store.create(Resource.of(KEY, Map.of(), encode(Set.of(jti))));
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
