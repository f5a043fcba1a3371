package io.meshforge.kds.transport;

import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * {@code ClientStream} is the zone's end of one bidi KDS call: manual inbound flow control (one
 * message at a time, the next is read once the handler is done) and an outbound queue drained on
 * readiness.
 */
final class ClientStream<Q, R> implements ClientResponseObserver<Q, R> {

  private final BiConsumer<R, Runnable> handler;
  private final Consumer<Throwable> onEnd;
  private final boolean flowControlled;
  private volatile ClientCallStreamObserver<Q> call;
  private volatile OutboundQueue<Q> out;

  /**
   * @param handler gets each message and the action that reads the next one
   * @param onEnd runs when the call ends, with the error or {@code null}
   * @param flowControlled whether the handler decides when to read the next message
   */
  ClientStream(BiConsumer<R, Runnable> handler, Consumer<Throwable> onEnd, boolean flowControlled) {
    this.handler = handler;
    this.onEnd = onEnd;
    this.flowControlled = flowControlled;
  }

  @Override
  public void beforeStart(ClientCallStreamObserver<Q> requestStream) {
    this.call = requestStream;
    this.out = new OutboundQueue<>(requestStream, () -> {});
    if (flowControlled) {
      requestStream.disableAutoRequestWithInitial(1);
    }
    requestStream.setOnReadyHandler(() -> out.drain());
  }

  /** The outbound side. */
  OutboundQueue<Q> out() {
    return out;
  }

  /** Cancels the call (a reset). */
  void cancel(String why) {
    out.peerClosed();
    call.cancel(why, null);
  }

  @Override
  public void onNext(R message) {
    handler.accept(message, flowControlled ? () -> call.request(1) : () -> {});
  }

  @Override
  public void onError(Throwable error) {
    out.peerClosed();
    onEnd.accept(error);
  }

  @Override
  public void onCompleted() {
    out.complete();
    onEnd.accept(null);
  }
}
