package io.meshforge.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HopBreakdownTest {
  private static final Instant T0 = Instant.parse("2026-11-23T05:00:00Z");

  /** Versions at 0 ms (2 instances), 100 ms (3), 300 ms (5: a merge of 4 and 5), 500 ms (4). */
  private static final List<IngressHops.Version> VERSIONS =
      List.of(
          new IngressHops.Version(2, T0),
          new IngressHops.Version(3, T0.plusMillis(100)),
          new IngressHops.Version(5, T0.plusMillis(300)),
          new IngressHops.Version(4, T0.plusMillis(500)));

  @ParameterizedTest
  @CsvSource({
    // after ms, expected, adding, found ms (-1: none)
    "0, 3, true, 100",
    "0, 4, true, 300", // merged: the version with 5 carries 4 too
    "150, 3, true, 300", // versions before the previous hop had it do not count
    "0, 6, true, -1",
    "350, 4, false, 500",
    "0, 2, false, 0",
    "600, 4, false, -1",
  })
  void first_versionsOfAHop_findsTheFirstThatReachesTheCountAfterThePreviousHop(
      long afterMillis, int expected, boolean adding, long foundMillis) {
    Instant found = HopBreakdown.first(VERSIONS, T0.plusMillis(afterMillis), expected, adding);

    assertThat(found).isEqualTo(foundMillis < 0 ? null : T0.plusMillis(foundMillis));
  }

  @ParameterizedTest
  @CsvSource({"true, 1, 2", "false, 1, 0"})
  void of_aStage_expectsTheInstanceCountEachChangeLeaves(boolean adding, int change, int expected) {
    ChurnObserver.Stage stage = new ChurnObserver.Stage("s", cla -> 0, 0, 2, adding);
    DeliveryRecorder recorder = new DeliveryRecorder(1);
    recorder.writing(change);
    IngressHops hops = new IngressHops("m", "backend", "west", java.time.Duration.ofSeconds(1));

    HopBreakdown breakdown = HopBreakdown.of(stage, recorder, hops);

    assertThat(breakdown.changes())
        .singleElement()
        .extracting(HopBreakdown.Change::expected)
        .isEqualTo(expected);
  }
}
