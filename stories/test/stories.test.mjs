// Smoke test of the Storybook: builds it (offline, like `npm run build-storybook`) against a reference server started
// here, serves the static build, opens every story in Chromium and checks it shows the state its name promises —
// populated rows, loading, empty, error (and that Retry then loads the real list), forbidden, session expired, and
// the states a person reaches using a widget (a code editor open, a syntax error on its line, a run under way, a
// record's edit form, the server's 422 on a field, a confirmation, a 409 refusal, the merge view, a locked field, ...).
// A play function that throws fails its story.
// Run from the repository root: npm run test:stories   (about a minute)
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { startServer } from '@fco-admin/server/node';

const root = fileURLToPath(new URL('../..', import.meta.url));
const outDir = mkdtempSync(join(tmpdir(), 'fco-storybook-'));
const chromium = process.env.CHROME_PATH ?? '/usr/bin/chromium';

async function freePort() {
  const probe = createNetServer();
  await new Promise((resolve) => probe.listen(0, '127.0.0.1', () => resolve(undefined)));
  const { port } = /** @type {import('node:net').AddressInfo} */ (probe.address());
  await new Promise((resolve) => probe.close(() => resolve(undefined)));
  return port;
}

/**
 * Serves the static build (what `npm run build-storybook` writes).
 * @param {string} dir @param {number} port @returns {Promise<import('node:http').Server>}
 */
