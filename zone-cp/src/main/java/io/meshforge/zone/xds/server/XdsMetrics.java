package io.meshforge.zone.xds.server;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The xDS server's meters, named after Kuma's so dashboards carry over: {@code
 * xds_requests_received{confirmation=ACK|NACK|initial, type_url}}, {@code
 * xds_responses_sent{type_url}}, {@code xds_streams_active} and {@code xds_generation_errors}.
 */
public final class XdsMetrics {

  private final MeterRegistry registry;
  private final AtomicInteger activeStreams = new AtomicInteger();

  /** Creates the meters in {@code registry}. */
  public XdsMetrics(MeterRegistry registry) {
    this.registry = registry;
    registry.gauge("xds_streams_active", activeStreams);
  }

  /** Returns meters kept in a registry of their own (tests, tools). */
  public static XdsMetrics standalone() {
    return new XdsMetrics(new SimpleMeterRegistry());
  }

  /** Returns the registry the meters live in. */
  public MeterRegistry registry() {
    return registry;
  }

  void requestReceived(String typeUrl, String confirmation) {
    Counter.builder("xds_requests_received")
        .tag("confirmation", confirmation)
        .tag("type_url", typeUrl)
        .register(registry)
        .increment();
  }

  void responseSent(String typeUrl) {
    Counter.builder("xds_responses_sent").tag("type_url", typeUrl).register(registry).increment();
  }

  void streamOpened() {
    activeStreams.incrementAndGet();
  }

  void streamClosed() {
    activeStreams.decrementAndGet();
  }

  /** Counts a proxy whose generation failed (its last snapshot stays). */
  public void generationFailed() {
    registry.counter("xds_generation_errors").increment();
  }

  /** Counts a regenerated proxy whose snapshot changed ({@code set}) or not ({@code unchanged}). */
  public void snapshotGenerated(boolean changed) {
    registry.counter("xds_snapshots", "result", changed ? "set" : "unchanged").increment();
  }

  /** Returns how many regenerations left a proxy's snapshot unchanged. */
  public double unchangedSnapshots() {
    var counter = registry.find("xds_snapshots").tag("result", "unchanged").counter();
    return counter == null ? 0 : counter.count();
  }

  /** Returns how many NACKs of a type were received. */
  public double nacks(String typeUrl) {
    Counter counter =
        registry
            .find("xds_requests_received")
            .tag("confirmation", "NACK")
            .tag("type_url", typeUrl)
            .counter();
    return counter == null ? 0 : counter.count();
  }
}
