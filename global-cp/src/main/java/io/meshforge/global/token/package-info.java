/**
 * Zone tokens: RS256 JWTs signed by global with keys kept in the store (GlobalSecrets shared by
 * every global instance), their revocation, the KDS authenticator that checks them, and the admin
 * token that guards token issuing until full API authentication exists. See ADR 0011.
 */
package io.meshforge.global.token;
