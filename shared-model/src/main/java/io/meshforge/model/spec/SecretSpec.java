package io.meshforge.model.spec;

/**
 * {@code SecretSpec} is the schema of a {@code Secret} and a {@code GlobalSecret} (inline fields).
 *
 * @param data the secret's bytes, base64-encoded
 */
public record SecretSpec(@Required String data) {}
