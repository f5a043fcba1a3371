package io.meshforge.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * {@code HopBreakdown} splits each cross-zone change of a B5 stage into its hops, on the wall
 * clock: the harness starts the write, the origin zone's ZoneIngress offers the new instance count,
 * global's copy does, the consuming zone's copy does, and every consumer has decoded it ({@link
 * DeliveryRecorder}'s slowest proxy).
 *
 * <p>A hop "has" change {@code k} (expected count {@code c}) at the first version it stored after
 * the previous hop had it whose count reaches {@code c} ({@code >= c} when adding, {@code <= c}
 * when removing): when two changes were merged, or a poll missed a version, the next version
 * carries both, as a proxy that jumps levels receives both.
 */
final class HopBreakdown {

  /** The hops of one change; any time is null when that hop was not seen. */
  record Change(
      String stage,
      int number,
      int expected,
      Instant written,
      Instant origin,
      Instant global,
      Instant consumer,
      Instant delivered) {

    double toOrigin() {
      return millis(written, origin);
    }

    double toGlobal() {
      return millis(origin, global);
    }

    double toConsumer() {
      return millis(global, consumer);
    }

    double toProxies() {
      return millis(consumer, delivered);
    }

    double total() {
      return millis(written, delivered);
    }

    private static double millis(Instant from, Instant to) {
      return from == null || to == null ? Double.NaN : Duration.between(from, to).toNanos() / 1e6;
    }
  }

  /** A hop as the report names it, its own latency and the time since the write it ends at. */
  private record Leg(String name, Function<Change, Double> own, Function<Change, Double> since) {}

  private static final List<Leg> LEGS =
      List.of(
          new Leg("write → west ZoneIngress", Change::toOrigin, Change::toOrigin),
          new Leg(
              "west → global's copy",
              Change::toGlobal,
              c -> Change.millis(c.written(), c.global())),
          new Leg(
              "global → east's copy",
              Change::toConsumer,
              c -> Change.millis(c.written(), c.consumer())),
          new Leg("east's copy → all consumers", Change::toProxies, Change::total));

  private final List<Change> changes;

  private HopBreakdown(List<Change> changes) {
    this.changes = List.copyOf(changes);
  }

  /**
   * Reads the current stage's changes off {@code recorder} (before its next phase) and {@code
   * hops}.
   */
  static HopBreakdown of(ChurnObserver.Stage stage, DeliveryRecorder recorder, IngressHops hops) {
    List<IngressHops.Version> origin = hops.versions(IngressHops.Hop.ORIGIN);
    List<IngressHops.Version> global = hops.versions(IngressHops.Hop.GLOBAL);
    List<IngressHops.Version> consumer = hops.versions(IngressHops.Hop.CONSUMER);
    List<Change> changes = new ArrayList<>();
    for (int j = 0; j < stage.instances(); j++) {
      int number = stage.firstChange() + j;
      int expected = stage.adding() ? j + 1 : stage.instances() - j - 1;
      Instant written = recorder.writtenAt(number);
      if (written == null) {
        continue;
      }
      Instant atOrigin = first(origin, written, expected, stage.adding());
      Instant atGlobal = first(global, orElse(atOrigin, written), expected, stage.adding());
      Instant atConsumer = first(consumer, orElse(atGlobal, written), expected, stage.adding());
      Double slowest = recorder.slowestOf(number);
      Instant delivered =
          slowest == null ? null : written.plusNanos(Math.round(slowest * 1_000_000));
      changes.add(
          new Change(
              stage.name(), number, expected, written, atOrigin, atGlobal, atConsumer, delivered));
    }
    return new HopBreakdown(changes);
  }

  /** Every change of every breakdown, for a report over several stages. */
  static HopBreakdown merge(List<HopBreakdown> parts) {
    List<Change> all = new ArrayList<>();
    parts.forEach(p -> all.addAll(p.changes));
    return new HopBreakdown(all);
  }

  List<Change> changes() {
    return changes;
  }

  /**
   * Markdown rows {@code | stage | hop | changes | p50 | p99 | max | since write p50 | p99 | max |}
   * for this breakdown's changes, named {@code stage}.
   */
  List<String> rows(String stage) {
    List<String> rows = new ArrayList<>();
    for (Leg leg : LEGS) {
      Latencies own = latencies(leg.own());
      Latencies since = latencies(leg.since());
      rows.add(
          String.format(
              Locale.ROOT,
              "| %s | %s | %d | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f |",
              stage,
              leg.name(),
              own.count(),
              own.percentile(0.5),
              own.percentile(0.99),
              own.max(),
              since.percentile(0.5),
              since.percentile(0.99),
              since.max()));
    }
    return rows;
  }

  /** The {@code n} changes whose last consumer got them last, slowest first. */
  List<Change> slowest(int n) {
    return changes.stream()
        .filter(c -> !Double.isNaN(c.total()))
        .sorted(Comparator.comparingDouble(Change::total).reversed())
        .limit(n)
        .toList();
  }

  /** One markdown row of {@code change}: stage, number, instances, each hop, total, write time. */
  static String row(Change c) {
    return String.format(
        Locale.ROOT,
        "| %s | %d | %d | %.1f | %.1f | %.1f | %.1f | %.1f | %s |",
        c.stage(),
        c.number(),
        c.expected(),
        c.toOrigin(),
        c.toGlobal(),
        c.toConsumer(),
        c.toProxies(),
        c.total(),
        c.written());
  }

  private Latencies latencies(Function<Change, Double> of) {
    Latencies latencies = new Latencies();
    for (Change change : changes) {
      double millis = of.apply(change);
      if (!Double.isNaN(millis)) {
        latencies.add(millis);
      }
    }
    return latencies;
  }

  /** The first version from {@code after} on whose count reaches {@code expected}. */
  static Instant first(
      List<IngressHops.Version> versions, Instant after, int expected, boolean adding) {
    for (IngressHops.Version v : versions) {
      boolean reaches = adding ? v.instances() >= expected : v.instances() <= expected;
      if (!v.modified().isBefore(after) && reaches) {
        return v.modified();
      }
    }
    return null;
  }

  private static Instant orElse(Instant value, Instant fallback) {
    return value == null ? fallback : value;
  }
}
