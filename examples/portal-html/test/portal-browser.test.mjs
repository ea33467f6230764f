// The example portal in Chromium against the real reference server: sign in through the form, the embedded Admin
// page loads real rows under the strict CSP (no violation), the header's colour-scheme and language switches reach
// the provider, the parts of the bundle loaded on demand (German, a record's dialog, the layout editor) load under
// the same CSP, and signing out of the portal ends the widgets' session. Needs the widgets bundle (`npm run build`).
// Run: cd examples/portal-html && npm test
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { startServer } from '@fco-admin/server/node';
import { startPortal } from '../src/portal.mjs';
import { signInWithForm, signOutElsewhere, watchAnswers } from './support/tour.mjs';

const bundle = fileURLToPath(new URL('../../../packages/widgets/dist/fco-admin-widgets.bundle.js', import.meta.url));
const chromium = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const skip = !existsSync(bundle) ? 'the widgets bundle is not built (npm run build)' : !existsSync(chromium) ? `no Chromium at ${chromium}` : false;

async function freePort() {
  const probe = createServer();
  await new Promise((resolve) => probe.listen(0, '127.0.0.1', () => resolve(undefined)));
  const { port } = /** @type {import('node:net').AddressInfo} */ (probe.address());
  await new Promise((resolve) => probe.close(() => resolve(undefined)));
  return port;
}

/** @type {Awaited<ReturnType<typeof startServer>>} */ let api;
/** @type {Awaited<ReturnType<typeof startPortal>>} */ let portal;
/** @type {import('puppeteer-core').Browser} */ let browser;
let origin = '';

before(async () => {
  if (skip) return;
  const port = await freePort();
  origin = `http://127.0.0.1:${port}`;
  api = await startServer({ db: 'sqlite::memory:', port: 0, customers: 60, extraOrigins: [origin], rateLimit: false });
  portal = await startPortal({ port, serverUrl: api.url });
  browser = await puppeteer.launch({
    executablePath: chromium,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
});

after(async () => {
  await browser?.close();
  await portal?.close();
  await api?.close();
});

/**
 * Runs in the page (passed as a function, not a string: the page's CSP forbids eval): how many data rows the
 * embedded widgets show, through every shadow root.
 */
function rowCount() {
  let count = 0;
  /** @param {Document | ShadowRoot} node */
  const walk = (node) => {
    count += node.querySelectorAll('[part~="row"]').length;
    for (const element of node.querySelectorAll('*')) if (element.shadowRoot) walk(element.shadowRoot);
  };
  walk(document);
  return count;
}

test('sign in, see real rows under the CSP, switch scheme and language, open a record and customise, sign out', { skip }, async () => {
  const page = await browser.newPage();
  /** @type {string[]} */
  const problems = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(String(error)));
  const answers = watchAnswers(page, problems);
  await signInWithForm(page, origin, 'admin@beta.demo');

  const rows = async () => {
    try {
      await page.waitForFunction(rowCount, { timeout: 20_000, polling: 100 });
    } catch (error) {
      const status = await page.evaluate(() => document.querySelector('fco-admin-provider')?.status);
      throw new Error(`no rows (provider ${status}; ${problems.join(' | ')}): ${error}`);
    }
  };
  await rows();
  assert.equal(await page.evaluate(() => document.querySelector('fco-admin-provider')?.status), 'active');

  await page.click('#theme-toggle');
  assert.deepEqual(await page.evaluate(() => [document.documentElement.dataset['theme'], document.querySelector('fco-admin-provider')?.colorScheme]), ['dark', 'dark']);
  await page.select('#language', 'de');
  assert.deepEqual(await page.evaluate(() => [document.documentElement.lang, document.querySelector('fco-admin-provider')?.locale, document.querySelector('h1')?.textContent]), ['de', 'de', 'Verwaltung']);

  // The choices are remembered for the next page the backend renders.
  await page.reload();
  assert.deepEqual(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dataset['theme']]), ['de', 'dark']);
  await rows();

  // What loads on demand comes from beside the bundle under the same CSP: the German messages, a record's dialog,
  // the layout editor.
  await page.waitForFunction(() => document.querySelector('fco-admin-page')?.shadowRoot?.querySelector('[role="tab"][aria-selected="true"]')?.textContent?.includes('Kunden'), { timeout: 10_000 });
  await page.evaluate(() => {
    const customers = document.querySelector('fco-admin-page')?.shadowRoot?.querySelector('fco-customers');
    const table = customers?.shadowRoot?.querySelector('fco-data-table');
    table?.shadowRoot?.querySelector('[part~="row"] [role="gridcell"]:not(.check)')?.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
  });
  const dialogText = () => {
    const dialog = document.querySelector('fco-admin-page')?.shadowRoot?.querySelector('fco-customers')?.shadowRoot?.querySelector('dialog[open]');
    return dialog?.querySelector('h2') && dialog.querySelector('[data-action="close"]') ? dialog.querySelector('[data-action="close"]')?.textContent?.trim() : undefined;
  };
  await page.waitForFunction(dialogText, { timeout: 10_000, polling: 100 });
  assert.equal(await page.evaluate(dialogText), 'Schließen');
  await page.evaluate(() => document.querySelector('fco-admin-page')?.shadowRoot?.querySelector('fco-customers')?.shadowRoot?.querySelector('dialog')?.close());
  await page.evaluate(() => document.querySelector('fco-admin-page')?.shadowRoot?.querySelector('[data-action="customise"]')?.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true })));
  const toolbarSave = () => document.querySelector('fco-admin-page')?.shadowRoot?.querySelector('[part~="toolbar"] [data-action="save"]')?.textContent?.trim();
  await page.waitForFunction(toolbarSave, { timeout: 10_000, polling: 100 });
  assert.equal(await page.evaluate(toolbarSave), 'Speichern');
  await page.evaluate(() => document.querySelector('fco-admin-page')?.shadowRoot?.querySelector('[part~="toolbar"] [data-action="cancel"]')?.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true })));

  // Signed out of the portal (in another tab, say): the next token request fails and the widgets say the session ended.
  await signOutElsewhere(browser, origin, page, answers);
  await page.waitForFunction(() => !document.getElementById('session-ended')?.hidden, { timeout: 10_000 });
  assert.equal(await page.evaluate(() => document.querySelector('fco-admin-provider')?.status), 'expired');

  assert.deepEqual(problems, []);
  await page.close();
});
