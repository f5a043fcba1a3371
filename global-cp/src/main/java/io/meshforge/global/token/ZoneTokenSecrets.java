package io.meshforge.global.token;

/**
 * Names of the GlobalSecrets global keeps for zone tokens in its store; they never leave global
 * (see {@code ZoneResourceFilter}).
 */
public final class ZoneTokenSecrets {

  /** Name prefix of the signing-key GlobalSecrets ({@code zone-token-signing-key-<kid>}). */
  public static final String SIGNING_KEY_PREFIX = "zone-token-signing-key-";

  /** Name of the GlobalSecret listing revoked zone-token ids. */
  public static final String REVOCATIONS = "zone-token-revocations";

  private ZoneTokenSecrets() {}
}
