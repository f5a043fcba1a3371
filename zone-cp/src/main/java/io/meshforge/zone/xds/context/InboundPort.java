package io.meshforge.zone.xds.context;

import java.util.Map;
import java.util.TreeMap;

/**
 * One inbound of the proxy being configured, with Kuma's defaults applied.
 *
 * @param name the inbound's section name (may be empty)
 * @param address the address its listener binds
 * @param port the port its listener binds
 * @param serviceAddress the application's address
 * @param servicePort the application's port
 * @param tags its tags
 * @param protocol from {@code kuma.io/protocol}
 */
public record InboundPort(
    String name,
    String address,
    int port,
    String serviceAddress,
    int servicePort,
    Map<String, String> tags,
    Protocol protocol) {

  public InboundPort {
    tags = java.util.Collections.unmodifiableMap(new TreeMap<>(tags));
  }

  /** Returns the inbound's {@code kuma.io/service} tag. */
  public String service() {
    return tags.getOrDefault(io.meshforge.model.WellKnownLabels.SERVICE, "");
  }
}
