// Hash routing (#/zones, #/meshes/default/dataplanes/web-1, ...) and the auto-refresh of the
// current page. A render builds the whole page off-screen and swaps it in, so a refresh never
// flickers and a slow answer never shows a half-built page.
import { h, errorPanel } from './dom.js';

const REFRESH_MS = 5000;

/**
 * Starts routing. routes: [{pattern: RegExp, nav, refresh, render(params) → {crumbs, node}}].
 */
export function startRouter(routes, { view, crumbs, refreshState }) {
  let generation = 0;
  let timer = null;

  async function show(quiet) {
    const current = ++generation;
    const path = location.hash.replace(/^#/, '') || '/';
    const route = routes.find((r) => r.pattern.test(path));
    clearTimeout(timer);
    highlight(route ? route.nav : null);
    if (!route) {
      swap(view, h('div', {}, errorPanel({ title: 'No such page', details: path })));
      crumbs.replaceChildren();
      return;
    }
    if (!quiet) {
      view.setAttribute('aria-busy', 'true');
    }
    const params = path.match(route.pattern).slice(1).map(decodeURIComponent);
    let page;
    try {
      page = await route.render(...params);
    } catch (error) {
      page = { crumbs: [], node: errorPanel(error) };
    }
    if (current !== generation) {
      return; // the user navigated meanwhile
    }
    view.removeAttribute('aria-busy');
    swap(view, page.node);
    crumbs.replaceChildren(
      ...(page.crumbs || []).flatMap((c, i) => [
        i ? h('span', { class: 'sep' }, '/') : null,
        c.route ? h('a', { href: `#${c.route}` }, c.text) : h('span', {}, c.text),
      ]).filter(Boolean)
    );
    document.title = `${(page.crumbs || []).map((c) => c.text).join(' / ') || 'Overview'} · MeshForge`;
    const stamp = new Date().toLocaleTimeString();
    refreshState.textContent = route.refresh
      ? `Updated ${stamp} · refreshes every ${REFRESH_MS / 1000}s`
      : `Loaded ${stamp}`;
    if (route.refresh) {
      timer = setTimeout(() => show(true), REFRESH_MS);
    }
  }

  window.addEventListener('hashchange', () => show(false));
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') show(true);
  });
  show(false);
}

function swap(view, node) {
  const scroll = window.scrollY;
  view.replaceChildren(node);
  window.scrollTo(0, scroll);
}

function highlight(nav) {
  for (const a of document.querySelectorAll('[data-nav]')) {
    a.classList.toggle('active', a.dataset.nav === nav);
  }
}
