package io.meshforge.model.spec;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * {@code MeshRetrySpec} is the schema of a {@code MeshRetry} (under {@code spec}). Sections: {@code
 * to} only.
 *
 * @param targetRef which proxies are configured; {@code Mesh} when omitted
 * @param to retry policies per destination
 */
public record MeshRetrySpec(TargetRef targetRef, List<To> to) implements PolicySpec {

  /**
   * Retries for a destination.
   *
   * @param targetRef the destination
   * @param defaults the retry policy
   */
  public record To(@Required TargetRef targetRef, @Required @JsonProperty("default") Conf defaults)
      implements PolicyTo {}

  /**
   * Retry policies per protocol.
   *
   * @param tcp TCP connection retries
   * @param http HTTP retries
   * @param grpc gRPC retries
   */
  public record Conf(Tcp tcp, Http http, Grpc grpc) {}

  /**
   * TCP retries.
   *
   * @param maxConnectAttempt connection attempts before giving up
   */
  public record Tcp(@Positive Integer maxConnectAttempt) {}

  /**
   * HTTP retries.
   *
   * @param numRetries retries per request
   * @param perTryTimeout timeout of each try
   * @param backOff the back-off between tries
   * @param rateLimitedBackOff the back-off when the server rate-limits
   * @param retryOn conditions that cause a retry, e.g. {@code 5xx}, {@code 503}
   * @param retriableResponseHeaders response headers that cause a retry
   * @param retriableRequestHeaders request headers a request must have to be retried
   * @param hostSelection how the next try's host is chosen
   * @param hostSelectionMaxAttempts attempts to choose a host
   */
  public record Http(
      Integer numRetries,
      @Positive GoDuration perTryTimeout,
      BackOff backOff,
      RateLimitedBackOff rateLimitedBackOff,
      List<String> retryOn,
      List<HeaderMatch> retriableResponseHeaders,
      List<HeaderMatch> retriableRequestHeaders,
      List<HostSelection> hostSelection,
      Long hostSelectionMaxAttempts) {}

  /**
   * gRPC retries.
   *
   * @param numRetries retries per request
   * @param perTryTimeout timeout of each try
   * @param backOff the back-off between tries
   * @param rateLimitedBackOff the back-off when the server rate-limits
   * @param retryOn gRPC status names that cause a retry
   */
  public record Grpc(
      Integer numRetries,
      @Positive GoDuration perTryTimeout,
      BackOff backOff,
      RateLimitedBackOff rateLimitedBackOff,
      List<GrpcRetryOn> retryOn) {}

  /** gRPC statuses that can cause a retry. */
  @SuppressWarnings("java:S115")
  public enum GrpcRetryOn {
    /** CANCELLED. */
    Canceled,
    /** DEADLINE_EXCEEDED. */
    DeadlineExceeded,
    /** INTERNAL. */
    Internal,
    /** RESOURCE_EXHAUSTED. */
    ResourceExhausted,
    /** UNAVAILABLE. */
    Unavailable
  }

  /**
   * Exponential back-off.
   *
   * @param baseInterval the first interval
   * @param maxInterval the largest interval
   */
  public record BackOff(@Positive GoDuration baseInterval, @Positive GoDuration maxInterval) {}

  /**
   * Back-off driven by the server's rate-limit headers.
   *
   * @param resetHeaders headers saying when to retry
   * @param maxInterval the largest interval
   */
  public record RateLimitedBackOff(
      List<ResetHeader> resetHeaders, @Positive GoDuration maxInterval) {}

  /**
   * A header saying when to retry.
   *
   * @param name the header
   * @param format {@code Seconds} or {@code UnixTimestamp}
   */
  public record ResetHeader(@Required String name, @Required ResetFormat format) {}

  /** Reset header formats. */
  @SuppressWarnings("java:S115")
  public enum ResetFormat {
    /** A number of seconds. */
    Seconds,
    /** A Unix timestamp. */
    UnixTimestamp
  }

  /**
   * A header match.
   *
   * @param type how to match
   * @param name the header
   * @param value the value (not for {@code Present}/{@code Absent})
   */
  public record HeaderMatch(HeaderMatchType type, @Required String name, String value) {}

  /** Header match types. */
  @SuppressWarnings("java:S115")
  public enum HeaderMatchType {
    /** Equal. */
    Exact,
    /** Starts with. */
    Prefix,
    /** Matches an RE2 regular expression. */
    RegularExpression,
    /** The header is there. */
    Present,
    /** The header is not there. */
    Absent
  }

  /**
   * Host selection for retries.
   *
   * @param predicate which hosts to avoid
   * @param tags tags of hosts to avoid ({@code OmitHostsWithTags})
   * @param updateFrequency how often priorities are updated ({@code OmitPreviousPriorities})
   */
  public record HostSelection(
      @Required HostPredicate predicate, Map<String, String> tags, Integer updateFrequency) {}

  /** Host selection predicates. */
  @SuppressWarnings("java:S115")
  public enum HostPredicate {
    /** Avoid hosts already tried. */
    OmitPreviousHosts,
    /** Avoid hosts with these tags. */
    OmitHostsWithTags,
    /** Avoid priorities already tried. */
    OmitPreviousPriorities
  }
}
