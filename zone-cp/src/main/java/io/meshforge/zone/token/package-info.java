/**
 * Dataplane tokens of a zone: issuing ({@code POST /tokens/dataplane}), revocation, verification on
 * kds-protocol's token primitives, the binding check against a Dataplane, the xDS {@link
 * io.meshforge.zone.xds.ProxyAuthenticator} and the revocation notices for open streams ({@link
 * io.meshforge.zone.token.RevokedTokens}). See ADR 0015.
 */
package io.meshforge.zone.token;
