package io.meshforge.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ChangeSignalTest {

  private final ChangeSignal signal = new ChangeSignal();

  @Test
  void await_raisedAfterTheGenerationWasRead_returnsAtOnce() throws Exception {
    long seen = signal.generation();
    signal.raise();

    assertThat(signal.await(seen, 1, TimeUnit.MINUTES)).isTrue();
  }

  @Test
  void await_notRaised_timesOut() throws Exception {
    assertThat(signal.await(signal.generation(), 30, TimeUnit.MILLISECONDS)).isFalse();
  }

  @Test
  void raise_severalWaiters_wakesEveryOne() throws Exception {
    long seen = signal.generation();
    CompletableFuture<Boolean> first = waiter(seen);
    CompletableFuture<Boolean> second = waiter(seen);

    signal.raise();

    assertThat(first.get(10, TimeUnit.SECONDS)).isTrue();
    assertThat(second.get(10, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void origin_differsBetweenSignals() {
    assertThat(signal.origin()).isNotEqualTo(new ChangeSignal().origin());
  }

  private CompletableFuture<Boolean> waiter(long seen) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return signal.await(seen, Duration.ofMinutes(1).toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    });
  }
}
