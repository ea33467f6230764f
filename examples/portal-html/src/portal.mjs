// The example portal's backend (plain node:http): its own sign-in and session cookie, its pages and assets, and the
// one endpoint the embedded widgets need, `POST /portal/session-token`, which mints an FCO embed session for the
// signed-in admin with the portal's API key. The API key never leaves this process.
import { createServer } from 'node:http';
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FcoApiError, apiKeyScopes, bootstrapDemoApiKey, mintEmbedSession, verifyAdmin } from './fco-api.mjs';
import { SessionStore, clearedSessionCookie, sessionCookie, sessionIdFrom } from './sessions.mjs';
import { accountPage, adminPage, loginPage, preferencesFrom } from './pages.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const publicDir = join(here, '..', 'public');
/** `npm run build` writes the self-contained widgets script here; the portal serves it from its own origin. */
const defaultWidgetsDist = join(here, '..', '..', '..', 'packages', 'widgets', 'dist');

/**
 * What the portal lets an admin do in the embedded Admin page (its policy). Each admin gets the part of it their
 * FCO role allows and the API key may grant. Managing API keys stays out of the portal.
 * @type {import('@fco-admin/sdk').Schema<'Scope'>[]}
 */
export const PORTAL_SCOPES = [
  'customers:read', 'customers:write', 'users:read', 'users:write', 'resources:read', 'images:read', 'images:write',
  'invoices:read', 'invoices:write', 'billing-entities:read', 'billing-entities:write', 'products:read', 'products:write',
  'plugins:read', 'plugins:write', 'plugins:sign', 'reports:read', 'hardware:read', 'hardware:write', 'layout:read',
  'layout:write', 'audit:read',
];
/** Embed tokens live ten minutes; the widgets ask for a new one before that. */
const EMBED_TTL_SECONDS = 600;
const DEMO_PASSWORD = 'demo-password';
const MAX_FORM_BYTES = 10_000;

const contentTypes = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.map': 'application/json; charset=utf-8',
};

/**
 * @typedef {object} PortalOptions
 * @property {string} serverUrl the FCO Admin API (the reference server)
 * @property {number} [port] default 8788; 0 picks a free port
 * @property {string} [host] default 127.0.0.1
 * @property {string} [apiKey] the portal's API key; without it (demo) one is created by signing in as the licensee admin
 * @property {{ email: string, password: string }} [bootstrapAdmin] who creates the demo key (default admin@licensee.demo)
 * @property {string[]} [origins] the origins the portal is reached at (default http://127.0.0.1:PORT and http://localhost:PORT)
 * @property {boolean} [demo] adds `GET /demo-login?as=EMAIL`, signing in a demo admin without the form
 * @property {string} [widgetsDist] where fco-admin-widgets.bundle.js is
 * @property {string} [appDir] a built single-page front end (examples/portal-react/dist, built with base `/app/`):
 *   signed-in admins get its index.html at `/` and its files under `/app/`, and it asks `GET /portal/me` who is
 *   signed in; sign-in, sign-out and the session-token endpoint stay the same
 * @property {(line: string) => void} [log]
 */

/**
 * Starts the portal. Resolves once it listens; the API key is fetched in the background (and again on failure).
 * @param {PortalOptions} options
 */
