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
 * @param proxyType the kind of proxy it admits: {@link #DATAPLANE} (a sidecar, bound to a mesh), or
 *     {@link #INGRESS} / {@link #EGRESS} (a zone proxy, bound to no mesh; ADR 0018)
 */
public record DataplaneTokenClaims(
    String jti,
    String name,
    String mesh,
    Map<String, List<String>> tags,
    Instant expiresAt,
    String proxyType) {

  /** The claim naming the kind of proxy; absent on sidecar tokens. */
  public static final String PROXY_TYPE = "proxyType";

  /** The proxy type of a sidecar (the default). */
  public static final String DATAPLANE = "dataplane";

  /** The proxy type of a zone ingress. */
  public static final String INGRESS = "ingress";

  /** The proxy type of a zone egress. */
  public static final String EGRESS = "egress";

  /** A sidecar token. */
  public DataplaneTokenClaims(
      String jti, String name, String mesh, Map<String, List<String>> tags, Instant expiresAt) {
    this(jti, name, mesh, tags, expiresAt, DATAPLANE);
  }

  /** Returns whether the token admits a zone proxy (ingress or egress) rather than a sidecar. */
  public boolean zoneProxy() {
    return !DATAPLANE.equals(proxyType);
  }

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
    proxyType = proxyType == null || proxyType.isEmpty() ? DATAPLANE : proxyType;
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
    if (zoneProxy()) {
      claims.put(PROXY_TYPE, proxyType);
    } else {
      claims.put(MESH, mesh);
    }
    if (!tags.isEmpty()) {
      claims.put(TAGS, tags);
    }
    return claims;
  }
}
