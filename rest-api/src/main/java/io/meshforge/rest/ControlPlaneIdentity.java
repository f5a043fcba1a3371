package io.meshforge.rest;

/**
 * Who answers: shown at {@code GET /}.
 *
 * @param mode {@code global} or {@code zone}
 * @param version the MeshForge version
 * @param hostname the host it runs on
 * @param instanceId an id unique to this run of this instance
 */
public record ControlPlaneIdentity(
    String mode, String version, String hostname, String instanceId) {}
