/**
 * Builtin mTLS on the zone control plane (ADR 0016): the mesh CAs global syncs down, opened with
 * the shared secrets key, and the proxies' leaf certificates issued and renewed from them.
 */
package io.meshforge.zone.ca;
