// A tour of the example portal as a person takes it: a reference server (in memory, demo data) and the portal on free
// ports, Chromium, a demo admin signed in, each tab clicked in turn. Shared by the tab suite (portal-tabs.test.mjs)
// and `npm run screenshots`. Needs the widgets bundle (`npm run build`).
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { startServer } from '@fco-admin/server/node';
import { startPortal } from '../../src/portal.mjs';

export const bundle = fileURLToPath(new URL('../../../../packages/widgets/dist/fco-admin-widgets.bundle.js', import.meta.url));
export const chromium = process.env.CHROME_PATH ?? '/usr/bin/chromium';
/** Why the tour cannot run here, or false. */
export const cannotRun = !existsSync(bundle) ? 'the widgets bundle is not built (npm run build)' : !existsSync(chromium) ? `no Chromium at ${chromium}` : false;

/** The demo admins: the licensee, billing entities under it (Beta approves sign-ups by hand), and Alpha's child. */
export const DEMO_ADMINS = { licensee: 'admin@licensee.demo', alpha: 'admin@alpha.demo', beta: 'admin@beta.demo', kids: 'admin@kids.alpha.demo' };

async function freePort() {
  const probe = createServer();
  await new Promise((resolve) => probe.listen(0, '127.0.0.1', () => resolve(undefined)));
  const { port } = /** @type {import('node:net').AddressInfo} */ (probe.address());
  await new Promise((resolve) => probe.close(() => resolve(undefined)));
  return port;
}

/**
 * The server, the portal (demo sign-in on) and a browser; `appDir` serves a built front end (the React portal's).
 * @param {{ customers?: number, appDir?: string }} [options]
 */
export async function startTour({ customers = 120, appDir } = {}) {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  // Chromium starts while the server seeds: each takes seconds.
  const [api, browser] = await Promise.all([
    // Demo data leading up to today, as `npm start` seeds it (the Reports tab's default period then has data).
    startServer({ db: 'sqlite::memory:', port: 0, customers, extraOrigins: [origin], rateLimit: false, demoDate: new Date() }),
    puppeteer.launch({
      executablePath: chromium,
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-quic', '--disable-sync'],
    }),
  ]);
  const portal = await startPortal({ port, serverUrl: api.url, demo: true, ...(appDir ? { appDir } : {}) });
  return {
    origin,
    browser,
    async close() {
      await browser.close();
      await portal.close();
      await api.close();
    },
  };
}

/**
 * A page signed in as `email` through the portal's demo sign-in, with its console errors, page errors and failed
 * requests collected in `problems`.
 * @param {Awaited<ReturnType<typeof startTour>>} tour @param {string} email
 * @param {{ lang?: string, theme?: string, width?: number, height?: number }} [look]
 */
