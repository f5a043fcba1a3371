package io.meshforge.model.spec;

/**
 * {@code DataSource} is a value given inline or by reference to a Secret: set exactly one field.
 *
 * @param secret the name of a Secret in the same mesh
 * @param inline base64-encoded bytes
 * @param inlineString the value as plain text
 */
public record DataSource(String secret, String inline, String inlineString) {}
