/**
 * Failover drills made observable: per-zone request counts of a client proxy sampled from its
 * Envoy's per-host statistics (ADR 0023).
 */
package io.meshforge.zone.drill;
