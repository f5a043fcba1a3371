// #/policies, #/meshes/{m}/policies and a policy's page #/meshes/{m}/{plural}/{name}.
import { getJson, getYaml, listAll, seg } from '../api.js';
import { h, card, facts, heading, link, table, tag, time, yamlBlock, errorPanel } from '../dom.js';
import { allPolicies, dataplanes, displayName, origin, targetRefText, typeByPath } from '../model.js';
import { meshFilter } from './dataplanes.js';

/** How many dataplanes a policy page asks about (one request each) before it stops. */
const AFFECTED_LIMIT = 50;

/** The policy table used here and on a mesh's page. items: [{type, resource}]. */
export function policyTable(items, showMesh) {
  const sorted = [...items].sort(
    (a, b) => a.type.name.localeCompare(b.type.name) || a.resource.name.localeCompare(b.resource.name)
  );
  return table(
    [
      {
        title: 'Name',
        cell: (p) =>
          link(`/meshes/${p.resource.mesh}/${p.type.path}/${p.resource.name}`, displayName(p.resource), {
            class: 'strong',
            title: p.resource.name,
          }),
      },
      { title: 'Type', cell: (p) => p.type.name },
      showMesh ? { title: 'Mesh', cell: (p) => link(`/meshes/${p.resource.mesh}`, p.resource.mesh) } : null,
      { title: 'Origin', cell: (p) => tag(origin(p.resource)) },
      { title: 'Target', cell: (p) => h('code', {}, targetRefText((p.resource.spec || {}).targetRef)) },
      { title: 'Modified', cell: (p) => time(p.resource.modificationTime) },
    ].filter(Boolean),
    sorted,
    { key: (p) => `${p.type.name}/${p.resource.name}`, empty: 'No policies.' }
  );
}

export async function policiesPage(mesh) {
  const [items, meshes] = await Promise.all([allPolicies(mesh), listAll('/meshes')]);
  const counts = new Map();
  for (const p of items) counts.set(p.type.name, (counts.get(p.type.name) || 0) + 1);
  const node = h(
    'div',
    {},
    heading('Policies', `${items.length} polic${items.length === 1 ? 'y' : 'ies'}${mesh ? ` in mesh ${mesh}` : ' across all meshes'}`),
    meshFilter(meshes, mesh, (m) => (m ? `/meshes/${m}/policies` : '/policies')),
    counts.size
      ? h(
          'div',
          { class: 'chips' },
          h('span', { class: 'muted' }, 'Types:'),
          [...counts.entries()].sort().map(([name, n]) => h('span', { class: 'chip static' }, `${name} ${n}`))
        )
      : null,
    card(null, policyTable(items, !mesh))
  );
  const crumbs = mesh
    ? [{ text: 'Meshes', route: '/meshes' }, { text: mesh, route: `/meshes/${mesh}` }, { text: 'Policies' }]
    : [{ text: 'Policies' }];
  return { crumbs, node };
}

export async function policyPage(mesh, path, name) {
  const type = await typeByPath(path);
  if (!type) {
    return { crumbs: [{ text: 'Policies', route: '/policies' }], node: errorPanel({ title: 'Unknown type', details: path }) };
  }
  const base = `/meshes/${seg(mesh)}/${seg(path)}/${seg(name)}`;
  const [resource, yaml] = await Promise.all([getJson(base), getYaml(base)]);
  const spec = resource.spec || {};
  const labels = Object.entries(resource.labels || {});
  const node = h(
    'div',
    {},
    heading(`${type.name} ${displayName(resource)}`, `${resource.name} · mesh ${mesh}`),
    h(
      'div',
      { class: 'columns' },
      card(
        'Overview',
        facts([
          ['Type', type.name],
          ['Mesh', link(`/meshes/${mesh}`, mesh)],
          ['Origin', origin(resource)],
          ['Target', h('code', {}, targetRefText(spec.targetRef))],
          ['Sections', ['default', 'to', 'from', 'rules'].filter((k) => k in spec).map((k) => tag(k))],
          ['Labels', labels.length ? labels.map(([k, v]) => tag(`${k}=${v}`)) : ''],
          ['Created', time(resource.creationTime)],
          ['Modified', time(resource.modificationTime)],
        ])
      ),
      card('Affected dataplanes', await affected(mesh, type.name, resource.name))
    ),
    card('YAML', h('p', { class: 'muted' }, 'As the API returns it (Kuma universal format).'), yamlBlock(yaml))
  );
  return {
    crumbs: [
      { text: 'Policies', route: '/policies' },
      { text: mesh, route: `/meshes/${mesh}/policies` },
      { text: type.name },
      { text: displayName(resource) },
    ],
    node,
  };
}

async function affected(mesh, typeName, name) {
  const rows = (await dataplanes(mesh)).slice(0, AFFECTED_LIMIT);
  const reports = await Promise.all(
    rows.map((r) =>
      getJson(`/meshes/${seg(mesh)}/dataplanes/${seg(r.resource.name)}/_policies`).catch(() => ({ policies: [] }))
    )
  );
  const hit = rows.filter((r, i) =>
    (reports[i].policies || []).some((p) => p.type === typeName && p.name === name)
  );
  return table(
    [
      {
        title: 'Dataplane',
        cell: (r) => link(`/meshes/${mesh}/dataplanes/${r.resource.name}`, displayName(r.resource)),
      },
      { title: 'Zone', cell: (r) => r.zone || '—' },
    ],
    hit,
    { key: (r) => displayName(r.resource), empty: 'No dataplane matches this policy.' }
  );
}
