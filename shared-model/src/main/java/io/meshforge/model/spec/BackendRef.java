package io.meshforge.model.spec;

import java.util.Map;

/**
 * {@code BackendRef} is where a route sends traffic: a targetRef plus a port and a weight.
 *
 * @param kind MeshService, MeshExternalService or MeshMultiZoneService
 * @param name the backend's name
 * @param namespace the backend's namespace, when it comes from Kubernetes
 * @param labels select the backend by labels instead of by name
 * @param tags legacy tags
 * @param mesh the backend's mesh
 * @param port the backend port
 * @param weight the share of traffic, relative to the other backendRefs
 */
public record BackendRef(
    @Required TargetRefKind kind,
    String name,
    String namespace,
    Map<String, String> labels,
    Map<String, String> tags,
    String mesh,
    @Range(min = 1, max = 65535) Integer port,
    Integer weight) {}
