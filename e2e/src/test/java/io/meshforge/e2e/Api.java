package io.meshforge.e2e;

import io.meshforge.local.GlobalNode;
import io.meshforge.local.ZoneNode;

/** The REST API of one control plane (global or a zone), as the tests use it. */
interface Api {
  /** A short name for messages: {@code global} or the zone name. */
  String name();

  /** GET; the body, or {@code null} when not 200. Throws when the CP does not answer. */
  String get(String path);

  /** PUT of a YAML body; the status code. */
  int putYaml(String path, String yaml);

  /** DELETE; the status code. */
  int delete(String path);

  static Api of(GlobalNode global) {
    return new Api() {
      public String name() {
        return "global";
      }

      public String get(String path) {
        return global.get(path);
      }

      public int putYaml(String path, String yaml) {
        return global.putYaml(path, yaml);
      }

      public int delete(String path) {
        return global.delete(path);
      }
    };
  }

  static Api of(ZoneNode zone) {
    return new Api() {
      public String name() {
        return zone.name();
      }

      public String get(String path) {
        return zone.get(path);
      }

      public int putYaml(String path, String yaml) {
        return zone.putYaml(path, yaml);
      }

      public int delete(String path) {
        return zone.delete(path);
      }
    };
  }
}