export async function startPortal(options) {
  const serverUrl = new URL(options.serverUrl).origin;
  const log = options.log ?? (() => {});
  const sessions = new SessionStore();
  const widgetsDist = options.widgetsDist ?? defaultWidgetsDist;
  if (options.appDir && !existsSync(join(options.appDir, 'index.html'))) {
    throw new Error(`${options.appDir} has no index.html: build the front end first (npm run build)`);
  }
  /** @type {string[]} */
  let origins = [];

  /** @type {Promise<{ key: string, scopes: string[] }> | undefined} */
  let credential;
  /** The API key and what it may grant: the configured one, or (demo) a fresh one. Retried after a failure. */
  const apiCredential = () => {
    credential ??= (async () => {
      const key = options.apiKey
        ?? await bootstrapDemoApiKey(serverUrl, options.bootstrapAdmin ?? { email: 'admin@licensee.demo', password: DEMO_PASSWORD }, publicOrigin(), PORTAL_SCOPES);
      return { key, scopes: await apiKeyScopes(serverUrl, key) };
    })();
    credential.catch(() => { credential = undefined; });
    return credential;
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error) => {
      log(`portal: ${request.method} ${request.url}: ${error instanceof Error ? error.stack : error}`);
      if (!response.headersSent) send(response, 500, 'text/plain; charset=utf-8', 'The portal failed; see its log.');
      else response.destroy();
    });
  });

  /** @param {import('node:http').IncomingMessage} request @param {import('node:http').ServerResponse} response */
  async function handle(request, response) {
    setSecurityHeaders(response, serverUrl);
    const url = new URL(request.url ?? '/', 'http://portal.invalid');
    const origin = ownOrigin(request);
    if (!origin) return redirect(response, `${publicOrigin()}${url.pathname}`);
    const secure = origin.startsWith('https:');
    const sessionId = sessionIdFrom(request.headers.cookie);
    const session = sessions.get(sessionId);
    const look = preferencesFrom(request.headers.cookie);
    const route = `${request.method} ${url.pathname}`;

    if (request.method === 'POST' && request.headers.origin !== undefined && request.headers.origin !== origin) {
      return send(response, 403, 'text/plain; charset=utf-8', 'Cross-site request refused.');
    }
    if (request.method === 'GET' && url.pathname.startsWith('/assets/')) return serveAsset(response, url.pathname.slice('/assets/'.length));
    if (request.method === 'GET' && options.appDir && url.pathname.startsWith('/app/')) return serveAppFile(response, options.appDir, url.pathname.slice('/app/'.length));

    switch (route) {
      case 'GET /':
        if (!session) return redirect(response, '/login');
        if (options.appDir) return sendHtml(response, await readFile(join(options.appDir, 'index.html'), 'utf8'));
        return sendHtml(response, adminPage(look, session, serverUrl));
      case 'GET /account':
        if (!session) return redirect(response, '/login');
        return sendHtml(response, accountPage(look, session));
      case 'GET /login':
        if (session) return redirect(response, '/');
        return sendHtml(response, loginPage(look));
      case 'POST /login': {
        const form = await readForm(request);
        if (!form) return send(response, 413, 'text/plain; charset=utf-8', 'The form is too large.');
        const email = form.get('email')?.trim() ?? '';
        const outcome = await signIn(email, form.get('password') ?? '');
        if ('error' in outcome) return sendHtml(response, loginPage(look, { email, error: outcome.error }), outcome.status);
        sessions.delete(sessionId);
        response.setHeader('set-cookie', sessionCookie(sessions.create(outcome.session), secure));
        return redirect(response, '/');
      }
      case 'POST /logout':
        sessions.delete(sessionId);
        response.setHeader('set-cookie', clearedSessionCookie(secure));
        return redirect(response, '/login');
      case 'POST /portal/session-token':
        return sessionToken(response, session, origin);
      case 'GET /portal/me':
        response.setHeader('cache-control', 'no-store');
        if (!session) return sendJson(response, 401, { error: 'signed-out', message: 'Sign in to the portal first.' });
        return sendJson(response, 200, { name: session.name, email: session.email, billingEntityName: session.billingEntityName, apiUrl: serverUrl });
      case 'GET /demo-login':
        if (!options.demo) break;
        return demoLogin(response, url.searchParams, secure);
    }
    return send(response, 404, 'text/plain; charset=utf-8', 'Not found.');
  }

  /**
   * Checks the credentials with the FCO Admin API and works out what the admin may do in the portal.
   * @param {string} email @param {string} password
   * @returns {Promise<{ session: Omit<import('./sessions.mjs').PortalSession, 'expiresAt'> } | { error: 'failed' | 'notAllowed' | 'unavailable', status: number }>}
   */
  async function signIn(email, password) {
    if (!email || !password) return { error: 'failed', status: 400 };
    let principal;
    try {
      principal = await verifyAdmin(serverUrl, email, password);
    } catch (error) {
      if (!(error instanceof FcoApiError)) throw error;
      log(`portal: sign-in of ${email} refused: ${error.message}`);
      if (error.status === 403) return { error: 'notAllowed', status: 403 };
      if (error.status === 0 || error.status === 429 || error.status >= 500) return { error: 'unavailable', status: 503 };
      return { error: 'failed', status: 401 };
    }
    const userScopes = new Set(principal.scopes);
    return {
      session: {
        email: principal.user?.email ?? email,
        name: [principal.user?.firstName, principal.user?.lastName].filter(Boolean).join(' ') || email,
        billingEntityName: principal.billingEntity?.name ?? '',
        role: principal.role,
        scopes: PORTAL_SCOPES.filter((scope) => userScopes.has(scope)),
      },
    };
  }

  /**
   * The widgets' token: an embed session for the signed-in admin, bound to this portal's origin.
   * @param {import('node:http').ServerResponse} response @param {import('./sessions.mjs').PortalSession | undefined} session @param {string} origin
   */
  async function sessionToken(response, session, origin) {
    response.setHeader('cache-control', 'no-store');
    if (!session) return sendJson(response, 401, { error: 'signed-out', message: 'Sign in to the portal first.' });
    const mint = async () => {
      const { key, scopes: keyScopes } = await apiCredential();
      const scopes = session.scopes.filter((scope) => keyScopes.includes(scope));
      return mintEmbedSession(serverUrl, key, { userEmail: session.email, origin, scopes, ttlSeconds: EMBED_TTL_SECONDS });
    };
    try {
      try {
        return sendJson(response, 200, await mint());
      } catch (error) {
        // A revoked demo key is replaced once; a configured key that is refused needs its operator.
        if (!(error instanceof FcoApiError && error.status === 401 && !options.apiKey)) throw error;
        credential = undefined;
        return sendJson(response, 200, await mint());
      }
    } catch (error) {
      if (!(error instanceof FcoApiError)) throw error;
      log(`portal: no embed session for ${session.email}: ${error.message}`);
      const hint = error.code === 'origin_not_allowed'
        ? ` Add ${origin} to the billing entity's allowed origins (the demo seed allows http://127.0.0.1:8788 and http://localhost:8788).`
        : '';
      return sendJson(response, 502, { error: 'embed-session-failed', message: `${error.message}${hint}` });
    }
  }

  /**
   * Demo only (`--demo`): signs a demo admin in without the form, e.g. for screenshots; `lang=de` and `theme=dark`
   * preset the look the header's switches would otherwise choose.
   * @param {import('node:http').ServerResponse} response @param {URLSearchParams} query @param {boolean} secure
   */
  async function demoLogin(response, query, secure) {
    const email = query.get('as') ?? '';
    if (!/^[^@\s]+@(?:[a-z]+\.)+demo$/.test(email)) return send(response, 400, 'text/plain; charset=utf-8', 'demo-login needs ?as=<a demo admin, e.g. admin@alpha.demo>');
    const outcome = await signIn(email, DEMO_PASSWORD);
    if ('error' in outcome) return send(response, outcome.status, 'text/plain; charset=utf-8', `Demo sign-in failed: ${outcome.error}`);
    const cookies = [sessionCookie(sessions.create(outcome.session), secure)];
    if (query.get('lang') === 'de' || query.get('lang') === 'en') cookies.push(`portal_lang=${query.get('lang')}; Path=/; SameSite=Strict`);
    if (query.get('theme') === 'dark' || query.get('theme') === 'light') cookies.push(`portal_theme=${query.get('theme')}; Path=/; SameSite=Strict`);
    response.setHeader('set-cookie', cookies);
    return redirect(response, '/');
  }

  /** @param {import('node:http').ServerResponse} response @param {string} name */
  async function serveAsset(response, name) {
    // The widgets bundle and the chunks it loads lazily beside it (fco-admin-widgets.<name>-<hash>.js).
    const fromWidgets = name.startsWith('fco-admin-widgets.');
    if (!/^[a-z0-9][a-z0-9.-]*$/.test(name)) return send(response, 404, 'text/plain; charset=utf-8', 'Not found.');
    const file = join(fromWidgets ? widgetsDist : publicDir, name);
    const type = contentTypes[/** @type {keyof typeof contentTypes} */ (extname(name))];
    if (!type || !(await stat(file).catch(() => null))?.isFile()) {
      const hint = fromWidgets ? ' The widgets bundle is built by `npm run build` (or `npm start`).' : '';
      return send(response, 404, 'text/plain; charset=utf-8', `Not found.${hint}`);
    }
    response.setHeader('cache-control', 'no-cache');
    return send(response, 200, type, await readFile(file));
  }

  /** The portal's main origin (the first of its origins; known once it listens). */
  function publicOrigin() {
    const [first] = origins;
    if (!first) throw new Error('The portal is not listening yet.');
    return first;
  }

  /** The origin this request reached the portal at, if it is one of the portal's origins. */
  function ownOrigin(/** @type {import('node:http').IncomingMessage} */ request) {
    const forwarded = request.headers['x-forwarded-proto'] === 'https' ? 'https' : 'http';
    const candidate = `${forwarded}://${request.headers.host ?? ''}`;
    return origins.includes(candidate) ? candidate : undefined;
  }

  const host = options.host ?? '127.0.0.1';
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 8788, host, () => resolve(undefined));
  });
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  origins = options.origins?.map((o) => new URL(o).origin) ?? [`http://127.0.0.1:${address.port}`, `http://localhost:${address.port}`];
  apiCredential().then(
    ({ scopes }) => log(`portal: API key ready (${options.apiKey ? 'FCO_API_KEY' : 'demo key created as admin@licensee.demo'}; ${scopes.length} scopes)`),
    (error) => log(`portal: no API key yet (${error instanceof Error ? error.message : error}); retrying on the first sign-in`),
  );
  return {
    url: publicOrigin(),
    origins,
    port: address.port,
    close: () => new Promise((resolve) => {
      server.close(() => resolve(undefined));
      server.closeAllConnections();
    }),
  };
}

