// The portal backend's calls to the FCO Admin API, server to server, with plain `fetch`: a licensee backend in any
// language makes the same few HTTP calls. Failures become one error type carrying the problem+json answer.

/** A failed call to the FCO Admin API: `status` and the problem's stable `code` (RFC 9457 body) when there is one. */
export class FcoApiError extends Error {
  /** @param {string} message @param {number} status @param {string | undefined} code */
  constructor(message, status, code) {
    super(message);
    this.name = 'FcoApiError';
    this.status = status;
    this.code = code;
  }
}

/**
 * One call: JSON in, JSON out (undefined for 204), an FcoApiError for anything but 2xx.
 * @param {string} serverUrl @param {string} method @param {string} path
 * @param {{ token?: string, body?: unknown, headers?: Record<string, string> }} [options]
 */
async function call(serverUrl, method, path, { token, body, headers = {} } = {}) {
  let response;
  try {
    response = await fetch(new URL(path, serverUrl), {
      method,
      headers: {
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(15_000),
    });
  } catch (error) {
    throw new FcoApiError(`The FCO Admin API at ${serverUrl} did not answer (${error instanceof Error ? error.message : error})`, 0, undefined);
  }
  if (response.status === 204) return undefined;
  const text = await response.text();
  /** @type {any} */
  let json;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  if (!response.ok) {
    const detail = json?.detail ?? json?.title ?? (text.slice(0, 200) || response.statusText);
    throw new FcoApiError(`${method} ${path}: ${response.status} ${detail}`, response.status, json?.code);
  }
  return json;
}

/** @typedef {import('@fco-admin/sdk').Schema<'SessionToken'>} SessionToken the spec's answer to a sign-in or an embed session */

/**
 * Checks an admin's email and password with the FCO Admin API and signs the session out again at once: the portal
 * keeps its own session and never the FCO token. Resolves to the principal (who, role, scopes).
 * @param {string} serverUrl @param {string} email @param {string} password
 */
export async function verifyAdmin(serverUrl, email, password) {
  /** @type {SessionToken} */
  const session = await call(serverUrl, 'POST', '/v1/sessions', { body: { email, password } });
  await call(serverUrl, 'DELETE', '/v1/sessions/current', { token: session.token }).catch(() => {});
  return session.principal;
}

/**
 * The scopes an API key holds (its `GET /v1/me`): the portal can delegate no more than these.
 * @param {string} serverUrl @param {string} apiKey @returns {Promise<string[]>}
 */
export async function apiKeyScopes(serverUrl, apiKey) {
  const me = await call(serverUrl, 'GET', '/v1/me', { token: apiKey });
  return me.scopes ?? [];
}

/**
 * Demo only: signs in as the licensee admin, revokes the key an earlier run of the same portal (same origin) created,
 * and creates a fresh API key that may mint embed sessions with `scopes`. The secret stays in this process's memory.
 * @param {string} serverUrl @param {{ email: string, password: string }} admin @param {string} portalOrigin @param {string[]} scopes
 * @returns {Promise<string>} the key's secret
 */
export async function bootstrapDemoApiKey(serverUrl, admin, portalOrigin, scopes) {
  const name = `Example portal ${portalOrigin} (demo key)`;
  /** @type {SessionToken} */
  const session = await call(serverUrl, 'POST', '/v1/sessions', { body: admin });
  try {
    const earlier = await call(serverUrl, 'GET', `/v1/api-keys?${new URLSearchParams({ filter: `name = ${JSON.stringify(name)} AND revoked = false`, pageSize: '100' })}`, { token: session.token });
    for (const key of earlier.items ?? []) await call(serverUrl, 'DELETE', `/v1/api-keys/${key.id}`, { token: session.token }).catch(() => {});
    const created = await call(serverUrl, 'POST', '/v1/api-keys', {
      token: session.token,
      body: { name, scopes: ['embed-sessions:create', ...scopes] },
    });
    return created.secret;
  } finally {
    await call(serverUrl, 'DELETE', '/v1/sessions/current', { token: session.token }).catch(() => {});
  }
}

/**
 * Mints an embed session for one admin: bound to the portal's origin, limited to `scopes`, valid `ttlSeconds`. The
 * answer goes to the widgets whole: besides the token it names the admin (no `GET /v1/me` before the first rows) and
 * where the change stream stood (the stream can open after the first pages without missing a change).
 * @param {string} serverUrl @param {string} apiKey
 * @param {{ userEmail: string, origin: string, scopes: string[], ttlSeconds: number }} request
 * @returns {Promise<SessionToken>}
 */
export async function mintEmbedSession(serverUrl, apiKey, request) {
  return call(serverUrl, 'POST', '/v1/embed-sessions', { token: apiKey, body: request });
}
