/**
 * Zone tokens: RS256 JWTs signed by global with keys kept in the store (GlobalSecrets shared by
 * every global instance), built on kds-protocol's token primitives ({@code io.meshforge.kds.auth}),
 * their revocation, the KDS authenticator that checks them, and the wiring of the admin token
 * (rest-api's {@code io.meshforge.rest.auth}) that guards token issuing. See ADR 0011.
 */
package io.meshforge.global.token;