/**
 * A file of the single-page front end (`assets/index-Ab_1.js`): names as its bundler writes them, nothing else.
 * @param {import('node:http').ServerResponse} response @param {string} dir @param {string} name
 */
async function serveAppFile(response, dir, name) {
  const type = contentTypes[/** @type {keyof typeof contentTypes} */ (extname(name))];
  const file = join(dir, name);
  if (!/^(assets\/)?[A-Za-z0-9_-][A-Za-z0-9_.-]*$/.test(name) || !type || !(await stat(file).catch(() => null))?.isFile()) {
    return send(response, 404, 'text/plain; charset=utf-8', 'Not found.');
  }
  // Hashed names never change content.
  response.setHeader('cache-control', name.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
  return send(response, 200, type, await readFile(file));
}

/**
 * Every answer carries a strict CSP: scripts and styles only from the portal itself, API calls only to itself and the
 * FCO Admin API, and the page can't be framed.
 * @param {string} apiOrigin
 */
export function contentSecurityPolicy(apiOrigin) {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    `connect-src 'self' ${apiOrigin}`,
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** @param {import('node:http').ServerResponse} response @param {string} apiOrigin */
function setSecurityHeaders(response, apiOrigin) {
  response.setHeader('content-security-policy', contentSecurityPolicy(apiOrigin));
  response.setHeader('x-content-type-options', 'nosniff');
  // same-origin, not no-referrer: with no-referrer the browser sends `Origin: null` on the sign-in form's POST,
  // which the cross-site check below would refuse.
  response.setHeader('referrer-policy', 'same-origin');
  response.setHeader('cross-origin-opener-policy', 'same-origin');
}

/** @param {import('node:http').IncomingMessage} request @returns {Promise<URLSearchParams | undefined>} undefined when too large */
async function readForm(request) {
  let body = '';
  for await (const chunk of request) {
    body += chunk;
    if (body.length > MAX_FORM_BYTES) return undefined;
  }
  return new URLSearchParams(body);
}

/** @param {import('node:http').ServerResponse} response @param {number} status @param {string} type @param {string | Buffer} body */
function send(response, status, type, body) {
  response.writeHead(status, { 'content-type': type });
  response.end(body);
}

/** @param {import('node:http').ServerResponse} response @param {string} html @param {number} [status] */
function sendHtml(response, html, status = 200) {
  response.setHeader('cache-control', 'no-store');
  send(response, status, 'text/html; charset=utf-8', html);
}

/** @param {import('node:http').ServerResponse} response @param {number} status @param {unknown} body */
function sendJson(response, status, body) {
  send(response, status, 'application/json; charset=utf-8', JSON.stringify(body));
}

/** @param {import('node:http').ServerResponse} response @param {string} location */
function redirect(response, location) {
  response.writeHead(303, { location });
  response.end();
}
