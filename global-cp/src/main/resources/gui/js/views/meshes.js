// #/meshes and #/meshes/{name}.
import { getJson, getYaml, listAll, seg } from '../api.js';
import { h, card, facts, heading, link, table, tag, tile, time, yamlBlock } from '../dom.js';
import { allPolicies, dataplanes } from '../model.js';
import { dataplaneTable } from './dataplanes.js';
import { policyTable } from './policies.js';

function mtls(mesh) {
  const backend = mesh.mtls && mesh.mtls.enabledBackend;
  return backend ? tag(`mTLS ${backend}`) : h('span', { class: 'muted' }, 'off');
}

export async function meshesPage() {
  const [meshes, proxies, policies] = await Promise.all([
    listAll('/meshes'),
    dataplanes(null),
    allPolicies(null),
  ]);
  const count = (list, mesh) => list.filter((x) => x.resource.mesh === mesh).length;
  const online = (mesh) => proxies.filter((p) => p.resource.mesh === mesh && p.state === 'Online').length;
  const node = h(
    'div',
    {},
    heading('Meshes', `${meshes.length} mesh${meshes.length === 1 ? '' : 'es'}`),
    card(
      null,
      table(
        [
          { title: 'Name', cell: (m) => link(`/meshes/${m.name}`, m.name, { class: 'strong' }) },
          { title: 'mTLS', cell: mtls },
          {
            title: 'Dataplanes (online / total)',
            class: 'num',
            cell: (m) => link(`/meshes/${m.name}/dataplanes`, `${online(m.name)} / ${count(proxies, m.name)}`),
          },
          {
            title: 'Policies',
            class: 'num',
            cell: (m) => link(`/meshes/${m.name}/policies`, String(count(policies, m.name))),
          },
          { title: 'Created', cell: (m) => time(m.creationTime) },
        ],
        meshes,
        { key: (m) => m.name, empty: 'No meshes yet.' }
      )
    )
  );
  return { crumbs: [{ text: 'Meshes' }], node };
}

export async function meshPage(name) {
  const [mesh, yaml, proxies, policies] = await Promise.all([
    getJson(`/meshes/${seg(name)}`),
    getYaml(`/meshes/${seg(name)}`),
    dataplanes(name),
    allPolicies(name),
  ]);
  const online = proxies.filter((p) => p.state === 'Online').length;
  const node = h(
    'div',
    {},
    heading(`Mesh ${name}`, null),
    h(
      'div',
      { class: 'tiles' },
      tile('Dataplanes online', `${online} / ${proxies.length}`, `/meshes/${name}/dataplanes`),
      tile('Policies', policies.length, `/meshes/${name}/policies`)
    ),
    h(
      'div',
      { class: 'columns' },
      card('Overview', facts([['Name', name], ['mTLS', mtls(mesh)], ['Created', time(mesh.creationTime)], ['Modified', time(mesh.modificationTime)]])),
      card('YAML', yamlBlock(yaml))
    ),
    card('Dataplanes', dataplaneTable(proxies, false)),
    card('Policies', policyTable(policies, false))
  );
  return { crumbs: [{ text: 'Meshes', route: '/meshes' }, { text: name }], node };
}
