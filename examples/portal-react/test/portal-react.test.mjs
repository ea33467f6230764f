// The React portal in Chromium against the real reference server, the same flow as the HTML portal's test: sign in
// through the portal's form, the Admin page embedded through @fco-admin/react shows real rows under the strict CSP,
// the portal's language switch reaches the provider as a prop, and signing out ends the widgets' session (the
// provider's onSessionExpired callback shows the banner). Runs on the built packages (`npm run build`: the app's dist/
// and the server's), without tsx: loading the server's TypeScript sources would cost more than the test itself.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, settled, signInWithForm, signOutElsewhere, startTour, watchAnswers } from '@fco-admin/example-portal-html/test/support/tour.mjs';

const appDir = fileURLToPath(new URL('../dist', import.meta.url));
const skip = !existsSync(`${appDir}/index.html`) ? 'the React portal is not built (npm run build)' : !existsSync(chromium) ? `no Chromium at ${chromium}` : false;

/** @type {Awaited<ReturnType<typeof startTour>> | undefined} */
let tour;
before(async () => {
  if (!skip) tour = await startTour({ customers: 40, appDir });
});
after(() => tour?.close());

test('sign in, see real rows under the CSP, switch language, sign out', { skip }, async () => {
  const { browser, origin } = /** @type {NonNullable<typeof tour>} */ (tour);
  const page = await browser.newPage();
  /** @type {string[]} */
  const problems = [];
  page.on('console', (message) => {
    // Failed requests are judged by the response handler below (the 401 after sign-out is expected).
    if ((message.type() === 'error' || message.type() === 'warn') && !message.text().startsWith('Failed to load resource')) problems.push(`${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(String(error)));
  const answers = watchAnswers(page, problems);
  await signInWithForm(page, origin, 'admin@beta.demo');

  await page.waitForFunction(() => document.querySelector('fco-admin-page')?.shadowRoot?.querySelector('[role="tab"]'), { timeout: 20_000, polling: 100 });
  const screen = await settled(page);
  assert.ok(screen.widgets.some((widget) => widget.shows === 'rows'), `no rows: ${JSON.stringify(screen.widgets)} ${problems.join(' | ')}`);
  assert.deepEqual(await page.evaluate(() => [document.querySelector('fco-admin-provider')?.status, document.querySelector('.who')?.textContent]),
    ['active', 'Beta Admin · Beta Hosting']);

  await page.select('#language', 'de');
  await page.waitForFunction(() => document.querySelector('h1')?.textContent === 'Verwaltung');
  assert.deepEqual(await page.evaluate(() => [document.documentElement.lang, document.querySelector('fco-admin-provider')?.locale]), ['de', 'de']);

  // Signed out of the portal in another tab: the next token request fails and the page says the session ended.
  await signOutElsewhere(browser, origin, page, answers);
  await page.waitForSelector('#session-ended', { visible: true, timeout: 10_000 });
  assert.equal(await page.evaluate(() => document.querySelector('fco-admin-provider')?.status), 'expired');

  assert.deepEqual(problems, []);
  await page.close();
});
