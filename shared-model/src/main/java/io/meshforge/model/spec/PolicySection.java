package io.meshforge.model.spec;

/** {@code PolicySection} names the sections a policy type may have besides its top-level ref. */
public enum PolicySection {
  /** {@code to[]}: outbound, per destination. */
  TO,
  /** {@code from[]}: inbound, per source (legacy). */
  FROM,
  /** {@code rules[]}: inbound rules for the configured proxy itself. */
  RULES
}
