package io.meshforge.zone.drill;

import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Reads Envoy's {@code /clusters?format=json} admin answer into request counters per cluster and
 * zone: each host's {@code rq_success} and {@code rq_error} go to its {@code locality.zone}, or to
 * the local zone when the host has none (local endpoints carry no locality, ADR 0018). Pure.
 */
final class ClusterStatuses {

  private static final ObjectMapper JSON = new ObjectMapper();

  private ClusterStatuses() {}

  /**
   * Returns cluster → zone → counters.
   *
   * @param clustersJson the admin answer
   * @param localZone the name given to hosts without a locality zone
   */
  static Map<String, Map<String, ZoneCounts>> read(String clustersJson, String localZone) {
    Map<String, Map<String, ZoneCounts>> result = new TreeMap<>();
    for (JsonNode cluster : JSON.readTree(clustersJson).path("cluster_statuses")) {
      Map<String, ZoneCounts> byZone = new TreeMap<>();
      for (JsonNode host : cluster.path("host_statuses")) {
        String zone = host.path("locality").path("zone").asString("");
        long success = 0;
        long error = 0;
        for (JsonNode stat : host.path("stats")) {
          switch (stat.path("name").asString("")) {
            case "rq_success" -> success = counter(stat);
            case "rq_error" -> error = counter(stat);
            default -> {
              // other host statistics are not about where requests went
            }
          }
        }
        byZone.merge(
            zone.isEmpty() ? localZone : zone, new ZoneCounts(success, error), ZoneCounts::plus);
      }
      if (!byZone.isEmpty()) {
        result.put(cluster.path("name").asString(""), byZone);
      }
    }
    return result;
  }

  /** Counter values are uint64, which protobuf's JSON writes as strings; absent means 0. */
  private static long counter(JsonNode stat) {
    JsonNode value = stat.path("value");
    return value.isNumber() ? value.asLong() : Long.parseLong(value.asString("0"));
  }
}
