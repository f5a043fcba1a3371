/**
 * The builtin mesh certificate authority (ADR 0016).
 *
 * <ul>
 *   <li>Global: {@link io.meshforge.ca.MeshCaGenerator} creates one CA per mesh and enabled {@code
 *       builtin} backend, {@link io.meshforge.ca.MeshCaSecrets} turns it into the mesh-scoped
 *       {@code Secret} {@code <mesh>.ca-builtin-<backend>} whose private key is sealed with AES-GCM
 *       under the {@link io.meshforge.ca.SecretsKey} global and zones share ({@link
 *       io.meshforge.ca.SecretSeal}); KDS syncs that Secret to every zone like any other.
 *   <li>Zone: {@link io.meshforge.ca.StoredMeshCas} reads and unseals it, {@link
 *       io.meshforge.ca.RotatingLeafCertificates} issues and renews the workloads' leaf
 *       certificates ({@link io.meshforge.ca.LeafCertificateIssuer}).
 * </ul>
 *
 * <p>No Spring, no gRPC, no I/O besides the key file: every piece is testable on its own.
 */
package io.meshforge.ca;
