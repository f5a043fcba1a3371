package io.meshforge.zone.drill;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrafficSamplerTest {

  private static final TrafficSampler.Target WEB = new TrafficSampler.Target("default", "web-1");

  private final Deque<String> answers = new ArrayDeque<>();
  private final MutableClock clock = new MutableClock();

  @Test
  void read_envoyClustersAnswer_countsPerClusterAndZone() {
    Map<String, Map<String, ZoneCounts>> counts = ClusterStatuses.read(clusters(7, 1, 3), "east");

    assertThat(counts)
        .containsOnlyKeys("backend")
        .extractingByKey("backend")
        .isEqualTo(Map.of("east", new ZoneCounts(7, 1), "west", new ZoneCounts(3, 0)));
  }

  @Test
  void sampleAll_trafficMovesToWest_samplesShowTheSwitch() {
    TrafficSampler sampler = sampler(Duration.ofMinutes(5));
    assertThat(sampler.watch(WEB, "127.0.0.1", 9901)).isEmpty();
    answers.add(clusters(100, 0, 0)); // baseline
    answers.add(clusters(150, 0, 0));
    answers.add(clusters(152, 2, 40));
    answers.add(clusters(152, 2, 90));

    for (int i = 0; i < 4; i++) {
      clock.advance(Duration.ofMillis(250));
      sampler.sampleAll();
    }

    List<TrafficSampler.Sample> samples = sampler.watch(WEB, "127.0.0.1", 9901);
    assertThat(samples)
        .extracting(s -> s.clusters().get("backend"))
        .containsExactly(
            Map.of("east", new ZoneCounts(50, 0), "west", new ZoneCounts(0, 0)),
            Map.of("east", new ZoneCounts(2, 2), "west", new ZoneCounts(40, 0)),
            Map.of("east", new ZoneCounts(0, 0), "west", new ZoneCounts(50, 0)));
  }

  @Test
  void sampleAll_adminUnreachable_recordsASampleNotReached() {
    TrafficSampler sampler = sampler(Duration.ofMinutes(5));
    sampler.watch(WEB, "127.0.0.1", 9901);

    sampler.sampleAll(); // no answer queued: the fake throws

    assertThat(sampler.watch(WEB, "127.0.0.1", 9901))
        .singleElement()
        .satisfies(s -> assertThat(s.reached()).isFalse());
  }

  @Test
  void sampleAll_moreSamplesThanTheWindow_keepsTheNewest() {
    TrafficSampler sampler = sampler(Duration.ofSeconds(1)); // 4 samples of 250 ms
    sampler.watch(WEB, "127.0.0.1", 9901);
    for (int i = 0; i <= 6; i++) {
      answers.add(clusters(i * 10, 0, 0));
      sampler.sampleAll();
    }

    assertThat(sampler.watch(WEB, "127.0.0.1", 9901))
        .hasSize(4)
        .allSatisfy(s ->
            assertThat(s.clusters().get("backend").get("east")).isEqualTo(new ZoneCounts(10, 0)));
  }

  @Test
  void sampleAll_nobodyAskedForLongerThanIdle_stopsWatching() {
    TrafficSampler sampler = sampler(Duration.ofMinutes(5));
    sampler.watch(WEB, "127.0.0.1", 9901);
    answers.add(clusters(1, 0, 0));
    sampler.sampleAll();
    answers.add(clusters(2, 0, 0));
    sampler.sampleAll();

    clock.advance(Duration.ofMinutes(11));
    answers.add(clusters(3, 0, 0));
    sampler.sampleAll();

    assertThat(answers).as("an idle proxy is not read").hasSize(1);
    assertThat(sampler.watch(WEB, "127.0.0.1", 9901)).as("a new watch starts afresh").isEmpty();
  }

  private TrafficSampler sampler(Duration window) {
    AdminClusters admin =
        (address, port) -> {
          String next = answers.poll();
          if (next == null) {
            throw new IOException("connection refused");
          }
          return next;
        };
    return new TrafficSampler(
        admin, "east", Duration.ofMillis(250), window, Duration.ofMinutes(10), clock);
  }

  /** An Envoy answer: backend with a local host (no locality) and west's ingress at priority 1. */
  private static String clusters(long eastSuccess, long eastError, long westSuccess) {
    return """
    {"cluster_statuses": [
      {"name": "backend", "host_statuses": [
        {"address": {"socket_address": {"address": "127.0.0.1", "port_value": 20001}},
         "stats": [{"name": "cx_connect_fail", "value": "3"},
                   {"name": "rq_success", "value": "%d"},
                   {"name": "rq_error", "value": "%d"},
                   {"type": "GAUGE", "name": "rq_active"}],
         "locality": {}},
        {"address": {"socket_address": {"address": "127.0.0.1", "port_value": 30001}},
         "stats": [{"name": "rq_success", "value": "%d"}, {"name": "rq_error"}],
         "locality": {"zone": "west"}, "priority": 1}]},
      {"name": "localhost:8080"}]}
    """
        .formatted(eastSuccess, eastError, westSuccess);
  }

  /** A clock the test moves. */
  private static final class MutableClock extends Clock {
    private Instant now = Instant.parse("2026-11-22T20:00:00Z");

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
