// #/dataplanes, #/meshes/{m}/dataplanes and #/meshes/{m}/dataplanes/{name}.
import { getJson, getYaml, listAll, seg } from '../api.js';
import { h, badge, card, facts, heading, link, table, tag, time, toYaml, yamlBlock } from '../dom.js';
import {
  certificate,
  dataplanes,
  displayName,
  envoyVersion,
  insightState,
  lastSubscription,
  origin,
  services,
  types,
  ZONE,
} from '../model.js';

/** The dataplane table used here and on a mesh's page. */
export function dataplaneTable(rows, showMesh) {
  return table(
    [
      {
        title: 'Name',
        cell: (r) =>
          link(`/meshes/${r.resource.mesh}/dataplanes/${r.resource.name}`, displayName(r.resource), {
            class: 'strong',
            title: r.resource.name,
          }),
      },
      showMesh ? { title: 'Mesh', cell: (r) => link(`/meshes/${r.resource.mesh}`, r.resource.mesh) } : null,
      { title: 'Zone', cell: (r) => (r.zone ? link(`/zones/${r.zone}`, r.zone) : '—') },
      { title: 'Services', cell: (r) => services(r.resource).map((s) => tag(s)) },
      { title: 'Address', cell: (r) => h('code', {}, (r.resource.networking || {}).address || '') },
      { title: 'Status', cell: (r) => badge(r.state, r.note) },
      { title: 'Connected', cell: (r) => time(lastSubscription(r.insight).connectTime) },
      { title: 'Envoy', cell: (r) => envoyVersion(r.insight) || '—' },
      { title: 'Cert expiry', cell: (r) => expiry(certificate(r.insight).certificateExpirationTime) },
      { title: 'Modified', cell: (r) => time(r.resource.modificationTime) },
    ].filter(Boolean),
    rows,
    { key: (r) => displayName(r.resource), empty: 'No dataplanes registered.' }
  );
}

export async function dataplanesPage(mesh) {
  const [rows, meshes] = await Promise.all([dataplanes(mesh), listAll('/meshes')]);
  const online = rows.filter((r) => r.state === 'Online').length;
  const node = h(
    'div',
    {},
    heading('Dataplanes', `${online} of ${rows.length} online${mesh ? ` in mesh ${mesh}` : ' across all meshes'}`),
    meshFilter(meshes, mesh, (m) => (m ? `/meshes/${m}/dataplanes` : '/dataplanes')),
    card(null, dataplaneTable(rows, !mesh))
  );
  const crumbs = mesh
    ? [{ text: 'Meshes', route: '/meshes' }, { text: mesh, route: `/meshes/${mesh}` }, { text: 'Dataplanes' }]
    : [{ text: 'Dataplanes' }];
  return { crumbs, node };
}

/** A certificate's expiry: the exact time (it lies ahead, so not shown as an age). */
function expiry(iso) {
  return iso ? h('time', { datetime: iso, title: iso }, iso) : '—';
}

/** Envoy's version with its build line as a tooltip. */
function envoyDetails(insight) {
  const envoy = (lastSubscription(insight).version || {}).envoy || {};
  return envoy.version ? h('span', { title: envoy.build || '' }, envoy.version) : '—';
}

/** Who issued the certificate, how often it was regenerated and when last. */
function certificateDetails(mtls) {
  if (!mtls.issuedBackend) return '—';
  return h(
    'span',
    {},
    `backend ${mtls.issuedBackend} · ${mtls.certificateRegenerations || 0} regeneration(s) · last `,
    time(mtls.lastCertificateRegeneration)
  );
}

/** Chips to switch between all meshes and one. */
export function meshFilter(meshes, current, routeOf) {
  return h(
    'div',
    { class: 'chips' },
    h('span', { class: 'muted' }, 'Mesh:'),
    link(routeOf(null), 'all', { class: current ? 'chip' : 'chip active' }),
    meshes.map((m) => link(routeOf(m.name), m.name, { class: m.name === current ? 'chip active' : 'chip' }))
  );
}

