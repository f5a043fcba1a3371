package io.meshforge.model.spec;

/**
 * {@code HttpHeader} is a header name and value.
 *
 * @param name the header name
 * @param value the header value
 */
public record HttpHeader(@Required String name, @Required String value) {}
