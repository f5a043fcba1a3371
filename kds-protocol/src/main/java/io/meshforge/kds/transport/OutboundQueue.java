package io.meshforge.kds.transport;

import io.grpc.Status;
import io.grpc.stub.CallStreamObserver;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * {@code OutboundQueue} is the only writer of one gRPC stream's outbound side. Messages are queued
 * and written only while the transport {@link CallStreamObserver#isReady() is ready}; the rest is
 * written from the on-ready handler. Nobody ever waits for the peer to read, so a peer that stops
 * reading cannot deadlock us (HTTP/2 flow control); it is detected by the ACK deadline, whose clock
 * is the sender's and does not depend on when this queue hands a message over (see {@code
 * DeltaSender#oldestUnackedSince}: gRPC takes whole responses while its HTTP/2 window has room,
 * long before a slow peer receives them, so the hand-over time would say little).
 *
 * <p>The queue stays small by construction: a sender has at most one response per type queued or in
 * flight, a receiver at most one reply (it reads the next message only after replying).
 */
final class OutboundQueue<T> {

  private final CallStreamObserver<T> stream;
  private final Deque<T> queue = new ArrayDeque<>();
  private final Runnable onClose;
  private boolean closed;

  /**
   * Wraps a stream; the caller must install {@link #drain} as its on-ready handler. {@code onClose}
   * runs once, whichever way the stream ends.
   */
  OutboundQueue(CallStreamObserver<T> stream, Runnable onClose) {
    this.stream = stream;
    this.onClose = onClose;
  }

  /** Queues a message and writes what the transport accepts now. */
  synchronized void offer(T message) {
    if (closed) {
      return;
    }
    queue.add(message);
    drain();
  }

  /** Writes queued messages while the transport is ready; the on-ready handler. */
  synchronized void drain() {
    while (!closed && !queue.isEmpty() && stream.isReady()) {
      stream.onNext(queue.poll());
    }
  }

  /** Number of messages waiting for the transport. */
  synchronized int pending() {
    return queue.size();
  }

  /** Ends the stream normally (once). */
  synchronized void complete() {
    if (!closed) {
      closed = true;
      queue.clear();
      stream.onCompleted();
      onClose.run();
    }
  }

  /** Ends the stream with an error status (once). */
  synchronized void fail(Status status) {
    if (!closed) {
      closed = true;
      queue.clear();
      stream.onError(status.asRuntimeException());
      onClose.run();
    }
  }

  /** Marks the stream closed by the peer: nothing more is written. */
  synchronized void peerClosed() {
    if (!closed) {
      closed = true;
      queue.clear();
      onClose.run();
    }
  }
}
