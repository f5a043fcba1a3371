package io.meshforge.zone.xds.context;

/**
 * One outbound of the proxy being configured: where the application connects, and the destination
 * it reaches there.
 *
 * @param address the local address the listener binds
 * @param port the local port the listener binds
 * @param destination the resolved destination
 */
public record OutboundPort(String address, int port, Destination destination) {}
