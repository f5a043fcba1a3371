package io.meshforge.bench;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code BenchOptions} are a harness's {@code key=value} arguments (a leading {@code --} is
 * ignored), read with a default for every key.
 */
final class BenchOptions {
  private final Map<String, String> values = new HashMap<>();

  private BenchOptions() {}

  /** Parses {@code key=value} arguments; anything else is refused. */
  static BenchOptions parse(String[] args) {
    BenchOptions options = new BenchOptions();
    for (String arg : args) {
      for (String word : arg.trim().split("\\s+")) {
        if (word.isEmpty()) {
          continue;
        }
        int eq = word.indexOf('=');
        if (eq < 0) {
          throw new IllegalArgumentException("expected key=value, got " + word);
        }
        options.values.put(word.substring(0, eq).replaceFirst("^--", ""), word.substring(eq + 1));
      }
    }
    return options;
  }

  String text(String key, String fallback) {
    return values.getOrDefault(key, fallback);
  }

  int integer(String key, int fallback) {
    return values.containsKey(key) ? Integer.parseInt(values.get(key)) : fallback;
  }

  long number(String key, long fallback) {
    return values.containsKey(key) ? Long.parseLong(values.get(key)) : fallback;
  }

  int[] integers(String key, String fallback) {
    return Arrays.stream(text(key, fallback).split(",")).mapToInt(Integer::parseInt).toArray();
  }

  /** A duration in seconds ({@code 20}) or with a unit ({@code 500ms}, {@code 2s}). */
  Duration duration(String key, Duration fallback) {
    String value = values.get(key);
    if (value == null) {
      return fallback;
    }
    if (value.endsWith("ms")) {
      return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
    }
    if (value.endsWith("s")) {
      return Duration.ofMillis(Math.round(Double.parseDouble(value.replace("s", "")) * 1000));
    }
    return Duration.ofMillis(Math.round(Double.parseDouble(value) * 1000));
  }

  boolean flag(String key, boolean fallback) {
    return values.containsKey(key) ? Boolean.parseBoolean(values.get(key)) : fallback;
  }
}
