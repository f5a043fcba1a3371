package io.meshforge.rest;

import tools.jackson.databind.JsonNode;

/** The application's effective configuration for {@code GET /config}, secrets already masked. */
@FunctionalInterface
public interface EffectiveConfig {
  JsonNode tree();
}
