package io.meshforge.zone.bootstrap;

/**
 * Where a proxy reaches the zone's xDS server.
 *
 * @param host a host name or IP literal (no brackets)
 * @param port the xDS gRPC port
 */
public record XdsEndpoint(String host, int port) {}
