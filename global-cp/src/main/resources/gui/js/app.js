// Entry point: the route table and the sidebar's control-plane info.
import { getJson, onUnauthorized } from './api.js';
import { showLogin } from './login.js';
import { startRouter } from './router.js';
import { overviewPage } from './views/overview.js';
import { zonesPage, zonePage } from './views/zones.js';
import { meshesPage, meshPage } from './views/meshes.js';
import { dataplanesPage, dataplanePage } from './views/dataplanes.js';
import { policiesPage, policyPage } from './views/policies.js';

const NAME = '([^/]+)';

const routes = [
  { pattern: /^\/$/, nav: 'overview', refresh: true, render: overviewPage },
  { pattern: /^\/zones$/, nav: 'zones', refresh: true, render: zonesPage },
  { pattern: new RegExp(`^/zones/${NAME}$`), nav: 'zones', refresh: true, render: zonePage },
  { pattern: /^\/meshes$/, nav: 'meshes', refresh: true, render: meshesPage },
  { pattern: new RegExp(`^/meshes/${NAME}$`), nav: 'meshes', refresh: true, render: meshPage },
  { pattern: /^\/dataplanes$/, nav: 'dataplanes', refresh: true, render: () => dataplanesPage(null) },
  {
    pattern: new RegExp(`^/meshes/${NAME}/dataplanes$`),
    nav: 'dataplanes',
    refresh: true,
    render: dataplanesPage,
  },
  {
    pattern: new RegExp(`^/meshes/${NAME}/dataplanes/${NAME}$`),
    nav: 'dataplanes',
    refresh: false,
    render: dataplanePage,
  },
  { pattern: /^\/policies$/, nav: 'policies', refresh: true, render: () => policiesPage(null) },
  {
    pattern: new RegExp(`^/meshes/${NAME}/policies$`),
    nav: 'policies',
    refresh: true,
    render: policiesPage,
  },
  {
    pattern: new RegExp(`^/meshes/${NAME}/${NAME}/${NAME}$`),
    nav: 'policies',
    refresh: false,
    render: policyPage,
  },
];

onUnauthorized((error) => showLogin(error.details));

startRouter(routes, {
  view: document.getElementById('view'),
  crumbs: document.getElementById('crumbs'),
  refreshState: document.getElementById('refresh-state'),
});

getJson('/')
  .then((cp) => {
    document.getElementById('cp-mode').textContent = `${cp.mode} control plane`;
    document.getElementById('cp-version').textContent = `${cp.product} ${cp.version}`;
  })
  .catch(() => {
    document.getElementById('cp-version').textContent = 'control plane unreachable';
  });
