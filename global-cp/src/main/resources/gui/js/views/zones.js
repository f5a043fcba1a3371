// #/zones and #/zones/{name} — zone control planes, their KDS connection and counters.
import { getJson, seg } from '../api.js';
import { h, badge, card, facts, heading, link, table, time } from '../dom.js';
import { insightTotal, lastSubscription, zoneOverviews } from '../model.js';

function zoneVersion(zone) {
  return ((lastSubscription(zone.zoneInsight).version || {}).kumaCp || {}).version || '';
}

function counter(value, cls) {
  return h('span', { class: value > 0 && cls ? cls : null }, String(value));
}

export async function zonesPage() {
  const zones = await zoneOverviews();
  const online = zones.filter((z) => z.state === 'Online').length;
  const node = h(
    'div',
    {},
    heading('Zones', `${online} of ${zones.length} zone control planes online`),
    card(
      null,
      table(
        [
          { title: 'Name', cell: (z) => link(`/zones/${z.name}`, z.name, { class: 'strong' }) },
          {
            title: 'Status',
            cell: (z) => [badge(z.state), z.zone && z.zone.enabled === false ? badge('Disabled') : null],
          },
          { title: 'Zone CP version', cell: (z) => zoneVersion(z) || '—' },
          { title: 'Connected', cell: (z) => time(lastSubscription(z.zoneInsight).connectTime) },
          {
            title: 'Last update',
            cell: (z) => time((lastSubscription(z.zoneInsight).status || {}).lastUpdateTime),
          },
          {
            title: 'KDS sent',
            class: 'num',
            cell: (z) => counter(insightTotal(z.zoneInsight, 'responsesSent')),
          },
          {
            title: 'ACKed',
            class: 'num',
            cell: (z) => counter(insightTotal(z.zoneInsight, 'responsesAcknowledged')),
          },
          {
            title: 'Rejected',
            class: 'num',
            cell: (z) => counter(insightTotal(z.zoneInsight, 'responsesRejected'), 'text-bad'),
          },
          { title: 'Connections', class: 'num', cell: (z) => String((z.zoneInsight.subscriptions || []).length) },
        ],
        zones,
        { key: (z) => z.name, empty: 'No zone has connected yet. Start a zone CP with a zone token.' }
      )
    )
  );
  return { crumbs: [{ text: 'Zones' }], node };
}

export async function zonePage(name) {
  const zone = await getJson(`/zones/${seg(name)}/_overview`);
  const insight = zone.zoneInsight || {};
  const last = lastSubscription(insight);
  const status = last.status || {};
  const down = status.stat || {};
  const up = status.zoneToGlobal || {};
  const typeNames = [...new Set([...Object.keys(down), ...Object.keys(up)])].sort();
  const rows = typeNames.map((type) => ({ type, down: down[type] || {}, up: up[type] || {} }));
  const node = h(
    'div',
    {},
    heading(`Zone ${zone.name}`, 'A zone control plane connected to this global over KDS.', badge(zone.state)),
    h(
      'div',
      { class: 'columns' },
      card(
        'Overview',
        facts([
          ['Status', badge(zone.state)],
          ['Enabled', zone.zone && zone.zone.enabled === false ? 'no' : 'yes'],
          ['Zone CP version', zoneVersion(zone)],
          ['Connected', time(last.connectTime)],
          ['Last update', time(status.lastUpdateTime)],
          ['Served by global instance', last.globalInstanceId],
          ['Created', time(zone.creationTime)],
        ])
      ),
      card(
        'KDS totals (this connection)',
        facts([
          ['Responses sent', String((status.total || {}).responsesSent ?? 0)],
          ['Acknowledged', String((status.total || {}).responsesAcknowledged ?? 0)],
          ['Rejected (NACK)', String((status.total || {}).responsesRejected ?? 0)],
        ])
      )
    ),
    card(
      'KDS counters by resource type',
      table(
        [
          { title: 'Type', cell: (r) => r.type },
          { title: 'Global → zone sent', class: 'num', cell: (r) => String(r.down.responsesSent ?? 0) },
          { title: 'ACKed', class: 'num', cell: (r) => String(r.down.responsesAcknowledged ?? 0) },
          { title: 'Rejected', class: 'num', cell: (r) => counter(r.down.responsesRejected ?? 0, 'text-bad') },
          { title: 'Zone → global received', class: 'num', cell: (r) => String(r.up.responsesReceived ?? 0) },
          { title: 'ACKed', class: 'num', cell: (r) => String(r.up.responsesAcknowledged ?? 0) },
          { title: 'Rejected', class: 'num', cell: (r) => counter(r.up.responsesRejected ?? 0, 'text-bad') },
        ],
        rows,
        { key: (r) => r.type, empty: 'No KDS traffic recorded on this connection yet.' }
      )
    ),
    card(
      'Connections',
      table(
        [
          { title: 'Id', cell: (s) => h('code', {}, s.id || '') },
          { title: 'Global instance', cell: (s) => s.globalInstanceId || '—' },
          { title: 'Connected', cell: (s) => time(s.connectTime) },
          { title: 'Disconnected', cell: (s) => (s.disconnectTime ? time(s.disconnectTime) : badge('Online')) },
          { title: 'Sent', class: 'num', cell: (s) => String(((s.status || {}).total || {}).responsesSent ?? 0) },
        ],
        [...(insight.subscriptions || [])].reverse(),
        { key: (s) => s.id, empty: 'This zone has never connected.' }
      )
    ),
    last.config
      ? card('Zone CP configuration', h('details', {}, h('summary', {}, 'Show'), h('pre', { class: 'code' }, prettyConfig(last.config))))
      : null
  );
  return { crumbs: [{ text: 'Zones', route: '/zones' }, { text: zone.name }], node };
}

function prettyConfig(config) {
  try {
    return JSON.stringify(JSON.parse(config), null, 2);
  } catch {
    return config;
  }
}
