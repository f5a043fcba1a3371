package io.meshforge.model.spec;

import java.util.List;
import java.util.Map;

/**
 * {@code MeshServiceSpec} is the schema of a {@code MeshService} (under {@code spec}).
 *
 * @param selector which dataplanes back the service
 * @param ports the service's ports
 * @param state {@code Available} or {@code Unavailable}
 * @param identities the identities the service's proxies present
 */
public record MeshServiceSpec(
    Selector selector, List<Port> ports, State state, List<Identity> identities) {

  /**
   * Which dataplanes back the service: by inbound tags or one dataplane by name.
   *
   * @param dataplaneTags inbound tags to match
   * @param dataplaneRef one dataplane
   */
  public record Selector(Map<String, String> dataplaneTags, DataplaneRef dataplaneRef) {}

  /**
   * A dataplane by name.
   *
   * @param name the dataplane's name
   */
  public record DataplaneRef(@Required String name) {}

  /**
   * A service port.
   *
   * @param name the port's name, used as a targetRef sectionName
   * @param port the port clients connect to
   * @param targetPort the dataplane inbound port (a number) or inbound name
   * @param appProtocol the application protocol
   */
  public record Port(
      String name,
      @Required @Range(min = 1, max = 65535) Integer port,
      IntOrString targetPort,
      AppProtocol appProtocol) {}

  /** Service states. */
  @SuppressWarnings("java:S115")
  public enum State {
    /** At least one healthy endpoint. */
    Available,
    /** No healthy endpoint. */
    Unavailable
  }

  /**
   * An identity.
   *
   * @param type {@code ServiceTag} or {@code SpiffeID}
   * @param value the identity
   */
  public record Identity(@Required IdentityType type, @Required String value) {}

  /** Identity types. */
  @SuppressWarnings("java:S115")
  public enum IdentityType {
    /** A {@code kuma.io/service} tag value. */
    ServiceTag,
    /** A SPIFFE ID. */
    SpiffeID
  }
}
