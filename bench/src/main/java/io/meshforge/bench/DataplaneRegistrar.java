package io.meshforge.bench;

import io.meshforge.local.ZoneNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * {@code DataplaneRegistrar} writes and removes Dataplanes through a zone's REST API ({@code PUT}
 * and {@code DELETE /meshes/<mesh>/dataplanes/<name>}), failing on any status but 2xx.
 */
final class DataplaneRegistrar {

  private DataplaneRegistrar() {}

  /** Creates or updates the Dataplane {@code body} (JSON with a {@code name}) describes. */
  static void put(ZoneNode zone, String mesh, String body) {
    String name = body.replaceFirst(".*\"name\":\"([^\"]+)\".*", "$1");
    int status = zone.putYaml("/meshes/" + mesh + "/dataplanes/" + name, body);
    if (status / 100 != 2) {
      throw new IllegalStateException(
          "PUT dataplane " + name + " on " + zone.name() + ": " + status);
    }
  }

  /** Deletes Dataplane {@code name}. */
  static void delete(ZoneNode zone, String mesh, String name) {
    int status = zone.delete("/meshes/" + mesh + "/dataplanes/" + name);
    if (status / 100 != 2) {
      throw new IllegalStateException(
          "DELETE dataplane " + name + " on " + zone.name() + ": " + status);
    }
  }

  /** Puts {@code body.apply(i)} for every {@code i} in [{@code from}, {@code to}) on threads. */
  static void putAll(
      ZoneNode zone, String mesh, int from, int to, int threads, IntFunction<String> body)
      throws Exception {
    try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        done.add(
            pool.submit(() -> {
              for (int i = from + thread; i < to; i += threads) {
                put(zone, mesh, body.apply(i));
              }
              return null;
            }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    }
  }
}