export async function signedIn(tour, email, { lang = 'en', theme = 'light', width = 1280, height = 900 } = {}) {
  const page = await tour.browser.newPage();
  await page.setViewport({ width, height });
  /** @type {string[]} */
  const problems = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page: ${String(error)}`));
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`${response.status()} ${response.request().method()} ${response.url()}`);
  });
  await page.goto(`${tour.origin}/demo-login?as=${encodeURIComponent(email)}&lang=${lang}&theme=${theme}`);
  await page.waitForFunction(() => document.querySelector('fco-admin-page')?.shadowRoot?.querySelector('[role="tab"]'), { timeout: 20_000, polling: 100 });
  return { page, problems };
}

/**
 * Runs in the page: the tabs as the user sees them.
 * @returns {{ id: string, title: string, selected: boolean }[]}
 */
function readTabs() {
  const root = document.querySelector('fco-admin-page')?.shadowRoot;
  return [...(root?.querySelectorAll('[role="tab"]') ?? [])].map((tab) => ({
    id: tab.getAttribute('data-tab') ?? '',
    title: tab.querySelector('span')?.textContent?.trim() ?? '',
    selected: tab.getAttribute('aria-selected') === 'true',
  }));
}

/** @param {import('puppeteer-core').Page} page */
export const tabsOf = (page) => page.evaluate(readTabs);

/**
 * Clicks a tab as a person does: the mouse, at the tab's place on screen.
 * @param {import('puppeteer-core').Page} page @param {string} tabId
 */
export async function clickTab(page, tabId) {
  const handle = await page.evaluateHandle((id) => document.querySelector('fco-admin-page')?.shadowRoot?.querySelector(`[role="tab"][data-tab="${id}"]`), tabId);
  const element = /** @type {import('puppeteer-core').ElementHandle<Element>} */ (handle.asElement());
  if (!element) throw new Error(`no tab ${tabId}`);
  await element.click();
}

/**
 * Runs in the page: what the container shows now. Each panel with whether it is on screen and its box; each widget
 * of the shown panel with what it displays: `rows`, `empty`, `chart`, `editor`, `loading`, or a problem (`unknown`,
 * `error`, `forbidden`, `expired`, `blank`).
 */
function readScreen() {
  const root = document.querySelector('fco-admin-page')?.shadowRoot;
  const panels = [...(root?.querySelectorAll('[role="tabpanel"]') ?? [])].map((panel) => {
    const box = panel.getBoundingClientRect();
    return { id: panel.id.replace(/^panel-/, ''), visible: panel.checkVisibility(), height: box.height, width: box.width };
  });
  /** Everything matching `selector` inside `node`'s shadow roots, all the way down. @param {Element} node @param {string} selector */
  const deep = (node, selector) => {
    /** @type {Element[]} */
    const found = [];
    /** @param {ShadowRoot} shadow */
    const visit = (shadow) => {
      found.push(...shadow.querySelectorAll(selector));
      for (const element of shadow.querySelectorAll('*')) if (element.shadowRoot) visit(element.shadowRoot);
    };
    if (node.shadowRoot) visit(node.shadowRoot);
    return found;
  };
  const shown = root?.querySelector('[role="tabpanel"]:not([hidden])');
  const widgets = [...(shown?.querySelectorAll(':scope > [data-widget]') ?? [])].map((frame) => {
    const type = frame.getAttribute('data-type') ?? '';
    const title = frame.querySelector('h2')?.textContent?.trim() ?? '';
    const box = frame.getBoundingClientRect();
    const element = frame.querySelector(':scope > :not(header)');
    /** @type {string} */
    let shows = 'blank';
    if (frame.querySelector('[data-unknown-widget]')) shows = 'unknown';
    else if (element) {
      const visible = (/** @type {Element} */ e) => e.checkVisibility();
      const state = deep(element, '[data-state]').filter(visible).map((e) => e.getAttribute('data-state'))[0];
      if (deep(element, '[part~="row"]').some(visible)) shows = 'rows';
      else if (deep(element, 'canvas, svg.chart').some(visible)) shows = 'chart';
      else if (deep(element, '.cm-editor').some(visible)) shows = 'editor';
      else if (state) shows = state;
    }
    return { type, title, shows, height: box.height, visible: frame.checkVisibility() };
  });
  return { panels, widgets, pageHeight: document.documentElement.scrollHeight };
}

/** @param {import('puppeteer-core').Page} page */
export const screenOf = (page) => page.evaluate(readScreen);

/**
 * Waits until every widget of the shown panel has left its loading state (or the time is up); resolves to the screen.
 * @param {import('puppeteer-core').Page} page
 */
export async function settled(page, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const screen = await screenOf(page);
    const waiting = screen.widgets.filter((w) => w.shows === 'loading' || w.shows === 'blank');
    if (waiting.length === 0 || Date.now() > deadline) return screen;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Records failed answers a page gets into `problems`; after `signedOut()`, the portal's 401 to the widgets' next
 * token request is the expected outcome, not a problem.
 * @param {import('puppeteer-core').Page} page @param {string[]} problems
 */
export function watchAnswers(page, problems) {
  let signedOut = false;
  page.on('response', (response) => {
    const expected = signedOut && response.status() === 401 && response.url().endsWith('/portal/session-token');
    if (response.status() >= 400 && !expected) problems.push(`${response.status()} ${response.request().method()} ${response.url()}`);
  });
  return { signedOut: () => { signedOut = true; } };
}

/**
 * Signs in as a person does: the portal sends a visitor without a session to its form, which leads back to `/`.
 * @param {import('puppeteer-core').Page} page @param {string} origin @param {string} email
 */
export async function signInWithForm(page, origin, email) {
  await page.goto(`${origin}/`);
  assert.equal(new URL(page.url()).pathname, '/login');
  await page.type('input[name="email"]', email);
  await page.type('input[name="password"]', 'demo-password');
  await Promise.all([page.waitForNavigation(), page.click('button[type="submit"]')]);
  assert.equal(new URL(page.url()).pathname, '/', await page.evaluate(() => document.body.innerText));
}

/**
 * Signs the admin out of the portal in another tab, then has the page's provider start again: its token request now
 * fails (an expected 401 from here on), and the provider reports the session expired.
 * @param {import('puppeteer-core').Browser} browser @param {string} origin @param {import('puppeteer-core').Page} page
 * @param {ReturnType<typeof watchAnswers>} answers
 */
export async function signOutElsewhere(browser, origin, page, answers) {
  const other = await browser.newPage();
  await other.goto(`${origin}/`);
  await Promise.all([other.waitForNavigation(), other.click('form[action="/logout"] button')]);
  await other.close();
  answers.signedOut();
  await page.evaluate(() => document.querySelector('fco-admin-provider')?.restart());
}
