// The example portal end to end against the real reference server: its own sign-in, the embed session it mints for
// the signed-in admin, that token accepted from the portal's origin only, and the page's CSP.
// Run: cd examples/portal-html && npm test   (node --conditions=development --import tsx --test test/*.test.mjs)
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { startServer } from '@fco-admin/server/node';
import { startPortal } from '../src/portal.mjs';

/** A port nobody listens on now: the portal's origin must be known before the server seeds its allowed origins. */
async function freePort() {
  const probe = createServer();
  await new Promise((resolve) => probe.listen(0, '127.0.0.1', () => resolve(undefined)));
  const { port } = /** @type {import('node:net').AddressInfo} */ (probe.address());
  await new Promise((resolve) => probe.close(() => resolve(undefined)));
  return port;
}

/** @type {Awaited<ReturnType<typeof startServer>>} */
let api;
/** @type {Awaited<ReturnType<typeof startPortal>>} */
let portal;
let portalOrigin = '';

before(async () => {
  const port = await freePort();
  portalOrigin = `http://127.0.0.1:${port}`;
  api = await startServer({ db: 'sqlite::memory:', port: 0, customers: 50, extraOrigins: [portalOrigin], rateLimit: false });
  portal = await startPortal({ port, serverUrl: api.url });
});

after(async () => {
  await portal?.close();
  await api?.close();
});

/** Signs in through the portal's form; returns the answer (with its Set-Cookie). @param {string} email */
async function signIn(email, password = 'demo-password') {
  return fetch(`${portalOrigin}/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: portalOrigin },
    body: new URLSearchParams({ email, password }),
    redirect: 'manual',
  });
}

/** The cookie pair (`name=value`) from a sign-in answer. @param {Response} response */
function cookieOf(response) {
  const [pair = ''] = (response.headers.get('set-cookie') ?? '').split(';');
  return pair;
}

/** @param {string} cookie */
async function sessionToken(cookie) {
  return fetch(`${portalOrigin}/portal/session-token`, { method: 'POST', headers: { cookie, origin: portalOrigin } });
}

test('the page is served with a strict CSP and no inline script or style', async () => {
  const response = await fetch(`${portalOrigin}/login`);
  assert.equal(response.status, 200);
  const csp = response.headers.get('content-security-policy') ?? '';
  assert.match(csp, /default-src 'self'/);
  assert.match(csp, /script-src 'self'(;|$)/);
  assert.match(csp, /style-src 'self'(;|$)/);
  assert.match(csp, new RegExp(`connect-src 'self' ${api.url.replace(/[.]/g, '\\.')}(;|$)`));
  assert.match(csp, /img-src 'self' data:/);
  assert.doesNotMatch(csp, /unsafe-/);
  const html = await response.text();
  assert.doesNotMatch(html, /<script(?![^>]*\ssrc=)[^>]*>/, 'every script has a src');
  assert.doesNotMatch(html, /<style|\sstyle=/, 'no inline styles');
});

test('without a portal session there is no token and the Admin page redirects to the sign-in', async () => {
  const token = await sessionToken('');
  assert.equal(token.status, 401);
  const page = await fetch(`${portalOrigin}/`, { redirect: 'manual' });
  assert.equal(page.status, 303);
  assert.equal(page.headers.get('location'), '/login');
});

test('the demo sign-in shortcut exists only in --demo mode', async () => {
  const response = await fetch(`${portalOrigin}/demo-login?as=admin@alpha.demo`, { redirect: 'manual' });
  assert.equal(response.status, 404);
  assert.equal(response.headers.get('set-cookie'), null);
});

test('a wrong password is refused by the portal and sets no cookie', async () => {
  const response = await signIn('admin@alpha.demo', 'not-the-password');
  assert.equal(response.status, 401);
  assert.equal(response.headers.get('set-cookie'), null);
});

test('an admin whose billing entity has no Admin page cannot sign in to it', async () => {
  const response = await signIn('admin@gamma.demo');
  assert.equal(response.status, 403);
  assert.equal(response.headers.get('set-cookie'), null);
});

test('the admin of a child billing entity (Alpha Kids, Admin page on) signs in', async () => {
  const response = await signIn('admin@kids.alpha.demo');
  assert.equal(response.status, 303);
  assert.match(response.headers.get('set-cookie') ?? '', /HttpOnly/);
});

test('a cross-site form post is refused', async () => {
  const response = await fetch(`${portalOrigin}/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
    body: new URLSearchParams({ email: 'admin@alpha.demo', password: 'demo-password' }),
    redirect: 'manual',
  });
  assert.equal(response.status, 403);
});

