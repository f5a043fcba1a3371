package io.meshforge.zone.drill;

import io.meshforge.model.Resource;
import io.meshforge.model.ResourceKey;
import io.meshforge.model.ResourceTypes;
import io.meshforge.model.store.ResourceStore;
import io.meshforge.zone.bootstrap.DataplaneRegistration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * errors}}}}]}}, counts per sample interval. 404 for an unknown Dataplane.
 */
@RestController
class TrafficController {

  private final ResourceStore store;
  private final TrafficSampler sampler;

  TrafficController(ResourceStore store, TrafficSampler sampler) {
    this.store = store;
    this.sampler = sampler;
  }

  @GetMapping("/meshes/{mesh}/dataplanes/{name}/traffic")
  ResponseEntity<Map<String, Object>> traffic(
      @PathVariable("mesh") String mesh, @PathVariable("name") String name) {
    Optional<Resource> dataplane = store.get(new ResourceKey(ResourceTypes.DATAPLANE, mesh, name));
    if (dataplane.isEmpty()) {
      return ResponseEntity.status(HttpStatus.NOT_FOUND)
          .body(Map.of("title", "Not found", "detail", "no Dataplane " + mesh + "/" + name));
    }
    var networking = dataplane.get().spec().path("networking");
    String address = networking.path("address").asString("127.0.0.1");
    int adminPort =
        networking.path("admin").path("port").asInt(DataplaneRegistration.DEFAULT_ADMIN_PORT);
    List<TrafficSampler.Sample> samples =
        sampler.watch(new TrafficSampler.Target(mesh, name), address, adminPort);
    List<Map<String, Object>> items = new ArrayList<>();
    for (TrafficSampler.Sample sample : samples) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("time", sample.at().toString());
      item.put("reached", sample.reached());
      item.put("clusters", sample.clusters());
      items.add(item);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("mesh", mesh);
    body.put("name", name);
    body.put("intervalMillis", sampler.interval().toMillis());
    body.put("samples", items);
    return ResponseEntity.ok(body);
  }
}
