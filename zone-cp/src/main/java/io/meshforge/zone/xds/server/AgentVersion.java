package io.meshforge.zone.xds.server;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.envoyproxy.envoy.config.core.v3.Node;
import java.util.Objects;

/**
 * {@code AgentVersion} is the version of the agent that started a proxy (forge-dp, or Kuma's
 * kuma-dp), as its bootstrap put it in the node metadata ({@code version.kumaDp.version}); the
 * insight shows it under {@code subscriptions[].version.kumaDp}, where Kuma's tools look for it.
 *
 * @param version the version, empty when the node does not say (a proxy not started by an agent)
 */
public record AgentVersion(String version) {

  /** A node that names no agent version. */
  public static final AgentVersion UNKNOWN = new AgentVersion("");

  /** Checks that nothing is null. */
  public AgentVersion {
    Objects.requireNonNull(version, "version");
  }

  /**
   * Reads the agent version from the node of a stream's first request.
   *
   * @param node the xDS node
   * @return the version, {@link #UNKNOWN} when the metadata carries none
   */
  public static AgentVersion of(Node node) {
    Value version = field(field(field(node.getMetadata(), "version"), "kumaDp"), "version");
    return version.hasStringValue() ? new AgentVersion(version.getStringValue()) : UNKNOWN;
  }

  /** Returns whether the node named a version. */
  public boolean known() {
    return !version.isEmpty();
  }

  private static Value field(Struct struct, String name) {
    return struct.getFieldsOrDefault(name, Value.getDefaultInstance());
  }

  private static Value field(Value value, String name) {
    return value.hasStructValue()
        ? field(value.getStructValue(), name)
        : Value.getDefaultInstance();
  }
}
