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
 *
 * <p>A pending request remembers the channel it was sent on: when that channel closes (the zone
 * went away or reconnected), the request fails at once instead of waiting for its caller's timeout,
 * because the answer can never arrive on another stream.
 */
final class EnvoyAdminChannels {

  /** A request waiting for its answer, and the channel that carried it. */
  private record Pending(
      OutboundQueue<EnvoyAdminRequest> channel, CompletableFuture<EnvoyAdminResponse> answer) {}

  private final Map<String, OutboundQueue<EnvoyAdminRequest>> channels = new ConcurrentHashMap<>();
  private final Map<String, Pending> pending = new ConcurrentHashMap<>();

  /** Registers a zone's channel; returns the action that unregisters it. */
  Runnable open(String zone, OutboundQueue<EnvoyAdminRequest> out) {
    channels.put(zone, out);
    return () -> {
      channels.remove(zone, out);
      failPending(zone, out);
    };
  }

  /** Sends a request with a fresh id; the future completes with the zone's answer. */
  CompletableFuture<EnvoyAdminResponse> send(String zone, EnvoyAdminRequest request) {
    OutboundQueue<EnvoyAdminRequest> out = channels.get(zone);
    if (out == null) {
      return CompletableFuture.failedFuture(new ZoneNotConnectedException(zone));
    }
    String id = UUID.randomUUID().toString();
    CompletableFuture<EnvoyAdminResponse> answer = new CompletableFuture<>();
    answer.whenComplete((r, e) -> pending.remove(id));
    pending.put(id, new Pending(out, answer));
    if (channels.get(zone) != out) {
      // The channel closed between the lookup and the registration: its close already failed
      // what was pending then, and would not see this request.
      answer.completeExceptionally(new ZoneNotConnectedException(zone));
      return answer;
    }
    out.offer(request.toBuilder().setRequestId(id).build());
    return answer;
  }

  /** Completes the pending request an answer refers to; unknown ids are ignored. */
  void complete(EnvoyAdminResponse response) {
    Pending waiting = pending.get(response.getRequestId());
    if (waiting != null) {
      waiting.answer().complete(response);
    }
  }

  private void failPending(String zone, OutboundQueue<EnvoyAdminRequest> closed) {
    pending.values().stream()
        .filter(p -> p.channel() == closed)
        .forEach(p -> p.answer().completeExceptionally(new ZoneNotConnectedException(zone)));
  }
}
