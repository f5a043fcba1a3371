package io.meshforge.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code PrometheusText} is one scrape of a {@code /metrics} endpoint in the Prometheus text
 * format, summed by metric name and label filters.
 */
final class PrometheusText {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final List<String> lines;

  private PrometheusText(List<String> lines) {
    this.lines = lines;
  }

  /** Scrapes {@code url}; an empty scrape when it does not answer 200. */
  static PrometheusText scrape(String url) {
    try {
      HttpResponse<String> answer =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
              HttpResponse.BodyHandlers.ofString());
      return new PrometheusText(
          answer.statusCode() == 200 ? answer.body().lines().toList() : List.of());
    } catch (IOException e) {
      return new PrometheusText(List.of());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new PrometheusText(List.of());
    }
  }

  /**
   * Sums the samples of metric {@code name} (exactly that name, any labels) whose label text
   * contains every one of {@code labelParts} (e.g. {@code area="heap"}).
   */
  double sum(String name, String... labelParts) {
    double total = 0;
    for (String line : lines) {
      if (line.startsWith("#") || !line.startsWith(name)) {
        continue;
      }
      String rest = line.substring(name.length());
      if (!(rest.startsWith("{") || rest.startsWith(" "))) {
        continue; // a longer metric name with this prefix
      }
      boolean matches = true;
      for (String part : labelParts) {
        matches &= rest.contains(part);
      }
      if (matches) {
        total += Double.parseDouble(rest.substring(rest.lastIndexOf(' ') + 1));
      }
    }
    return total;
  }

  /** Returns the names of the metrics in this scrape that start with {@code prefix}. */
  List<String> names(String prefix) {
    List<String> names = new ArrayList<>();
    for (String line : lines) {
      if (line.startsWith(prefix)) {
        String name = line.split("[{ ]", 2)[0];
        if (!names.contains(name)) {
          names.add(name);
        }
      }
    }
    return names;
  }
}
