package io.meshforge.model.policy;

import io.meshforge.model.WellKnownLabels;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * {@code ProxyInbound} is one inbound of the proxy being configured, as far as policy matching
 * needs it: the port Envoy listens on, the optional section name and the tags.
 *
 * @param port the inbound port (Dataplane {@code networking.inbound[].port}), 1..65535
 * @param name the inbound's section name, or {@code ""} when it has none
 * @param tags the inbound's tags, {@code kuma.io/service} among them; sorted by key
 */
public record ProxyInbound(int port, String name, Map<String, String> tags) {

  /** Validates the port and copies the tags into an unmodifiable sorted map. */
  public ProxyInbound {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("inbound port must be 1..65535, got " + port);
    }
    name = name == null ? "" : name;
    tags = Collections.unmodifiableMap(new TreeMap<>(tags == null ? Map.of() : tags));
  }

  /**
   * Returns an inbound without a section name.
   *
   * @param port the inbound port
   * @param tags the inbound's tags
   * @return the inbound
   */
  public static ProxyInbound of(int port, Map<String, String> tags) {
    return new ProxyInbound(port, "", tags);
  }

  /**
   * Returns the inbound's {@code kuma.io/service} tag, or {@code ""} when it has none.
   *
   * @return the service name
   */
  public String service() {
    return tags.getOrDefault(WellKnownLabels.SERVICE, "");
  }

  /**
   * Returns whether a targetRef {@code sectionName} designates this inbound: it equals the
   * inbound's name or its port written as a decimal string.
   *
   * @param sectionName the section name from a targetRef
   * @return {@code true} when the section name designates this inbound
   */
  public boolean hasSection(String sectionName) {
    Objects.requireNonNull(sectionName, "sectionName");
    return (!name.isEmpty() && name.equals(sectionName))
        || Integer.toString(port).equals(sectionName);
  }
}
