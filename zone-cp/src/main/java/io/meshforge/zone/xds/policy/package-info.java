/**
 * Policy generators: each one reads what one policy type configures on a proxy (through the shared
 * targetRef matcher, {@code io.meshforge.model.policy}) and refines the clusters, listeners and
 * routes the concern generators already built. They run after those, in Kuma's plugin order
 * (MeshTimeout, MeshHealthCheck, MeshCircuitBreaker, MeshRetry). See ADR 0019.
 */
package io.meshforge.zone.xds.policy;