test('admin@alpha.demo signs in; the embed token works from the portal origin only', async () => {
  const login = await signIn('admin@alpha.demo');
  assert.equal(login.status, 303);
  assert.equal(login.headers.get('location'), '/');
  const setCookie = login.headers.get('set-cookie') ?? '';
  assert.match(setCookie, /HttpOnly/);
  assert.match(setCookie, /SameSite=Strict/);
  const cookie = cookieOf(login);

  const page = await fetch(`${portalOrigin}/`, { headers: { cookie } });
  assert.equal(page.status, 200);
  const html = await page.text();
  assert.match(html, /<fco-admin-provider[^>]*base-url="http:\/\/127\.0\.0\.1:\d+"/);
  assert.match(html, /<fco-admin-page/);
  assert.match(html, /<script type="module" src="\/assets\/fco-admin-widgets\.bundle\.js">/);

  const grant = await sessionToken(cookie);
  assert.equal(grant.status, 200);
  assert.equal(grant.headers.get('cache-control'), 'no-store');
  const { token, expiresAt } = await grant.json();
  assert.equal(typeof token, 'string');
  const lifetime = new Date(expiresAt).getTime() - Date.now();
  assert.ok(lifetime > 500_000 && lifetime <= 600_000, `ten minutes, not ${lifetime} ms`);

  const fromPortal = await fetch(`${api.url}/v1/me`, { headers: { authorization: `Bearer ${token}`, origin: portalOrigin } });
  assert.equal(fromPortal.status, 200);
  assert.equal(fromPortal.headers.get('access-control-allow-origin'), portalOrigin);
  const me = await fromPortal.json();
  assert.equal(me.user.email, 'admin@alpha.demo');
  assert.equal(me.tokenType, 'EMBED');
  assert.equal(me.origin, portalOrigin);
  assert.ok(me.scopes.includes('customers:read'));
  assert.ok(!me.scopes.includes('hardware:read'), 'a BE admin gets no hardware scope');
  assert.ok(!me.scopes.includes('embed-sessions:create'));

  const fromElsewhere = await fetch(`${api.url}/v1/me`, { headers: { authorization: `Bearer ${token}`, origin: 'https://evil.example' } });
  assert.equal(fromElsewhere.status, 401);
  assert.equal(fromElsewhere.headers.get('access-control-allow-origin'), null);

  const logout = await fetch(`${portalOrigin}/logout`, { method: 'POST', headers: { cookie, origin: portalOrigin }, redirect: 'manual' });
  assert.equal(logout.status, 303);
  assert.match(logout.headers.get('set-cookie') ?? '', /Max-Age=0/);
  assert.equal((await sessionToken(cookie)).status, 401, 'the portal session is gone after logout');
});

test('the licensee admin gets the licensee-only scopes through the portal', async () => {
  const cookie = cookieOf(await signIn('admin@licensee.demo'));
  const grant = await sessionToken(cookie);
  assert.equal(grant.status, 200);
  const { token } = await grant.json();
  const me = await (await fetch(`${api.url}/v1/me`, { headers: { authorization: `Bearer ${token}`, origin: portalOrigin } })).json();
  assert.equal(me.role, 'LICENSEE_ADMIN');
  assert.ok(me.scopes.includes('hardware:read'));
  assert.ok(me.scopes.includes('audit:read'), 'the default Platform tab\'s audit log can read the trail');
});

test('the portal serves its assets and the widgets bundle from its own origin', async () => {
  for (const asset of ['portal.js', 'portal-text.js', 'portal.css', 'logo.svg']) {
    const response = await fetch(`${portalOrigin}/assets/${asset}`);
    assert.equal(response.status, 200, asset);
  }
  assert.equal((await fetch(`${portalOrigin}/assets/..%2Fsrc%2Fportal.mjs`)).status, 404);
  const bundle = await fetch(`${portalOrigin}/assets/fco-admin-widgets.bundle.js`);
  if (bundle.status === 404) assert.match(await bundle.text(), /npm run build/);
  else {
    assert.match(bundle.headers.get('content-type') ?? '', /text\/javascript/);
    // The chunks the bundle loads lazily (the code editor, the charts) are served beside it.
    const chunks = [...(await bundle.text()).matchAll(/import\("\.\/(fco-admin-widgets\.[\w.-]+\.js)"\)/g)].map((m) => m[1]);
    assert.ok(chunks.length >= 2, `lazy chunks named in the bundle: ${chunks.join(', ')}`);
    for (const chunk of chunks) {
      const response = await fetch(`${portalOrigin}/assets/${chunk}`);
      assert.equal(response.status, 200, chunk);
      assert.match(response.headers.get('content-type') ?? '', /text\/javascript/);
    }
  }
});
