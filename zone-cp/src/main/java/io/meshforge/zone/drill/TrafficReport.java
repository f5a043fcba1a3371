package io.meshforge.zone.drill;

import io.meshforge.model.Resource;
import io.meshforge.model.ResourceKey;
import io.meshforge.model.ResourceTypes;
import io.meshforge.model.store.ResourceNotFoundException;
import io.meshforge.model.store.ResourceStore;
import io.meshforge.zone.bootstrap.DataplaneRegistration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code TrafficReport} is the failover drill data of one client proxy: {@code {mesh, name,
 * intervalMillis, samples: [{time, reached, clusters: {<cluster>: {<zone>: {served, errors}}}}]}}.
 * Asking starts sampling the proxy's Envoy (its admin address from the Dataplane). Served by the
 * zone's own {@code /traffic} endpoint and, for global, over the KDS Envoy admin stream (ADR 0026).
 */
public final class TrafficReport {

  private final ResourceStore store;
  private final TrafficSampler sampler;

  /**
   * Creates the report source.
   *
   * @param store the zone's store, holding the Dataplanes
   * @param sampler the sampler of the proxies' Envoy counters
   */
  public TrafficReport(ResourceStore store, TrafficSampler sampler) {
    this.store = Objects.requireNonNull(store, "store");
    this.sampler = Objects.requireNonNull(sampler, "sampler");
  }

  /**
   * Returns the samples kept so far of a Dataplane, starting to sample it when nobody asked yet.
   *
   * @param mesh the Dataplane's mesh
   * @param name its zone-local name
   * @throws ResourceNotFoundException when the zone has no such Dataplane
   */
  public Map<String, Object> of(String mesh, String name) {
    Resource dataplane =
        store
            .get(new ResourceKey(ResourceTypes.DATAPLANE, mesh, name))
            .orElseThrow(() -> new ResourceNotFoundException("no Dataplane " + mesh + "/" + name));
    var networking = dataplane.spec().path("networking");
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
    return body;
  }
}
