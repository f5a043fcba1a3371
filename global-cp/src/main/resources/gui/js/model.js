// Reads of the REST API shaped for the pages: states, names, origins.
import { getJson, listAll, seg } from './api.js';

export const DISPLAY_NAME = 'kuma.io/display-name';
export const ORIGIN = 'kuma.io/origin';
export const ZONE = 'kuma.io/zone';
export const SERVICE = 'kuma.io/service';

/** The name a user wrote (synced copies carry it as kuma.io/display-name). */
export function displayName(resource) {
  return (resource.labels && resource.labels[DISPLAY_NAME]) || resource.name;
}

/** 'global' for resources authored on global, else the zone that owns them. */
export function origin(resource) {
  const labels = resource.labels || {};
  return labels[ORIGIN] === 'zone' ? labels[ZONE] || 'zone' : 'global';
}

/** Online while the newest subscription of an insight is open. */
export function insightState(insight) {
  const subscriptions = (insight && insight.subscriptions) || [];
  const last = subscriptions[subscriptions.length - 1];
  return last && !last.disconnectTime ? 'Online' : 'Offline';
}

/** The newest subscription of an insight, or an empty object. */
export function lastSubscription(insight) {
  const subscriptions = (insight && insight.subscriptions) || [];
  return subscriptions[subscriptions.length - 1] || {};
}

/** The Envoy version the newest subscription of an insight announced, or ''. */
export function envoyVersion(insight) {
  const envoy = (lastSubscription(insight).version || {}).envoy || {};
  return envoy.version || '';
}

/** An insight's mTLS certificate status ({certificateExpirationTime, ...}), or an empty object. */
export function certificate(insight) {
  return (insight && insight.mTLS) || {};
}

/** Sums a counter (responsesSent, ...) over an insight's subscriptions. */
export function insightTotal(insight, counter) {
  return ((insight && insight.subscriptions) || []).reduce(
    (sum, s) => sum + Number((s.status && s.status.total && s.status.total[counter]) || 0),
    0
  );
}

/** Zone overviews ({name, state, zoneInsight, zone: {enabled}}). */
export async function zoneOverviews() {
  return listAll('/zones/_overview');
}

let resourceTypes = null;

/** Every resource type the control plane serves (from /_resources), fetched once. */
export async function types() {
  if (!resourceTypes) {
    resourceTypes = (await getJson('/_resources')).resources;
  }
  return resourceTypes;
}

/** The policy types (Mesh*), sorted by name. */
export async function policyTypes() {
  return (await types()).filter((t) => t.policy).sort((a, b) => a.name.localeCompare(b.name));
}

/** The type with this REST path (plural), if any. */
export async function typeByPath(path) {
  return (await types()).find((t) => t.path === path);
}

/** Every policy of every type, in one mesh or (mesh null) across meshes: [{type, resource}]. */
export async function allPolicies(mesh) {
  const kinds = await policyTypes();
  const lists = await Promise.all(
    kinds.map((t) => listAll(mesh ? `/meshes/${seg(mesh)}/${t.path}` : `/${t.path}`))
  );
  return kinds.flatMap((t, i) => lists[i].map((resource) => ({ type: t, resource })));
}

/**
 * Dataplanes (one mesh, or across meshes) with their status: Online when the proxy's own
 * insight has an open subscription; a proxy of an Offline zone is shown as such, because global
 * cannot know more than its zone last said.
 */
export async function dataplanes(mesh) {
  const base = mesh ? `/meshes/${seg(mesh)}` : '';
  const [items, insights, zones] = await Promise.all([
    listAll(`${base}/dataplanes`),
    listAll(`${base}/dataplane-insights`).catch(() => []),
    zoneOverviews().catch(() => []),
  ]);
  const insightByKey = new Map(insights.map((i) => [`${i.mesh}/${i.name}`, i]));
  const zoneState = new Map(zones.map((z) => [z.name, z.state]));
  return items.map((resource) => {
    const insight = insightByKey.get(`${resource.mesh}/${resource.name}`);
    const zone = (resource.labels || {})[ZONE] || '';
    let state = insightState(insight);
    let note = insight ? '' : 'no proxy has connected for it yet';
    if (zone && zoneState.get(zone) === 'Offline') {
      state = 'Offline';
      note = `zone ${zone} is Offline: last known data`;
    }
    return { resource, insight, zone, state, note };
  });
}

/** The services (kuma.io/service tags) of a Dataplane's inbounds. */
export function services(dataplane) {
  const inbound = (dataplane.networking && dataplane.networking.inbound) || [];
  return [...new Set(inbound.map((i) => (i.tags || {})[SERVICE]).filter(Boolean))];
}

/** A targetRef in one line: `Mesh`, `MeshService web`, `MeshSubset {k: v}`. */
export function targetRefText(ref) {
  if (!ref) return '';
  const parts = [ref.kind];
  if (ref.name) parts.push(ref.name);
  if (ref.tags) parts.push(JSON.stringify(ref.tags));
  if (ref.labels) parts.push(JSON.stringify(ref.labels));
  if (ref.sectionName) parts.push(`:${ref.sectionName}`);
  return parts.join(' ');
}
