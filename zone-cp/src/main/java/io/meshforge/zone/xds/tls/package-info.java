/**
 * The Envoy-facing side of builtin mTLS, as pure builders the xDS generators call (ADR 0016):
 *
 * <ul>
 *   <li>{@link io.meshforge.zone.xds.tls.TlsSecretNames}: the SDS secret names, built in one place;
 *   <li>{@link io.meshforge.zone.xds.tls.SdsSecrets}: the identity certificate and mesh CA secrets;
 *   <li>{@link io.meshforge.zone.xds.tls.TransportSockets}: the inbound (downstream) and outbound
 *       (upstream) TLS transport sockets, referencing those secrets over ADS;
 *   <li>{@link io.meshforge.zone.xds.tls.TrafficPermissions} and {@link
 *       io.meshforge.zone.xds.tls.RbacFilters}: MeshTrafficPermission to Envoy RBAC for one
 *       inbound.
 * </ul>
 *
 * <p>No state, no I/O: every method is a function of its arguments and thread-safe.
 */
package io.meshforge.zone.xds.tls;
