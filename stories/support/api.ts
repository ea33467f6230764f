/// <reference types="vite/client" />
/**
 * The stories' way into the REAL reference server that `npm run storybook` starts (scripts/storybook.mjs): its URL,
 * tokens by signing in as the demo admins (`POST /v1/sessions`), and embed tokens limited to some scopes minted the
 * way a portal backend does (an API key, `POST /v1/embed-sessions`).
 */
import type { TokenGrant } from '@fco-admin/sdk';

export const API_URL: string = import.meta.env.STORYBOOK_FCO_API_URL ?? 'http://127.0.0.1:8790';
export const DEMO_PASSWORD = 'demo-password';

/** The demo admins of the seed: the licensee, two billing entities' admins (Beta approves signups by hand). */
export const admins = {
  licensee: 'admin@licensee.demo',
  alpha: 'admin@alpha.demo',
  beta: 'admin@beta.demo',
} as const;
export type Admin = keyof typeof admins;

interface SessionAnswer {
  token: string;
  expiresAt: string;
}

async function post<T>(path: string, body: unknown, token?: string): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`${API_URL}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
  } catch {
    throw new Error(`The reference server at ${API_URL} does not answer: start Storybook with \`npm run storybook\`.`);
  }
  if (!response.ok) throw new Error(`POST ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** A session token of a demo admin: what `fetchSessionToken` returns in these stories. */
export async function signIn(admin: Admin): Promise<TokenGrant> {
  const session = await post<SessionAnswer>('/v1/sessions', { email: admins[admin], password: DEMO_PASSWORD });
  return { token: session.token, expiresAt: session.expiresAt };
}

const sessions = new Map<Admin, Promise<{ token: string; expiresAt: string }>>();
/**
 * `fetchSessionToken` for a demo admin, one per story. Its first answer is the admin's shared sign-in while that has
 * a minute left (signing in hashes a password on the server: a page of stories would spend most of its time on it);
 * any later ask (after a 401, or near expiry) signs in afresh.
 */
export const sessionOf = (admin: Admin) => {
  let asked = false;
  return async (): Promise<TokenGrant> => {
    if (!asked) {
      asked = true;
      const shared = await sessions.get(admin)?.catch(() => undefined);
      if (shared && Date.parse(shared.expiresAt) - Date.now() > 60_000) return shared;
    }
    const fresh = signIn(admin) as Promise<{ token: string; expiresAt: string }>;
    sessions.set(admin, fresh);
    return fresh;
  };
};

let embedKey: Promise<string> | undefined;
/** One API key per story page (created by the licensee admin), as a portal backend would hold. */
function apiKey(): Promise<string> {
  embedKey ??= (async () => {
    const { token } = (await signIn('licensee')) as SessionAnswer;
    const created = await post<{ secret: string }>('/v1/api-keys', {
      name: 'Storybook embed sessions',
      scopes: ['embed-sessions:create', 'customers:read', 'customers:write', 'users:read', 'users:write', 'layout:read', 'layout:write', 'plugins:read'],
    }, token);
    return created.secret;
  })();
  embedKey.catch(() => (embedKey = undefined));
  return embedKey;
}

/**
 * `fetchSessionToken` for an embed session of `admin` limited to `scopes` and bound to Storybook's origin: how a
 * portal gives an admin less than their role allows (and how the forbidden state is reached).
 */
export const embedSessionOf = (admin: Admin, scopes: string[]) => async (): Promise<TokenGrant> => {
  const session = await post<SessionAnswer>('/v1/embed-sessions', {
    userEmail: admins[admin],
    origin: location.origin,
    scopes,
    ttlSeconds: 600,
  }, await apiKey());
  return { token: session.token, expiresAt: session.expiresAt };
};

/**
 * `fetchSessionToken` whose first token the server has already revoked (signed in, then `DELETE /v1/sessions/current`)
 * and which then fails like a host whose user signed out: the provider ends in the session-expired state.
 */
export const revokedSessionOf = (admin: Admin) => {
  let handedOut = false;
  return async (): Promise<TokenGrant> => {
    if (handedOut) throw new Error('The host signed the user out.');
    handedOut = true;
    const grant = (await signIn(admin)) as SessionAnswer;
    await fetch(`${API_URL}/v1/sessions/current`, { method: 'DELETE', headers: { authorization: `Bearer ${grant.token}` } });
    return grant;
  };
};
