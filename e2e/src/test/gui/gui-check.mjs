// Drives the global control plane's GUI in headless Chromium (playwright-core, the system's
// chromium binary) and saves a screenshot of every page it checks. Run by GuiE2eTest:
//
//   node gui-check.mjs --url http://127.0.0.1:5681 --token ADMIN_TOKEN --out DIR --mesh shop \
//        --dataplane web-1 --policy-type MeshTimeout --policy-path meshtimeouts \
//        --policy gui-timeout --zones east,west
//
// The API denies by default (ADR 0024): the first step checks that the GUI without a token shows
// its sign-in form and works once the token is pasted; the main page then gets the token the way
// the local launcher's link hands it over (/gui/#token=...), which must leave the address bar.
//
// Exits 0 when every check passed, 1 on a failed check (the message says which), 2 on bad usage.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const args = parseArgs(process.argv.slice(2));
const required = ['url', 'token', 'out', 'mesh', 'dataplane', 'policy-type', 'policy-path', 'policy', 'zones'];
const missing = required.filter((k) => !args[k]);
if (missing.length) {
  console.error(`missing arguments: ${missing.join(', ')}`);
  process.exit(2);
}
const chromiumPath = args.chromium || process.env.CHROMIUM || '/usr/bin/chromium';
const zones = args.zones.split(',');
const TIMEOUT = Number(args.timeout || 30000);
mkdirSync(args.out, { recursive: true });

const browser = await chromium.launch({
  executablePath: chromiumPath,
  headless: true,
  args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'],
});
let failed = false;
const consoleErrors = [];
try {
  const page = await browser.newPage({ viewport: { width: 1360, height: 860 } });
  page.setDefaultTimeout(TIMEOUT);
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  page.on('response', (r) => r.status() >= 400 && consoleErrors.push(`HTTP ${r.status()} for ${r.url()}`));

  await step('sign-in form', async () => {
    const fresh = await browser.newPage({ viewport: { width: 1360, height: 860 } });
    fresh.setDefaultTimeout(TIMEOUT);
    const unexpected = [];
    fresh.on('response', (r) => r.status() >= 400 && r.status() !== 401 && unexpected.push(`HTTP ${r.status()} for ${r.url()}`));
    await fresh.goto(`${args.url}/gui`);
    await fresh.locator('#login-token').waitFor();
    await shot(fresh, '00-sign-in');
    await fresh.fill('#login-token', args.token);
    await fresh.click('#login button[type="submit"]');
    await fresh.locator('.tile', { hasText: 'Zones online' }).waitFor();
    if ((await fresh.locator('#login').count()) !== 0) {
      throw new Error('the sign-in form stayed after a valid token');
    }
    if (unexpected.length) {
      throw new Error(`errors other than 401 before signing in: ${unexpected.join(' | ')}`);
    }
    await fresh.close();
  });

  await step('overview', async () => {
    await page.goto(`${args.url}/gui/#token=${encodeURIComponent(args.token)}`);
    await page.locator('.tile', { hasText: 'Zones online' }).waitFor();
    if (page.url().includes(args.token)) {
      throw new Error(`the token stayed in the address bar: ${page.url()}`);
    }
    await expectText(page.locator('.tile', { hasText: 'Zones online' }), `${zones.length} / ${zones.length}`);
    await shot(page, '01-overview');
  });

  await step('zones', async () => {
    await page.goto(`${args.url}/gui#/zones`);
    for (const zone of zones) {
      await expectText(page.locator(`tr[data-row="${zone}"] [data-state]`), 'Online');
    }
    await shot(page, '02-zones');
  });

  await step('zone detail', async () => {
    await page.click(`tr[data-row="${zones[0]}"] a`);
    await page.locator('h1', { hasText: `Zone ${zones[0]}` }).waitFor();
    await page.locator('h2', { hasText: 'KDS counters by resource type' }).waitFor();
    await page.locator('tr[data-row="Mesh"]').first().waitFor();
    await shot(page, '03-zone-detail');
  });

  await step('meshes', async () => {
    await page.click('[data-nav="meshes"]');
    await page.locator(`tr[data-row="${args.mesh}"]`).waitFor();
    await shot(page, '04-meshes');
  });

  await step('dataplanes', async () => {
    await page.click('[data-nav="dataplanes"]');
    const row = page.locator(`tr[data-row="${args.dataplane}"]`);
    await row.waitFor();
    await row.locator('[data-state]').waitFor();
    await shot(page, '05-dataplanes');
  });

  await step('dataplane policies', async () => {
    await page.click(`tr[data-row="${args.dataplane}"] a.strong`);
    await page.locator('h1', { hasText: `Dataplane ${args.dataplane}` }).waitFor();
    const matched = page.locator('section.card', { has: page.locator('h2', { hasText: 'Matched policies' }) });
    await matched.locator(`a[data-policy="${args.policy}"]`).waitFor();
    await expectText(matched, args['policy-type']);
    await shot(page, '06-dataplane-policies', { fullPage: true });
  });

  await step('policies', async () => {
    await page.click('[data-nav="policies"]');
    await page.locator(`tr[data-row="${args['policy-type']}/${args.policy}"]`).waitFor();
    await shot(page, '07-policies');
  });

  await step('policy yaml', async () => {
    await page.click(`tr[data-row="${args['policy-type']}/${args.policy}"] a.strong`);
    const yaml = page.locator('pre[data-yaml]').last();
    await expectText(yaml, `type: ${args['policy-type']}`);
    await expectText(yaml, `name: ${args.policy}`);
    const affected = page.locator('section.card', { has: page.locator('h2', { hasText: 'Affected dataplanes' }) });
    await affected.locator(`tr[data-row="${args.dataplane}"]`).waitFor();
    await shot(page, '08-policy-yaml', { fullPage: true });
  });

  if (consoleErrors.length) {
    fail('browser console', `errors in the page: ${consoleErrors.join(' | ')}`);
  }
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);

async function step(name, body) {
  if (failed) return;
  try {
    await body();
    console.log(`ok   ${name}`);
  } catch (e) {
    fail(name, e.message || String(e));
  }
}

function fail(name, message) {
  failed = true;
  console.error(`FAIL ${name}: ${message}`);
}

/** Waits (up to TIMEOUT) until the locator's first match contains the text. */
async function expectText(locator, text) {
  try {
    await locator.filter({ hasText: text }).first().waitFor({ timeout: TIMEOUT });
  } catch {
    const found = (await locator.first().textContent({ timeout: 1000 }).catch(() => '')) || '';
    throw new Error(`expected "${text}" in ${locator}, found "${found.slice(0, 300)}"`);
  }
}

async function shot(page, name, options = {}) {
  await page.screenshot({ path: join(args.out, `${name}.png`), ...options });
}

function parseArgs(argv) {
  const result = {};
  for (let i = 0; i < argv.length; i += 2) {
    if (!argv[i].startsWith('--')) {
      console.error(`unexpected argument ${argv[i]}`);
      process.exit(2);
    }
    result[argv[i].slice(2)] = argv[i + 1];
  }
  return result;
}
