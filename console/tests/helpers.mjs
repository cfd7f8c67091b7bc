// Shared by the browser tests: the server (CONSOLE_BASE_URL), Debian's chromium through playwright-core
// (never a downloaded browser), sign-in as a seeded user, the API as the tests check it, axe-core and
// screenshots (console/target/screenshots/).
import { mkdtempSync, mkdirSync, rmSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const here = dirname(fileURLToPath(import.meta.url));
export const SCREENSHOTS = join(here, '..', 'target', 'screenshots');
mkdirSync(SCREENSHOTS, { recursive: true });

export const BASE = (process.env.CONSOLE_BASE_URL || 'http://localhost:3000').replace(/\/$/, '');

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'];

/** A fresh browser (its own profile folder) and one page; close() removes both. */
export async function openBrowser({ width = 1280, height = 900 } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'console-test-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ARGS,
    viewport: { width, height },
  });
  context.setDefaultTimeout(15000);
  const page = context.pages()[0] || await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e));
  return {
    context,
    page,
    errors,
    async close() {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// ---- the API, as a test checks it ------------------------------------------------------------------

let localInfo;
export async function local() {
  if (!localInfo) localInfo = await (await fetch(`${BASE}/local`)).json();
  return localInfo;
}

/** The seeded user of a role in the demo tenant. */
export async function seeded(role, tenantId = 'demo') {
  const tenant = (await local()).tenants.find((t) => t.tenantId === tenantId);
  const user = (tenant.users || []).find((u) => u.role === role);
  if (!user) throw new Error(`No seeded ${role} in ${tenantId}`);
  return user;
}

const tokens = new Map();
export async function tokenFor(userId, tenantId = 'demo') {
  if (!tokens.has(userId)) {
    const res = await fetch(`${BASE}/local/tokens`, { method: 'POST', body: JSON.stringify({ tenantId, userId }) });
    tokens.set(userId, (await res.json()).token);
  }
  return tokens.get(userId);
}

/** A call to the API as the given user (default: the demo Global Admin): {status, json, headers}. */
export async function apiAs(userId, path, { method = 'GET', body, headers = {} } = {}) {
  const token = await tokenFor(userId);
  const res = await fetch(`${BASE}${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(body ? { 'Content-Type': 'application/json' } : {}), ...headers },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null, headers: res.headers };
}

export async function admin() { return seeded('GLOBAL_ADMIN'); }

export async function api(path, options) {
  return apiAs((await admin()).userId, path, options);
}

/** The demo tenant's user with this username, as the API holds them (null when there is none). */
export async function userByUsername(username) {
  const res = await api(`/users?q=${encodeURIComponent(username)}`);
  return res.json.items.find((u) => u.username === username.toLowerCase()) || null;
}

let counter = 0;
/** A username no other test uses. */
export function uniqueEmail(prefix) {
  counter += 1;
  return `${prefix}.${Date.now().toString(36)}${counter}@example.com`;
}

/** Creates a user through the API (for tests whose story starts with one). */
export async function createUser(fields) {
  const res = await api('/users', { method: 'POST', body: fields });
  assert.equal(res.status, 201, JSON.stringify(res.json));
  return res.json;
}

// ---- the page ---------------------------------------------------------------------------------------

/** Signs in on the local sign-in page as the seeded user of `role`, and waits for the console. */
export async function signIn(page, role = 'GLOBAL_ADMIN') {
  const user = await seeded(role);
  await page.goto(`${BASE}/#/login`);
  await page.getByRole('combobox', { name: 'User' }).click();
  await page.getByRole('option', { name: new RegExp(`^${user.name} —`) }).click();
  await page.getByRole('button', { name: 'Sign in' }).click();
  // The user menu: labelled with the user's name (on a narrow screen, an icon labelled Profile).
  await page.getByRole('button', { name: new RegExp(`${user.name}|^Profile$`) }).first().waitFor();
  return user;
}

/** Picks an option of a select (MUI) by the select's label. */
export async function choose(page, label, option, scope = page) {
  await scope.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option, exact: typeof option === 'string' }).click();
}

/** axe-core on the page as it is: no violations of WCAG 2.x A/AA. */
export async function checkA11y(page, name) {
  if (!(await page.evaluate(() => !!window.axe))) await page.addScriptTag({ content: AXE_SOURCE });
  const result = await page.evaluate(() => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    resultTypes: ['violations'],
  }));
  const violations = result.violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.slice(0, 5).map((n) => n.target.join(' ')).join('\n    ')}`);
  assert.deepEqual(violations, [], `axe on ${name}:\n${violations.join('\n')}`);
}

export async function screenshot(page, name) {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Screenshot and axe of one screen. */
export async function screen(page, name) {
  await page.waitForLoadState('networkidle').catch(() => {});
  // react-admin's loading spinners are transient: wait them out.
  await page.locator('[role="progressbar"]').first().waitFor({ state: 'detached', timeout: 5000 }).catch(() => {});
  await screenshot(page, name);
  await checkA11y(page, name);
}

export { assert };