export async function dataplanePage(mesh, name) {
  const base = `/meshes/${seg(mesh)}/dataplanes/${seg(name)}`;
  const [resource, yaml, matched, insight] = await Promise.all([
    getJson(base),
    getYaml(base),
    getJson(`${base}/_policies`),
    // a list filtered by name, not a GET of the insight: a proxy that never connected has none,
    // and a 404 would be an error in the browser's console
    listAll(`/meshes/${seg(mesh)}/dataplane-insights?name=${encodeURIComponent(name)}`)
      .then((items) => items.find((i) => i.name === name) || null)
      .catch(() => null),
  ]);
  const zone = (resource.labels || {})[ZONE] || '';
  let state = insightState(insight);
  if (zone) {
    const overview = await getJson(`/zones/${seg(zone)}/_overview`).catch(() => null);
    if (overview && overview.state === 'Offline') state = 'Offline';
  }
  const networking = resource.networking || {};
  const inbounds = networking.inbound || [];
  const outbounds = networking.outbound || [];
  const node = h(
    'div',
    {},
    heading(`Dataplane ${displayName(resource)}`, `${resource.name} · mesh ${mesh}`, badge(state)),
    h(
      'div',
      { class: 'columns' },
      card(
        'Overview',
        facts([
          ['Status', badge(state)],
          ['Mesh', link(`/meshes/${mesh}`, mesh)],
          ['Zone', zone ? link(`/zones/${zone}`, zone) : ''],
          ['Origin', origin(resource)],
          ['Address', h('code', {}, networking.address || '')],
          ['Services', services(resource).map((s) => tag(s))],
          ['Connected', time(lastSubscription(insight).connectTime)],
          ['Envoy', envoyDetails(insight)],
          ['Certificate expires', expiry(certificate(insight).certificateExpirationTime)],
          ['Certificate', certificateDetails(certificate(insight))],
          ['Modified', time(resource.modificationTime)],
        ])
      ),
      card(
        'Inbounds',
        table(
          [
            { title: 'Port', class: 'num', cell: (i) => String(i.port ?? '') },
            { title: 'Service port', class: 'num', cell: (i) => String(i.servicePort ?? '—') },
            {
              title: 'Tags',
              cell: (i) => Object.entries(i.tags || {}).map(([k, v]) => tag(`${k}=${v}`)),
            },
          ],
          inbounds,
          { key: (i) => String(i.port), empty: 'No inbounds.' }
        ),
        outbounds.length
          ? table(
              [
                { title: 'Outbound port', class: 'num', cell: (o) => String(o.port ?? '') },
                { title: 'Target', cell: (o) => JSON.stringify(o.backendRef || o.tags || {}) },
              ],
              outbounds,
              { key: (o) => String(o.port) }
            )
          : null
      )
    ),
    card(
      'Matched policies',
      h('p', { class: 'muted' }, 'Policies that apply to this proxy, type by type in merge order (lowest priority first).'),
      await matchedTable(matched.policies || [])
    ),
    card('YAML', yamlBlock(yaml))
  );
  return {
    crumbs: [
      { text: 'Dataplanes', route: '/dataplanes' },
      { text: mesh, route: `/meshes/${mesh}/dataplanes` },
      { text: displayName(resource) },
    ],
    node,
  };
}

async function matchedTable(policies) {
  const kinds = await types();
  const pathOf = (typeName) => (kinds.find((t) => t.name === typeName) || {}).path;
  return table(
    [
      { title: 'Type', cell: (p) => h('span', { class: 'strong' }, p.type) },
      { title: 'Policy', cell: (p) => policyLink(p, pathOf(p.type)) },
      { title: 'Section', cell: (p) => tag(p.kind) },
      {
        title: 'Inbounds',
        cell: (p) => ((p.inbounds || []).length ? p.inbounds.map((i) => tag(String(i))) : '—'),
      },
      { title: 'Conf', cell: (p) => h('pre', { class: 'conf' }, toYaml(p.conf)) },
    ],
    policies,
    {
      key: (p) => `${p.type}/${p.name}/${p.kind}`,
      empty: 'No policy matches this dataplane.',
    }
  );
}

function policyLink(p, path) {
  if (!path) return p.name;
  return link(`/meshes/${p.mesh}/${path}/${p.name}`, p.name, { 'data-policy': p.name });
}
