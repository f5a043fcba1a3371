package io.meshforge.zone.drill;

import io.meshforge.model.store.ResourceNotFoundException;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /meshes/{mesh}/dataplanes/{name}/traffic}: which zones served a client proxy's
 * requests over time. The first call starts sampling the proxy (its Envoy's per-host counters,
 * every {@code drill.traffic.sample-interval}); each call returns the samples kept so far: {@code
 * {mesh, name, intervalMillis, samples: [{time, reached, clusters: {<cluster>: {<zone>: {served,
 * errors}}}}]}}, counts per sample interval ({@link TrafficReport}). 404 for an unknown Dataplane.
 */
@RestController
class TrafficController {

  private final TrafficReport report;

  TrafficController(TrafficReport report) {
    this.report = report;
  }

  @GetMapping("/meshes/{mesh}/dataplanes/{name}/traffic")
  ResponseEntity<Map<String, Object>> traffic(
      @PathVariable("mesh") String mesh, @PathVariable("name") String name) {
    try {
      return ResponseEntity.ok(report.of(mesh, name));
    } catch (ResourceNotFoundException e) {
      return ResponseEntity.status(HttpStatus.NOT_FOUND)
          .body(Map.of("title", "Not found", "detail", e.getMessage()));
    }
  }
}
