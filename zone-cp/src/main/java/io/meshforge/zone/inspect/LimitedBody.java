package io.meshforge.zone.inspect;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * {@code LimitedBody} collects a response body up to a byte limit; past it the subscription is
 * cancelled (the connection is dropped) and the body fails with {@link BodyTooLargeException}, so a
 * proxy cannot make the control plane buffer an unbounded answer.
 *
 * <p>The HTTP client calls it from one thread at a time (the Flow contract), so no locking.
 */
final class LimitedBody implements HttpResponse.BodySubscriber<byte[]> {

  /** The body exceeded the limit. */
  static final class BodyTooLargeException extends RuntimeException {
    BodyTooLargeException(int limit) {
      super("the answer is larger than " + limit + " bytes");
    }
  }

  private final int limit;
  private final ByteArrayOutputStream collected = new ByteArrayOutputStream();
  private final CompletableFuture<byte[]> result = new CompletableFuture<>();
  private Flow.Subscription subscription;

  LimitedBody(int limit) {
    this.limit = limit;
  }

  @Override
  public CompletionStage<byte[]> getBody() {
    return result;
  }

  @Override
  public void onSubscribe(Flow.Subscription subscription) {
    this.subscription = subscription;
    subscription.request(Long.MAX_VALUE);
  }

  @Override
  public void onNext(List<ByteBuffer> buffers) {
    if (result.isDone()) {
      return;
    }
    for (ByteBuffer buffer : buffers) {
      if (collected.size() + buffer.remaining() > limit) {
        subscription.cancel();
        result.completeExceptionally(new BodyTooLargeException(limit));
        return;
      }
      byte[] chunk = new byte[buffer.remaining()];
      buffer.get(chunk);
      collected.writeBytes(chunk);
    }
  }

  @Override
  public void onError(Throwable error) {
    result.completeExceptionally(error);
  }

  @Override
  public void onComplete() {
    result.complete(collected.toByteArray());
  }
}
