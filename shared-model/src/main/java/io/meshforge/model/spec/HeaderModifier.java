package io.meshforge.model.spec;

import java.util.List;

/**
 * {@code HeaderModifier} adds, sets and removes HTTP headers.
 *
 * @param add headers appended to existing values
 * @param set headers replacing existing values
 * @param remove names of headers to remove
 */
public record HeaderModifier(List<HttpHeader> add, List<HttpHeader> set, List<String> remove) {}
