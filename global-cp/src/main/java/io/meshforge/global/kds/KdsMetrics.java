package io.meshforge.global.kds;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code KdsMetrics} publishes KDS figures under Kuma's names where one exists, so dashboards carry
 * over (Prometheus adds {@code _total} to counters):
 *
 * <ul>
 *   <li>{@code kds_delta_streams_active} — open KDS sync streams;
 *   <li>{@code kds_zone_active_connections{zone}} — open sync streams per zone;
 *   <li>{@code kds_delta_responses_sent{type_url,zone}} — responses global sent (GlobalToZone);
 *   <li>{@code kds_delta_response_bytes_sent{type_url,zone}} — their encoded size in bytes (the
 *       protobuf payload, before gRPC framing, compression and TLS);
 *   <li>{@code kds_delta_requests_received{type_url,zone,confirmation=ACK|NACK}} — the zones'
 *       answers to them;
 *   <li>{@code kds_nack{zone,type}} — NACKs in either direction (global NACKing a zone counts with
 *       {@code direction=zone_to_global});
 *   <li>{@code kds_auth_failures} — calls refused as unauthenticated or revoked.
 * </ul>
 */
public final class KdsMetrics {

  private final MeterRegistry registry;
  private final AtomicInteger streams = new AtomicInteger();
  private final Map<String, AtomicInteger> perZone = new ConcurrentHashMap<>();

  public KdsMetrics(MeterRegistry registry) {
    this.registry = registry;
    Gauge.builder("kds_delta_streams_active", streams, AtomicInteger::get)
        .description("open KDS sync streams")
        .register(registry);
  }

  void streamOpened(String zone) {
    streams.incrementAndGet();
    zoneGauge(zone).incrementAndGet();
  }

  void streamClosed(String zone) {
    streams.decrementAndGet();
    zoneGauge(zone).decrementAndGet();
  }

  void responseSent(String zone, String type, int bytes) {
    Counter.builder("kds_delta_responses_sent")
        .tag("type_url", type)
        .tag("zone", zone)
        .register(registry)
        .increment();
    // No base unit: Prometheus naming would append a second "_bytes" to the name.
    Counter.builder("kds_delta_response_bytes_sent")
        .tag("type_url", type)
        .tag("zone", zone)
        .register(registry)
        .increment(bytes);
  }

  void confirmation(String zone, String type, boolean nacked) {
    Counter.builder("kds_delta_requests_received")
        .tag("type_url", type)
        .tag("zone", zone)
        .tag("confirmation", nacked ? "NACK" : "ACK")
        .register(registry)
        .increment();
    if (nacked) {
      nack(zone, type, "global_to_zone");
    }
  }

  void globalNacked(String zone, String type) {
    nack(zone, type, "zone_to_global");
  }

  void authFailure(String reason) {
    Counter.builder("kds_auth_failures").tag("reason", reason).register(registry).increment();
  }

  private void nack(String zone, String type, String direction) {
    Counter.builder("kds_nack")
        .tag("zone", zone)
        .tag("type", type)
        .tag("direction", direction)
        .register(registry)
        .increment();
  }

  private AtomicInteger zoneGauge(String zone) {
    return perZone.computeIfAbsent(
        zone,
        z -> {
          AtomicInteger value = new AtomicInteger();
          Gauge.builder("kds_zone_active_connections", value, AtomicInteger::get)
              .tag("zone", z)
              .register(registry);
          return value;
        });
  }
}
