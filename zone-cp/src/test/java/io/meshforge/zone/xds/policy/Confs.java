package io.meshforge.zone.xds.policy;

import io.meshforge.model.spec.SpecSchemas;
import tools.jackson.databind.ObjectMapper;

/** Binds conf blocks written as JSON in tests to their typed records, as the generators do. */
final class Confs {

  private static final ObjectMapper JSON = new ObjectMapper();

  private Confs() {}

  static <T> T of(String json, Class<T> type) {
    return SpecSchemas.treeAs(JSON.readTree(json), type);
  }
}
