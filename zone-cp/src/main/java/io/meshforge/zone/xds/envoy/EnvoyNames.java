package io.meshforge.zone.xds.envoy;

/**
 * {@code EnvoyNames} builds the name of every Envoy resource the zone CP generates. Names are part
 * of the data plane's observable surface (stats prefixes, admin dumps, dashboards), so they are
 * built here and nowhere else, in Kuma's shapes where Kuma has one.
 */
public final class EnvoyNames {

  private EnvoyNames() {}

  /** The listener of an inbound: {@code inbound:<address>:<port>}. */
  public static String inboundListener(String address, int port) {
    return "inbound:" + address + ":" + port;
  }

  /** The cluster an inbound forwards to, the local application: {@code localhost:<port>}. */
  public static String localCluster(int servicePort) {
    return "localhost:" + servicePort;
  }

  /** The listener of an outbound: {@code outbound:<address>:<port>}. */
  public static String outboundListener(String address, int port) {
    return "outbound:" + address + ":" + port;
  }

  /** The cluster of a legacy destination, named by its {@code kuma.io/service} tag. */
  public static String serviceCluster(String service) {
    return service;
  }

  /**
   * The cluster of one port of a MeshService: {@code <mesh>_<name>_msvc_<port>} (Kuma also spells
   * namespace and zone; universal zones have neither for local services).
   */
  public static String meshServiceCluster(String mesh, String name, int port) {
    return mesh + "_" + name + "_msvc_" + port;
  }

  /**
   * The cluster a zone ingress forwards one service's connections to: {@code <mesh>:<service>}
   * (Kuma's shape; the mesh keeps services of different meshes apart on the one ingress).
   */
  public static String ingressCluster(String mesh, String service) {
    return mesh + ":" + service;
  }

  /** The cluster of a MeshExternalService: {@code <mesh>_<name>_extsvc_<port>} (ADR 0022). */
  public static String externalServiceCluster(String mesh, String name, int port) {
    return mesh + "_" + name + "_extsvc_" + port;
  }

  /** The cluster of one port of a MeshMultiZoneService: {@code <mesh>_<name>_mzsvc_<port>}. */
  public static String multiZoneServiceCluster(String mesh, String name, int port) {
    return mesh + "_" + name + "_mzsvc_" + port;
  }

  /**
   * The cluster a zone egress forwards cross-zone connections to: the ingresses of one remote zone,
   * {@code zone-ingress:<zone>} (any mesh: the server name passes through untouched).
   */
  public static String egressZoneCluster(String zone) {
    return "zone-ingress:" + zone;
  }

  /**
   * The secret holding the certificate a zone egress presents to sidecars of {@code mesh} reaching
   * the external service {@code name}: {@code egress_identity:<mesh>:<name>}.
   */
  public static String egressIdentitySecret(String mesh, String name) {
    return "egress_identity:" + mesh + ":" + name;
  }

  /** The route configuration of an HTTP destination: {@code outbound:<cluster>}. */
  public static String outboundRoute(String clusterName) {
    return "outbound:" + clusterName;
  }

  /**
   * The API listener a gRPC (grpc-xds) client asks for when it dials {@code xds:///<service>}: the
   * bare service name, as grpc-xds requests it.
   */
  public static String apiListener(String service) {
    return service;
  }

  /** The listener exposing Envoy's stats to Prometheus. */
  public static String prometheusListener() {
    return "_forge:metrics:prometheus";
  }

  /** The cluster pointing at the proxy's own Envoy admin interface. */
  public static String adminCluster() {
    return "_forge:envoy:admin";
  }

  /** The stat prefix of an inbound (no colons: they split Prometheus names). */
  public static String inboundStatPrefix(int port) {
    return "inbound_" + port;
  }

  /** The stat prefix of an outbound. */
  public static String outboundStatPrefix(String clusterName) {
    return "outbound_" + clusterName.replace(':', '_');
  }
}
