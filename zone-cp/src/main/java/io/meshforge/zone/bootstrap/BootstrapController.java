package io.meshforge.zone.bootstrap;

import io.meshforge.zone.config.ForgeZoneProperties;
import io.meshforge.zone.xds.XdsComponents;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /bootstrap} on the zone API (ADR 0015): registers the proxy's Dataplane ({@link
 * DataplaneRegistration}) and answers its Envoy bootstrap as JSON ({@link EnvoyBootstrap}). Not
 * guarded by the admin token: the dataplane token in the body is the credential.
 */
@RestController
class BootstrapController {

  private final DataplaneRegistration registration;
  private final ZoneIngressRegistration ingressRegistration;
  private final ZoneEgressRegistration egressRegistration;
  private final ForgeZoneProperties config;
  private final XdsComponents xds;

  BootstrapController(
      DataplaneRegistration registration,
      ZoneIngressRegistration ingressRegistration,
      ZoneEgressRegistration egressRegistration,
      ForgeZoneProperties config,
      XdsComponents xds) {
    this.registration = registration;
    this.ingressRegistration = ingressRegistration;
    this.egressRegistration = egressRegistration;
    this.config = config;
    this.xds = xds;
  }

  @PostMapping(
      path = "/bootstrap",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  ObjectNode bootstrap(@RequestBody BootstrapRequest request, HttpServletRequest http) {
    // A ZoneIngress or ZoneEgress renders like a Dataplane without a mesh: node id = its name.
    DataplaneRegistration.Registered registered;
    if (request.ingress()) {
      registered = ingressRegistration.register(request);
    } else if (request.egress()) {
      registered = egressRegistration.register(request);
    } else {
      registered = registration.register(request);
    }
    return EnvoyBootstrap.render(
        registered.dataplane(),
        registered.adminPort(),
        request.dataplaneToken().trim(),
        xdsEndpoint(http),
        config.bootstrap().fetch().timeout(),
        request.envoyVersion(),
        request.agentVersion());
  }

  /** The configured advertised xDS endpoint, defaulting to the host this request reached. */
  private XdsEndpoint xdsEndpoint(HttpServletRequest http) {
    String host = config.bootstrap().xds().address();
    if (host.isBlank()) {
      host = http.getServerName();
      if (host.startsWith("[") && host.endsWith("]")) {
        host = host.substring(1, host.length() - 1);
      }
    }
    int port = config.bootstrap().xds().port();
    // The port actually bound: with xds.grpc.port=0 the configured value says nothing.
    return new XdsEndpoint(host, port > 0 ? port : xds.port());
  }
}
