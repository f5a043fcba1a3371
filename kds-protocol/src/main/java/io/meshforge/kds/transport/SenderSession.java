package io.meshforge.kds.transport;

import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryRequest;
import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryResponse;
import io.grpc.Status;
import io.meshforge.kds.sync.DeltaSender;
import io.meshforge.model.Resource;
import io.meshforge.model.ResourceType;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * {@code SenderSession} drives one {@link DeltaSender} from a live stream: requests and snapshots
 * are handed to the sender on its serial executor, and what it emits goes to the outbound queue.
 */
final class SenderSession {

  private final DeltaSender sender;
  private final OutboundQueue<DeltaDiscoveryResponse> out;
  private final Executor serial;
  private final InstantSource clock;
  private final Duration ackDeadline;

  SenderSession(
      DeltaSender sender,
      OutboundQueue<DeltaDiscoveryResponse> out,
      Executor serial,
      InstantSource clock,
      Duration ackDeadline) {
    this.sender = sender;
    this.out = out;
    this.serial = serial;
    this.clock = clock;
    this.ackDeadline = ackDeadline;
  }

  /** Handles a request, then lets the transport read the next one. */
  void onRequest(DeltaDiscoveryRequest request, Runnable readNext) {
    serial.execute(() -> {
      emit(sender.onRequest(request));
      readNext.run();
    });
  }

  /** A listener feeding snapshots into the sender. */
  StateFeed.Listener listener() {
    return (ResourceType type, Collection<Resource> resources) ->
        serial.execute(() -> emit(sender.onSnapshot(type, resources)));
  }

  /**
   * Closes the stream if the peer has kept us waiting for an answer past the deadline. The clock is
   * the sender's ({@link DeltaSender#oldestUnackedSince}): it runs from a response's emission and
   * restarts at each answer to a response ahead of it, so a slow link that delivers the queue in
   * order keeps the stream open, while a peer that answers nothing is caught whether our responses
   * wait in the outbound queue, in gRPC's buffers or at the peer (no separate queue watch needed).
   */
  void checkAckDeadline() {
    serial.execute(() ->
        sender
            .oldestUnackedSince()
            .filter(since -> since.plus(ackDeadline).isBefore(clock.instant()))
            .ifPresent(since ->
                out.fail(
                    Status.DEADLINE_EXCEEDED.withDescription(
                        "no answer to a pending response since "
                            + since
                            + " (ACK deadline "
                            + ackDeadline
                            + "); stream restarted"))));
  }

  private void emit(List<DeltaDiscoveryResponse> responses) {
    responses.forEach(out::offer);
  }
}
