package io.meshforge.kds.transport;

import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryRequest;
import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryResponse;
import io.grpc.Status;
import io.meshforge.kds.sync.DeltaReceiver;
import io.meshforge.kds.sync.LocalView;
import io.meshforge.kds.sync.ReceivedResponse;
import io.meshforge.kds.sync.SyncSink;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ReceiverSession} drives one {@link DeltaReceiver} from a live stream: each response is
 * turned into a batch, committed through the sink, and only then ACKed or NACKed. A failing sink
 * resets the stream without replying (never ACK what was not committed).
 */
final class ReceiverSession {

  private static final Logger log = LoggerFactory.getLogger(ReceiverSession.class);

  private final DeltaReceiver receiver;
  private final LocalView view;
  private final SyncSink sink;
  private final OutboundQueue<DeltaDiscoveryRequest> out;
  private final Executor serial;
  private volatile boolean failed;

  ReceiverSession(
      DeltaReceiver receiver,
      LocalView view,
      SyncSink sink,
      OutboundQueue<DeltaDiscoveryRequest> out,
      Executor serial) {
    this.receiver = receiver;
    this.view = view;
    this.sink = sink;
    this.out = out;
    this.serial = serial;
  }

  /** Sends the subscriptions. */
  void start() {
    serial.execute(() -> receiver.subscriptions().forEach(out::offer));
  }

  /** Handles a response, then lets the transport read the next one. */
  void onResponse(DeltaDiscoveryResponse response, Runnable readNext) {
    serial.execute(() -> {
      if (failed) {
        return;
      }
      ReceivedResponse received = receiver.onResponse(response, view);
      if (!received.batch().isEmpty()) {
        try {
          sink.apply(received.batch());
        } catch (RuntimeException e) {
          failed = true;
          log.warn("KDS batch of {} not committed; resetting the stream", response.getTypeUrl(), e);
          out.fail(Status.UNAVAILABLE.withDescription("store write failed: " + e.getMessage()));
          return;
        }
      }
      if (received.nack()) {
        log.info("KDS NACK {}: {}", response.getTypeUrl(), received.reply().getErrorDetail());
      }
      out.offer(received.reply());
      readNext.run();
    });
  }
}
