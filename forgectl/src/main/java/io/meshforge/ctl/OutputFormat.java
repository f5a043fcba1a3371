package io.meshforge.ctl;

/** {@code OutputFormat} is the {@code -o} of the reading commands. */
public enum OutputFormat {
  /** Aligned columns for people (the default). */
  table,
  /** The resources in Kuma's universal shape, as YAML. */
  yaml,
  /** The resources in Kuma's universal shape, as JSON. */
  json
}
