package io.meshforge.model.spec;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * {@code MeshAccessLogSpec} is the schema of a {@code MeshAccessLog} (under {@code spec}).
 * Sections: {@code to}, {@code from}, {@code rules}.
 *
 * <p>Permissive on purpose: an OpenTelemetry backend's {@code body}, which is any JSON value with
 * placeholders.
 *
 * @param targetRef which proxies are configured; {@code Mesh} when omitted
 * @param to logging of outbound traffic per destination
 * @param from logging of inbound traffic per source (legacy)
 * @param rules logging of inbound traffic
 */
public record MeshAccessLogSpec(TargetRef targetRef, List<To> to, List<From> from, List<Rule> rules)
    implements PolicySpec {

  /**
   * Logging for a destination.
   *
   * @param targetRef the destination
   * @param defaults the backends
   */
  public record To(@Required TargetRef targetRef, @Required @JsonProperty("default") Conf defaults)
      implements PolicyTo, PolicyEntry<Conf> {}

  /**
   * Logging for a source.
   *
   * @param targetRef the source
   * @param defaults the backends
   */
  public record From(
      @Required TargetRef targetRef, @Required @JsonProperty("default") Conf defaults)
      implements PolicyFrom, PolicyEntry<Conf> {}

  /**
   * Inbound logging.
   *
   * @param defaults the backends
   */
  public record Rule(@Required @JsonProperty("default") Conf defaults)
      implements PolicyEntry<Conf> {}

  /**
   * Where logs go.
   *
   * @param backends the log sinks
   */
  public record Conf(List<Backend> backends) {}

  /**
   * A log sink; set exactly one field.
   *
   * @param tcp a TCP collector
   * @param file a local file
   * @param openTelemetry an OpenTelemetry collector
   */
  public record Backend(TcpBackend tcp, FileBackend file, OtelBackend openTelemetry) {}

  /**
   * A TCP collector.
   *
   * @param format the line format
   * @param address {@code host:port}
   */
  public record TcpBackend(Format format, @Required String address) {}

  /**
   * A log file.
   *
   * @param format the line format
   * @param path an absolute path
   */
  public record FileBackend(Format format, @Required String path) {}

  /**
   * An OpenTelemetry collector.
   *
   * @param attributes attributes added to each record
   * @param body the record body (permissive)
   * @param endpoint {@code host:port}
   */
  public record OtelBackend(List<KeyValue> attributes, JsonNode body, @Required String endpoint) {}

  /**
   * A line format.
   *
   * @param type {@code Plain} or {@code Json}
   * @param plain the plain-text template
   * @param json the JSON fields
   * @param omitEmptyValues leave out empty values
   */
  public record Format(
      @Required FormatType type, String plain, List<KeyValue> json, Boolean omitEmptyValues) {}

  /** Format types. */
  @SuppressWarnings("java:S115")
  public enum FormatType {
    /** A text template. */
    Plain,
    /** A JSON object. */
    Json
  }

  /**
   * A key and a value template.
   *
   * @param key the key
   * @param value the value
   */
  public record KeyValue(@Required String key, @Required String value) {}
}
