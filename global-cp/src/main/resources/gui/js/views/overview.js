// #/ — the control plane at a glance.
import { getJson, listAll } from '../api.js';
import { h, card, facts, heading, tile, badge, link, table } from '../dom.js';
import { allPolicies, dataplanes, zoneOverviews, lastSubscription } from '../model.js';

export async function overviewPage() {
  const [cp, zones, meshes, proxies, policies] = await Promise.all([
    getJson('/'),
    zoneOverviews(),
    listAll('/meshes'),
    dataplanes(null),
    allPolicies(null),
  ]);
  const onlineZones = zones.filter((z) => z.state === 'Online').length;
  const onlineProxies = proxies.filter((p) => p.state === 'Online').length;
  const node = h(
    'div',
    {},
    heading('Overview', `${cp.product} ${cp.mode} control plane · ${cp.tagline || ''}`),
    h(
      'div',
      { class: 'tiles' },
      tile('Zones online', `${onlineZones} / ${zones.length}`, '/zones'),
      tile('Meshes', meshes.length, '/meshes'),
      tile('Dataplanes online', `${onlineProxies} / ${proxies.length}`, '/dataplanes'),
      tile('Policies', policies.length, '/policies')
    ),
    h(
      'div',
      { class: 'columns' },
      card(
        'Zones',
        table(
          [
            { title: 'Name', cell: (z) => link(`/zones/${z.name}`, z.name) },
            { title: 'Status', cell: (z) => badge(z.state) },
            {
              title: 'Version',
              cell: (z) => (((lastSubscription(z.zoneInsight).version || {}).kumaCp || {}).version || '—'),
            },
          ],
          zones,
          { key: (z) => z.name, empty: 'No zone has connected yet.' }
        )
      ),
      card(
        'Control plane',
        facts([
          ['Product', cp.product],
          ['Version', cp.version],
          ['Mode', cp.mode],
          ['Hostname', cp.hostname],
          ['Instance', cp.instanceId],
        ])
      )
    )
  );
  return { crumbs: [{ text: 'Overview' }], node };
}
