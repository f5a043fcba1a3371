// Small DOM builders. Text is always set as text (never parsed as HTML): the pages show
// resources that users wrote.

/** Builds an element: h('a', {href, class}, 'text', child, [children]). */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'class') el.className = value;
    else if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** A link to a GUI route. */
export function link(route, text, attrs = {}) {
  return h('a', { href: `#${route}`, ...attrs }, text);
}

/** An Online / Offline / other state badge. */
export function badge(state, title) {
  const kind = { Online: 'ok', Offline: 'bad', Disabled: 'warn', Partial: 'warn' }[state] || 'neutral';
  return h('span', { class: `badge badge-${kind}`, title, 'data-state': state }, state);
}

/** A small grey tag (labels, kinds). */
export function tag(text, title) {
  return h('span', { class: 'tag', title }, text);
}

/**
 * A table. columns: [{title, cell(row) → node|string, class}]; rows get data-row=key(row).
 */
export function table(columns, rows, { key = () => null, empty = 'Nothing here yet.' } = {}) {
  if (!rows.length) {
    return h('div', { class: 'empty' }, empty);
  }
  return h(
    'table',
    { class: 'grid' },
    h('thead', {}, h('tr', {}, columns.map((c) => h('th', { class: c.class }, c.title)))),
    h(
      'tbody',
      {},
      rows.map((row) =>
        h('tr', { 'data-row': key(row) }, columns.map((c) => h('td', { class: c.class }, c.cell(row))))
      )
    )
  );
}

/** A titled panel. */
export function card(title, ...children) {
  return h('section', { class: 'card' }, title ? h('h2', {}, title) : null, ...children);
}

/** A page heading with an optional subtitle and badges. */
export function heading(title, subtitle, ...extras) {
  return h(
    'div',
    { class: 'page-head' },
    h('h1', {}, title, ...extras),
    subtitle ? h('p', { class: 'muted' }, subtitle) : null
  );
}

/** A big number tile, optionally linking somewhere. */
export function tile(label, value, route, note) {
  const body = [h('div', { class: 'tile-value' }, String(value)), h('div', { class: 'tile-label' }, label)];
  if (note) body.push(h('div', { class: 'tile-note' }, note));
  return route ? h('a', { class: 'tile', href: `#${route}` }, body) : h('div', { class: 'tile' }, body);
}

/** Key/value rows. pairs: [[label, node|string], ...]; empty values are shown as a dash. */
export function facts(pairs) {
  return h(
    'dl',
    { class: 'facts' },
    pairs.map(([label, value]) => [
      h('dt', {}, label),
      h('dd', {}, value === '' || value === null || value === undefined ? '—' : value),
    ])
  );
}

/** A YAML document with keys, comments and scalars coloured (built from text nodes). */
export function yamlBlock(text) {
  const pre = h('pre', { class: 'yaml', 'data-yaml': '' });
  for (const line of text.replace(/\n$/, '').split('\n')) {
    const match = /^(\s*(?:- )?)([^\s:#][^:#]*?):(\s|$)(.*)$/.exec(line);
    if (line.trim().startsWith('#')) {
      pre.append(h('span', { class: 'y-comment' }, line));
    } else if (match) {
      pre.append(match[1], h('span', { class: 'y-key' }, match[2]), ':', match[3]);
      if (match[4]) pre.append(h('span', { class: 'y-value' }, match[4]));
    } else {
      pre.append(line);
    }
    pre.append('\n');
  }
  return pre;
}

/** A JSON value written as block YAML (for small fragments such as a policy's conf). */
export function toYaml(value, indent = '') {
  if (Array.isArray(value)) {
    if (!value.length) return '[]';
    return value
      .map((item) => {
        const body = toYaml(item, `${indent}  `);
        return `${indent}- ${isBlock(item) ? body.trimStart() : body}`;
      })
      .join('\n');
  }
  if (value && typeof value === 'object') {
    const entries = Object.entries(value);
    if (!entries.length) return '{}';
    return entries
      .map(([key, item]) =>
        isBlock(item) ? `${indent}${key}:\n${toYaml(item, `${indent}  `)}` : `${indent}${key}: ${toYaml(item)}`
      )
      .join('\n');
  }
  return typeof value === 'string' && /^[\w./:@-]+$/.test(value) ? value : JSON.stringify(value);
}

function isBlock(value) {
  return value !== null && typeof value === 'object' && Object.keys(value).length > 0;
}

/** A short "n units ago" for an ISO time; empty for none. */
export function ago(iso) {
  if (!iso) return '';
  const seconds = Math.max(0, Math.round((Date.now() - Date.parse(iso)) / 1000));
  if (Number.isNaN(seconds)) return '';
  if (seconds < 60) return `${seconds}s ago`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m ago`;
  if (seconds < 86400) return `${Math.floor(seconds / 3600)}h ago`;
  return `${Math.floor(seconds / 86400)}d ago`;
}

/** An ISO time shown relative, with the exact time as a tooltip. */
export function time(iso) {
  return iso ? h('time', { datetime: iso, title: iso }, ago(iso)) : '—';
}

/** An error panel for a failed load. */
export function errorPanel(error) {
  return h(
    'div',
    { class: 'error', role: 'alert' },
    h('strong', {}, error.title || 'Something went wrong'),
    error.details ? h('div', {}, error.details) : null,
    !error.title && error.message ? h('div', {}, error.message) : null
  );
}
