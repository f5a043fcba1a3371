/**
 * The builtin mesh CA on the global control plane (ADR 0016): the secrets key that seals CA keys,
 * and the provisioner that creates a mesh's CA Secret once its Mesh enables a builtin backend.
 */
package io.meshforge.global.ca;
