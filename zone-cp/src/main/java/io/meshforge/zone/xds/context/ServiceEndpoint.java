package io.meshforge.zone.xds.context;

import java.util.Map;
import java.util.TreeMap;

/**
 * One instance of a service: a Dataplane inbound, reachable at {@code address:port} (the port its
 * Envoy listens on for that inbound).
 *
 * @param dataplane the name of the Dataplane serving it
 * @param address where other proxies reach it
 * @param port the inbound port
 * @param tags the inbound's tags (incl. {@code kuma.io/service} and {@code kuma.io/protocol})
 * @param healthy {@code false} when the inbound is {@code NotReady} or reports {@code ready:
 *     false}; such endpoints stay in the map (for inspect) but receive no traffic
 */
public record ServiceEndpoint(
    String dataplane, String address, int port, Map<String, String> tags, boolean healthy) {

  public ServiceEndpoint {
    tags = java.util.Collections.unmodifiableMap(new TreeMap<>(tags));
  }

  /** Returns the endpoint's protocol, from its {@code kuma.io/protocol} tag. */
  public Protocol protocol() {
    return Protocol.of(tags.get(io.meshforge.model.WellKnownLabels.PROTOCOL));
  }
}
