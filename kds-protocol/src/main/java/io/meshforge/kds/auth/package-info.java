/**
 * Token primitives both control planes use: RSA signing keys kept as GlobalSecrets in a CP's own
 * store ({@link io.meshforge.kds.auth.TokenSigningKeys}), RS256 signing ({@link
 * io.meshforge.kds.auth.TokenSigner}), verification with the algorithm pinned and the key looked up
 * by {@code kid} ({@link io.meshforge.kds.auth.TokenVerifier}) and the revoked-id list ({@link
 * io.meshforge.kds.auth.RevokedTokenIds}). Global builds zone tokens on them, a zone dataplane
 * tokens. No Spring.
 */
package io.meshforge.kds.auth;
