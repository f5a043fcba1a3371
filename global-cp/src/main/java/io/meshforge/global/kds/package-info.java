/**
 * Global's side of KDS: the gRPC server (TLS by default) serving kds-protocol's {@code
 * GlobalKdsService}, the per-zone state feeds from the change-feed view, the sink that applies what
 * zones send, stream tracking (zone creation, insights, revocation enforcement) and metrics.
 */
package io.meshforge.global.kds;
