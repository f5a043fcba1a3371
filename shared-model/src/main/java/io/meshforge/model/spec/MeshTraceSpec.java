package io.meshforge.model.spec;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * {@code MeshTraceSpec} is the schema of a {@code MeshTrace} (under {@code spec}). Top-level only:
 * {@code targetRef} and {@code default}.
 *
 * @param targetRef which proxies are configured; {@code Mesh} when omitted
 * @param defaults the tracing settings
 */
public record MeshTraceSpec(TargetRef targetRef, @Required @JsonProperty("default") Conf defaults)
    implements PolicySpec {

  /**
   * Tracing settings.
   *
   * @param backends where spans go (at most one today)
   * @param sampling sampling percentages
   * @param tags tags added to spans
   */
  public record Conf(List<Backend> backends, Sampling sampling, List<Tag> tags) {}

  /**
   * A tracing backend; set the field matching its type.
   *
   * @param type {@code Zipkin}, {@code Datadog} or {@code OpenTelemetry}
   * @param zipkin a Zipkin collector
   * @param datadog a Datadog agent
   * @param openTelemetry an OpenTelemetry collector
   */
  public record Backend(
      @Required BackendType type, Zipkin zipkin, Datadog datadog, OpenTelemetry openTelemetry) {}

  /** Tracing backend types. */
  @SuppressWarnings("java:S115")
  public enum BackendType {
    /** Zipkin. */
    Zipkin,
    /** Datadog. */
    Datadog,
    /** OpenTelemetry. */
    OpenTelemetry
  }

  /**
   * A Zipkin collector.
   *
   * @param url the collector URL ({@code http} or {@code https})
   * @param traceId128bit use 128-bit trace IDs
   * @param apiVersion {@code httpJson} or {@code httpProto}
   * @param sharedSpanContext share the span context between client and server
   */
  public record Zipkin(
      @Required String url,
      Boolean traceId128bit,
      ZipkinApi apiVersion,
      Boolean sharedSpanContext) {}

  /** Zipkin APIs. */
  @SuppressWarnings("java:S115")
  public enum ZipkinApi {
    /** JSON over HTTP. */
    httpJson,
    /** Protobuf over HTTP. */
    httpProto
  }

  /**
   * A Datadog agent.
   *
   * @param url the agent URL ({@code http} or {@code https})
   * @param splitService name outbound spans after the destination
   */
  public record Datadog(@Required String url, Boolean splitService) {}

  /**
   * An OpenTelemetry collector.
   *
   * @param endpoint {@code host:port}
   */
  public record OpenTelemetry(@Required String endpoint) {}

  /**
   * Sampling.
   *
   * @param overall share of requests traced
   * @param client share of requests with {@code x-client-trace-id} traced
   * @param random share of requests randomly traced
   */
  public record Sampling(Percentage overall, Percentage client, Percentage random) {}

  /**
   * A span tag; set one of {@code literal} and {@code header}.
   *
   * @param name the tag
   * @param literal a fixed value
   * @param header a request header's value
   */
  public record Tag(@Required String name, String literal, HeaderTag header) {}

  /**
   * A tag from a header.
   *
   * @param name the header
   * @param defaultValue the value when the header is missing
   */
  public record HeaderTag(@Required String name, @JsonProperty("default") String defaultValue) {}
}
