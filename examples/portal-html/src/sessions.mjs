// The portal's own sign-in sessions: a random id in an httpOnly, SameSite=Strict cookie, the rest in this process's
// memory. The page's scripts never see the cookie, and no other site's page can make the browser send it.
import { randomBytes } from 'node:crypto';

export const COOKIE_NAME = 'portal_session';
const SESSION_HOURS = 8;

/**
 * @typedef {object} PortalSession
 * @property {string} email
 * @property {string} name
 * @property {string} billingEntityName
 * @property {string} role
 * @property {string[]} scopes what the portal lets this admin do in the embedded Admin page
 * @property {number} expiresAt epoch ms
 */

export class SessionStore {
  /** @type {Map<string, PortalSession>} */
  #sessions = new Map();

  /** @param {Omit<PortalSession, 'expiresAt'>} data @returns {string} the new session id */
  create(data) {
    const id = randomBytes(32).toString('base64url');
    this.#sessions.set(id, { ...data, expiresAt: Date.now() + SESSION_HOURS * 3600_000 });
    return id;
  }

  /** @param {string | undefined} id @returns {PortalSession | undefined} */
  get(id) {
    if (!id) return undefined;
    const session = this.#sessions.get(id);
    if (session && session.expiresAt <= Date.now()) {
      this.#sessions.delete(id);
      return undefined;
    }
    return session;
  }

  /** @param {string | undefined} id */
  delete(id) {
    if (id) this.#sessions.delete(id);
  }
}

/** @param {string | undefined} header @returns {string | undefined} the session id from a Cookie header */
export function sessionIdFrom(header) {
  for (const part of (header ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === COOKIE_NAME) return value.join('=');
  }
  return undefined;
}

/** @param {string} id @param {boolean} secure @returns {string} the Set-Cookie value that signs in */
export function sessionCookie(id, secure) {
  return `${COOKIE_NAME}=${id}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${SESSION_HOURS * 3600}${secure ? '; Secure' : ''}`;
}

/** @param {boolean} secure @returns {string} the Set-Cookie value that signs out */
export function clearedSessionCookie(secure) {
  return `${COOKIE_NAME}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0${secure ? '; Secure' : ''}`;
}
