package io.meshforge.model.codec;

/** {@code DocumentFormat} is the text format of a resource document. */
public enum DocumentFormat {
  /** JSON: one document. */
  JSON,
  /**
   * YAML: one document, or several separated by {@code ---} for {@link
   * ResourceCodec#readDocuments}.
   */
  YAML
}
