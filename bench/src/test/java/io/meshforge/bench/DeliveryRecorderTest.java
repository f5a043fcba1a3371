package io.meshforge.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeliveryRecorderTest {

  @Test
  void received_firstMarkerOfAProxy_onlySetsItsStart() {
    DeliveryRecorder recorder = new DeliveryRecorder(2);
    recorder.writing(1);
    recorder.startPhase(1);

    recorder.received(0, 1);

    assertThat(recorder.latencies().count()).isZero();
    assertThat(recorder.behind(2, 1)).isEqualTo(1);
  }

  @Test
  void received_changesMergedByTheDebounce_recordsEachOfThem() {
    DeliveryRecorder recorder = new DeliveryRecorder(1);
    recorder.received(0, 0);
    recorder.startPhase(1);
    for (int k = 1; k <= 3; k++) {
      recorder.writing(k);
    }

    recorder.received(0, 3);

    assertThat(recorder.latencies().count()).isEqualTo(3);
    assertThat(recorder.behind(1, 3)).isZero();
  }

  @Test
  void received_changesBeforeThePhase_areNotRecorded() {
    DeliveryRecorder recorder = new DeliveryRecorder(1);
    recorder.received(0, 0);
    recorder.writing(1);
    recorder.startPhase(2);
    recorder.writing(2);

    recorder.received(0, 2);

    assertThat(recorder.latencies().count()).isEqualTo(1);
  }

  @Test
  void received_sameMarkerAgain_recordsNothingMore() {
    DeliveryRecorder recorder = new DeliveryRecorder(1);
    recorder.received(0, 0);
    recorder.startPhase(1);
    recorder.writing(1);
    recorder.received(0, 1);

    recorder.received(0, 1);

    assertThat(recorder.latencies().count()).isEqualTo(1);
  }

  @Test
  void slowestPerChange_severalProxies_keepsTheLastProxyOfEachChange() {
    DeliveryRecorder recorder = new DeliveryRecorder(2);
    recorder.received(0, 0);
    recorder.received(1, 0);
    recorder.startPhase(1);
    recorder.writing(1);
    recorder.received(0, 1);
    recorder.received(1, 1);

    Latencies slowest = recorder.slowestPerChange();

    assertThat(slowest.count()).isEqualTo(1);
    assertThat(slowest.max()).isEqualTo(recorder.latencies().max());
    assertThat(recorder.latencies().count()).isEqualTo(2);
  }

  @Test
  void startPhase_forgetsTheSlowestOfEarlierPhases() {
    DeliveryRecorder recorder = new DeliveryRecorder(1);
    recorder.received(0, 0);
    recorder.startPhase(1);
    recorder.writing(1);
    recorder.received(0, 1);

    recorder.startPhase(2);

    assertThat(recorder.slowestPerChange().count()).isZero();
  }
}
