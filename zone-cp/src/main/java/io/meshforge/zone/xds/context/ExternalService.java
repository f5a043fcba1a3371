package io.meshforge.zone.xds.context;

import io.meshforge.model.spec.MeshExternalServiceSpec;

/**
 * A MeshExternalService as sidecars reach it (ADR 0022).
 *
 * @param name the MeshExternalService name
 * @param destination what an outbound to it resolves to: through the egress, its endpoints are the
 *     zone's egresses (as remote endpoints carrying {@link
 *     io.meshforge.zone.xds.envoy.ExternalSniName}); directly, the service's own IP endpoints
 * @param spec its spec (port, protocol, endpoints, TLS)
 * @param throughEgress whether sidecars reach it through the zone egress ({@link
 *     EgressRouting#enabled}); otherwise they connect to it themselves
 */
public record ExternalService(
    String name, Destination destination, MeshExternalServiceSpec spec, boolean throughEgress) {}
