package io.meshforge.kds.transport;

import io.meshforge.kds.v1.EnvoyAdminRequest;
import io.meshforge.kds.v1.EnvoyAdminResponse;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code EnvoyAdminChannels} holds each zone's open Envoy admin stream and correlates answers with
 * pending requests by {@code request_id}.
 */
final class EnvoyAdminChannels {

  private final Map<String, OutboundQueue<EnvoyAdminRequest>> channels = new ConcurrentHashMap<>();
  private final Map<String, CompletableFuture<EnvoyAdminResponse>> pending =
      new ConcurrentHashMap<>();

  /** Registers a zone's channel; returns the action that unregisters it. */
  Runnable open(String zone, OutboundQueue<EnvoyAdminRequest> out) {
    channels.put(zone, out);
    return () -> channels.remove(zone, out);
  }

  /** Sends a request with a fresh id; the future completes with the zone's answer. */
  CompletableFuture<EnvoyAdminResponse> send(String zone, EnvoyAdminRequest request) {
    OutboundQueue<EnvoyAdminRequest> out = channels.get(zone);
    if (out == null) {
      return CompletableFuture.failedFuture(
          new IllegalStateException("zone " + zone + " has no Envoy admin channel open"));
    }
    String id = UUID.randomUUID().toString();
    CompletableFuture<EnvoyAdminResponse> answer = new CompletableFuture<>();
    answer.whenComplete((r, e) -> pending.remove(id));
    pending.put(id, answer);
    out.offer(request.toBuilder().setRequestId(id).build());
    return answer;
  }

  /** Completes the pending request an answer refers to; unknown ids are ignored. */
  void complete(EnvoyAdminResponse response) {
    CompletableFuture<EnvoyAdminResponse> answer = pending.get(response.getRequestId());
    if (answer != null) {
      answer.complete(response);
    }
  }
}
