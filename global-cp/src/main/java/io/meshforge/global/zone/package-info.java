/**
 * Zones on global: the registry (a Zone is created when a zone first connects with a valid token),
 * {@code ZoneInsight} (subscriptions, per-type counters, heartbeats), Online/Offline status and the
 * {@code /zones/_overview} endpoints.
 */
package io.meshforge.global.zone;
