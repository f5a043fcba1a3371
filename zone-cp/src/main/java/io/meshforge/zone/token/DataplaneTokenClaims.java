package io.meshforge.zone.token;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a dataplane token binds, in Kuma's claim shape: {@code name} (optional: empty binds no
 * name), {@code mesh} and {@code tags} (tag name to the values allowed for it).
 *
 * @param jti the token's id, the revocation handle (empty before signing)
 * @param name the Dataplane name it is bound to, or empty for any name
 * @param mesh the mesh it is bound to
 * @param tags tag name to allowed values; a Dataplane's values of each named tag must all be
 *     allowed
 * @param expiresAt its expiry ({@code null} before signing)
 */
public record DataplaneTokenClaims(
    String jti, String name, String mesh, Map<String, List<String>> tags, Instant expiresAt) {

  /** The claim naming the Dataplane. */
  public static final String NAME = "name";

  /** The claim naming the mesh. */
  public static final String MESH = "mesh";

  /** The claim with the allowed tags. */
  public static final String TAGS = "tags";

  /** Normalises nulls to empty values and copies the tags in key order. */
  public DataplaneTokenClaims {
    jti = jti == null ? "" : jti;
    name = name == null ? "" : name;
    mesh = mesh == null ? "" : mesh;
    Map<String, List<String>> sorted = new TreeMap<>();
    if (tags != null) {
      tags.forEach((key, values) -> sorted.put(key, List.copyOf(values)));
    }
    tags = java.util.Collections.unmodifiableMap(sorted);
  }

  /** Returns the private claims to sign. */
  Map<String, Object> toClaims() {
    Map<String, Object> claims = new TreeMap<>();
    if (!name.isEmpty()) {
      claims.put(NAME, name);
    }
    claims.put(MESH, mesh);
    if (!tags.isEmpty()) {
      claims.put(TAGS, tags);
    }
    return claims;
  }
}
