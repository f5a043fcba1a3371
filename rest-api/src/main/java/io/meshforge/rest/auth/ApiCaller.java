package io.meshforge.rest.auth;

import java.util.Set;

/**
 * Who an authenticated REST request comes from.
 *
 * @param name the admin token's holder ({@code admin}), a user token's {@code name} claim, or
 *     {@code localhost} under {@code api.auth.localhost-is-admin}
 * @param groups the groups the caller belongs to; {@link #ADMIN_GROUP} makes it the admin
 */
public record ApiCaller(String name, Set<String> groups) {

  /** The group whose members may do everything, as in Kuma. */
  public static final String ADMIN_GROUP = "mesh-system:admin";

  /** The attribute of the servlet request the filter stores the caller under. */
  public static final String REQUEST_ATTRIBUTE = ApiCaller.class.getName();

  /** Copies the groups. */
  public ApiCaller {
    groups = Set.copyOf(groups);
  }

  /** Returns the admin: the holder of the admin token. */
  public static ApiCaller admin(String name) {
    return new ApiCaller(name, Set.of(ADMIN_GROUP));
  }

  /** Returns {@code true} when the caller may do everything (secrets, tokens, Envoy admin data). */
  public boolean isAdmin() {
    return groups.contains(ADMIN_GROUP);
  }
}
