package io.meshforge.zone.xds.context;

/**
 * Where sidecars reach one of this zone's egresses.
 *
 * @param name the ZoneEgress name
 * @param address its {@code networking.address}
 * @param port its {@code networking.port}
 */
public record EgressAddress(String name, String address, int port) {}
