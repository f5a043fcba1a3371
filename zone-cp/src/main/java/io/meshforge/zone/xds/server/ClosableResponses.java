package io.meshforge.zone.xds.server;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.function.Consumer;

/**
 * The response side of one xDS stream as java-control-plane writes to it, which the server can also
 * end on its own (a revoked credential, S6). gRPC observers are not thread-safe: every call is made
 * under this object's lock (java-control-plane locks its response observer too), and once closed,
 * late responses are dropped instead of failing on a closed call.
 *
 * @param <T> the response type
 */
final class ClosableResponses<T> implements StreamObserver<T> {

  private final StreamObserver<T> target;
  private final Consumer<T> beforeSend;
  private boolean done;

  ClosableResponses(StreamObserver<T> target, Consumer<T> beforeSend) {
    this.target = target;
    this.beforeSend = beforeSend;
  }

  @Override
  public synchronized void onNext(T response) {
    if (!done) {
      beforeSend.accept(response);
      target.onNext(response);
    }
  }

  @Override
  public synchronized void onError(Throwable error) {
    if (!done) {
      done = true;
      target.onError(error);
    }
  }

  @Override
  public synchronized void onCompleted() {
    if (!done) {
      done = true;
      target.onCompleted();
    }
  }

  /**
   * Ends the stream with {@code status} unless it has ended already.
   *
   * @return {@code true} when this call ended it
   */
  synchronized boolean closeWith(Status status) {
    if (done) {
      return false;
    }
    done = true;
    target.onError(status.asRuntimeException());
    return true;
  }

  /** Returns whether the stream has ended (by the server or the cache). */
  synchronized boolean isDone() {
    return done;
  }
}
