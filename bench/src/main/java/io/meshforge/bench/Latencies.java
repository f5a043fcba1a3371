package io.meshforge.bench;

import java.util.Arrays;
import java.util.Locale;

/** {@code Latencies} is a set of measured latencies in milliseconds, summarised by percentiles. */
final class Latencies {
  private double[] values = new double[64];
  private int count;

  /** Adds one latency in milliseconds. */
  synchronized void add(double millis) {
    if (count == values.length) {
      values = Arrays.copyOf(values, count * 2);
    }
    values[count++] = millis;
  }

  /** Adds every latency of {@code other}. */
  synchronized void addAll(Latencies other) {
    for (double v : other.sorted()) {
      add(v);
    }
  }

  synchronized int count() {
    return count;
  }

  synchronized double[] sorted() {
    double[] copy = Arrays.copyOf(values, count);
    Arrays.sort(copy);
    return copy;
  }

  /** The nearest-rank percentile ({@code p} in [0, 1]); NaN when empty. */
  double percentile(double p) {
    double[] sorted = sorted();
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int index = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  double max() {
    return percentile(1.0);
  }

  /** {@code n | p50 | p99 | max} as markdown table cells. */
  String cells() {
    return String.format(
        Locale.ROOT, "%d | %.1f | %.1f | %.1f", count(), percentile(0.50), percentile(0.99), max());
  }
}
