package io.meshforge.rest.auth;

/** What a REST request needs from its caller (ADR 0024). */
public enum ApiAccess {
  /** Nothing: the banner, the GUI's static files, the OpenAPI document, dataplane bootstrap. */
  ANONYMOUS,
  /** A valid admin or user token. */
  AUTHENTICATED,
  /** The admin: secrets, token issuing, Envoy admin data, store-epoch confirmation. */
  ADMIN
}
