package io.meshforge.kds.auth;

import java.time.Instant;

/**
 * A signed token and its handles.
 *
 * @param token the serialized JWT
 * @param jti its id, the revocation handle
 * @param expiresAt when it stops being valid
 */
public record IssuedToken(String token, String jti, Instant expiresAt) {}
