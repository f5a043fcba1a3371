package io.meshforge.zone.token;

/**
 * Names of the GlobalSecrets a zone keeps in its own store for dataplane tokens. They are never
 * synced: a zone sends no GlobalSecret up, and global never sends one with these names down (its
 * {@code ZoneResourceFilter} keeps {@code dataplane-token-*} private).
 */
public final class DataplaneTokenSecrets {

  /** Name prefix of the signing-key GlobalSecrets ({@code dataplane-token-signing-key-<kid>}). */
  public static final String SIGNING_KEY_PREFIX = "dataplane-token-signing-key-";

  /** Name of the GlobalSecret listing revoked dataplane-token ids. */
  public static final String REVOCATIONS = "dataplane-token-revocations";

  private DataplaneTokenSecrets() {}
}