function serveStatic(dir, port) {
  const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml', '.woff2': 'font/woff2' };
  const server = createServer((request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    const file = join(dir, path.endsWith('/') ? `${path}index.html` : path);
    try {
      if (!statSync(file).isFile()) throw new Error('not a file');
      response.writeHead(200, { 'content-type': types[/** @type {keyof typeof types} */ (extname(file))] ?? 'application/octet-stream' });
      response.end(readFileSync(file));
    } catch {
      response.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

/** @type {Awaited<ReturnType<typeof startServer>>} */ let api;
/** @type {import('node:http').Server} */ let site;
/** @type {import('puppeteer-core').Browser} */ let browser;
let siteUrl = '';
/** @type {{ id: string, name: string, title: string, importPath: string }[]} */ let stories = [];

before(async () => {
  const port = await freePort();
  siteUrl = `http://127.0.0.1:${port}`;
  api = await startServer({ db: 'sqlite::memory:', port: 0, rateLimit: false, extraOrigins: [siteUrl] });
  const started = Date.now();
  const build = spawnSync(process.execPath, [join(root, 'node_modules/storybook/dist/bin/dispatcher.js'), 'build', '--quiet', '--output-dir', outDir], {
    cwd: root,
    env: { ...process.env, STORYBOOK_FCO_API_URL: api.url },
    encoding: 'utf8',
    timeout: 180_000,
  });
  assert.equal(build.status, 0, `storybook build failed:\n${build.stdout}\n${build.stderr}`);
  console.log(`storybook build: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  site = await serveStatic(outDir, port);
  const index = JSON.parse(readFileSync(join(outDir, 'index.json'), 'utf8'));
  stories = Object.values(index.entries).filter((entry) => entry.type === 'story');
  browser = await puppeteer.launch({
    executablePath: chromium,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
});

after(async () => {
  await browser?.close();
  await new Promise((resolve) => (site ? site.close(() => resolve(undefined)) : resolve(undefined)));
  await api?.close();
  rmSync(outDir, { recursive: true, force: true });
});

/**
 * What a story must show, by its name. `selector` is looked for through every shadow root; `tabs` are the container's
 * tab titles that must (or must not) be there.
 * @param {string} name
 * @returns {{ selector: string, also?: string, retry?: boolean, absent?: string, tab?: { has: boolean, title: string } }}
 */
function expectation(name) {
  const rows = '[part~="row"]';
  if (/Loading|Waiting/.test(name)) return { selector: '[data-state="loading"]' };
  if (/Empty/.test(name)) return { selector: '[data-state="empty"]' };
  if (/Load Failed/.test(name)) return { selector: '[data-state="error"]', retry: true };
  if (/Forbidden/.test(name)) return { selector: '[data-state="forbidden"]' };
  if (/Session Expired|Token Callback Fails/.test(name)) return { selector: '[data-state="expired"]' };
  if (/Customising/.test(name)) return { selector: 'button[data-action="cancel"]' };
  if (/Read Only Layout/.test(name)) return { selector: rows, absent: 'button[data-action="customise"]' };
  // Widgets in use (stories/plugins.stories.ts, stories/reports-states.stories.ts): their play functions act.
  if (/Editor Open/.test(name)) return { selector: 'form fco-code-editor .cm-content' };
  if (/Syntax Error On Its Line/.test(name)) return { selector: 'form .cm-lintRange-error' };
  if (/Draft Against Signed/.test(name)) return { selector: '[data-field="signedCode"] .cm-content', also: 'details.code-changes tr.added' };
  if (/Read Only Without Write/.test(name)) return { selector: '[data-field="unsignedCode"] .cm-content[aria-readonly="true"]', absent: '[data-action="fdl-code-block-edit"]' };
  if (/Signing As Licensee/.test(name)) return { selector: 'button[data-action="confirm"]' };
  if (/No Sign For/.test(name)) return { selector: 'button[data-action="fdl-code-block-edit"]', absent: '[data-action="fdl-code-block-sign"]' };
  if (/Password Set/.test(name)) return { selector: 'form input[data-field="values/apiKey"][type="password"]' };
  if (/Server Error On Its Field|Input Errors/.test(name)) return { selector: 'form .field-error' };
  if (/Truncated/.test(name)) return { selector: '[data-state="truncated"]' };
  if (/Run In Progress/.test(name)) return { selector: 'button[data-action="run"][disabled]', also: '[data-state="loading"]' };
  if (/Run Failed|Export Failed/.test(name)) return { selector: '.error-text' };
  // The record dialog every acting widget shares (stories/record-dialog.stories.ts): its play functions act.
  if (/Detail Open/.test(name)) return { selector: 'dialog[open] button[data-action$="-edit"]:not([disabled])', absent: 'dialog[open] form' };
  if (/Edit Form Open/.test(name)) return { selector: 'dialog[open] form button[data-action="save"]:not([disabled])', absent: 'dialog[open] :is(.field-error, [data-conflict])' };
  if (/Server Errors On Their Fields/.test(name)) return { selector: 'dialog[open] form [aria-invalid="true"] ~ .field-error' };
  if (/Delete Confirmation/.test(name)) return { selector: 'dialog[open] button.danger[data-action="confirm"]' };
  if (/Refused/.test(name)) return { selector: 'dialog[open] .error-text[role="alert"]', absent: 'dialog[open] [data-action="confirm"]' };
  if (/Merge View/.test(name)) return { selector: 'dialog[open] form [data-conflict]' };
  if (/Locked/.test(name)) return { selector: 'dialog[open] form [data-field]:disabled[aria-describedby$="-locked"]' };
  if (/Licensee Admin/.test(name)) return { selector: rows, tab: { has: true, title: 'Hardware' } };
  if (/Billing Entity Admin/.test(name)) return { selector: rows, tab: { has: false, title: 'Hardware' } };
  return { selector: rows };
}

/**
 * Runs in the page: every element matching `selector` in the document and all shadow roots.
 * @param {string} selector @returns {Element[]}
 */
function deepQueryAll(selector) {
  /** @type {Element[]} */
  const found = [];
  /** @param {Document | ShadowRoot} node */
  const walk = (node) => {
    found.push(...node.querySelectorAll(selector));
    for (const element of node.querySelectorAll('*')) if (element.shadowRoot) walk(element.shadowRoot);
  };
  walk(document);
  return found;
}

test('no story is named Error (it would shadow the global Error)', () => {
  assert.ok(stories.length > 0);
  assert.ok(stories.every((story) => story.name !== 'Error' && !story.id.endsWith('--error')));
});

test('every widget has every state', () => {
  // stories/widgets/ holds one file per widget of the registry (npm test checks it against the registry).
  const widgetTitles = [...new Set(stories.filter((story) => story.importPath.startsWith('./stories/widgets/')).map((story) => story.title))];
  assert.ok(widgetTitles.length >= 17, `widget stories: ${widgetTitles.join(', ')}`);
  for (const title of [...widgetTitles, 'Container/fco-admin-page']) {
    const names = stories.filter((story) => story.title === title).map((story) => story.name);
    for (const state of ['Loading', 'Load Failed', 'Forbidden', 'Session Expired']) assert.ok(names.includes(state), `${title}: ${state}`);
    if (title !== 'Container/fco-admin-page') for (const state of ['Populated', 'Empty', 'Dark German']) assert.ok(names.includes(state), `${title}: ${state}`);
  }
});

/** Pages open at once: stories wait on the server far more than on the two cores. */
const PAGES = 4;

test('every story shows its state against the real server', { concurrency: PAGES }, async (t) => {
  /** @type {{ page: import('puppeteer-core').Page, problems: string[] }[]} */
  const idle = [];
  for (let i = 0; i < PAGES; i++) {
    const page = await browser.newPage();
    await page.setViewport({ width: 1200, height: 800 });
    // Storybook's preview loads once per page; stories are then switched inside it (as its manager does), which
    // takes a fraction of a full page load.
    await page.goto(`${siteUrl}/iframe.html?viewMode=story`, { waitUntil: 'load' });
    await page.waitForFunction(() => Boolean(/** @type {any} */ (window).__STORYBOOK_PREVIEW__?.storyStoreValue), { timeout: 30_000 });
    /** @type {string[]} */
    const problems = [];
    page.on('pageerror', (error) => problems.push(String(error)));
    page.on('console', (message) => {
      if (/Multiple versions of Lit/.test(message.text())) problems.push(message.text());
    });
    idle.push({ page, problems });
  }
  /** @type {((tab: { page: import('puppeteer-core').Page, problems: string[] }) => void)[]} */
  const waiting = [];
  const take = () => new Promise((resolve) => (idle.length ? resolve(idle.pop()) : waiting.push(resolve)));
  const give = (/** @type {{ page: import('puppeteer-core').Page, problems: string[] }} */ tab) => (waiting.length ? waiting.shift()?.(tab) : idle.push(tab));
  await Promise.all(stories.map((story) => t.test(`${story.title} — ${story.name}`, async () => {
    const tab = /** @type {{ page: import('puppeteer-core').Page, problems: string[] }} */ (await take());
    const { page, problems } = tab;
    try {
      problems.length = 0;
      const expected = expectation(story.name);
      await page.evaluate((id) => new Promise((resolve, reject) => {
        const w = /** @type {any} */ (window);
        const channel = w.__STORYBOOK_ADDONS_CHANNEL__;
        const done = (/** @type {unknown} */ event) => {
          channel.off('storyRendered', rendered);
          channel.off('storyErrored', errored);
          channel.off('storyThrewException', errored);
          channel.off('playFunctionThrewException', errored);
          if (event instanceof Error || (event && typeof event === 'object' && 'message' in event)) reject(new Error(String(/** @type {any} */ (event).message)));
          else resolve(undefined);
        };
        const rendered = () => done(undefined);
        const errored = (/** @type {unknown} */ error) => done(error ?? new Error('story failed'));
        channel.on('storyRendered', rendered);
        channel.on('storyErrored', errored);
        channel.on('storyThrewException', errored);
        channel.on('playFunctionThrewException', errored);
        channel.emit('setCurrentStory', { storyId: id, viewMode: 'story' });
      }), story.id);
      const shows = (/** @type {string} */ selector) => page.waitForFunction(
        (fn, sel) => new Function(`return (${fn})`)()(sel).length > 0, { timeout: 15_000, polling: 100 }, deepQueryAll.toString(), selector,
      );
      await shows(expected.selector);
      if (expected.also) await shows(expected.also);
      if (expected.retry) {
        // Find and press Retry in one step: the panel is re-rendered by then in a slower second step.
        await page.waitForFunction((fn) => {
          const [button] = new Function(`return (${fn})`)()('[data-state="error"] button');
          button?.click();
          return Boolean(button);
        }, { timeout: 15_000, polling: 100 }, deepQueryAll.toString());
        await shows('[part~="row"]');
      }
      if (expected.absent) {
        const count = await page.evaluate((fn, sel) => new Function(`return (${fn})`)()(sel).length, deepQueryAll.toString(), expected.absent);
        assert.equal(count, 0, `${expected.absent} should not be there`);
      }
      const { tab: tabTitle } = expected;
      if (tabTitle) {
        /** @type {string[]} */
        const titles = await page.evaluate(
          (fn) => new Function(`return (${fn})`)()('[role="tab"]').map((/** @type {Element} */ element) => (element.textContent ?? '').trim()),
          deepQueryAll.toString(),
        );
        assert.equal(titles.some((title) => title.startsWith(tabTitle.title)), tabTitle.has, `tabs: ${titles.join(', ')}`);
      }
      assert.deepEqual(problems, []);
    } finally {
      give(tab);
    }
  })));
  for (const { page } of idle) await page.close();
});
