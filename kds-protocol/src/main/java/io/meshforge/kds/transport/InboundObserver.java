package io.meshforge.kds.transport;

import io.grpc.stub.StreamObserver;
import java.util.function.Consumer;

/**
 * {@code InboundObserver} hands each inbound message to a handler (which must not block) and maps
 * the peer's end of the stream to closing the outbound side.
 */
final class InboundObserver<T> implements StreamObserver<T> {

  private final Consumer<T> handler;
  private final OutboundQueue<?> out;

  InboundObserver(Consumer<T> handler, OutboundQueue<?> out) {
    this.handler = handler;
    this.out = out;
  }

  @Override
  public void onNext(T message) {
    handler.accept(message);
  }

  @Override
  public void onError(Throwable error) {
    out.peerClosed();
  }

  @Override
  public void onCompleted() {
    out.complete();
  }
}
