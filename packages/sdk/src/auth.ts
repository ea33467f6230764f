// Bearer tokens for the client: a fixed token, or a provider the client asks again before expiry and after a 401.

/** What a token provider returns: the token, optionally with when it expires (Date, epoch ms or RFC 3339). */
export type TokenGrant = string | { token: string; expiresAt?: Date | number | string };
export type TokenProvider = () => Promise<TokenGrant>;
export type Auth = string | TokenProvider;

/** Tokens are renewed this long before they expire, so a request never leaves with a token about to lapse. */
const DEFAULT_REFRESH_SKEW_MS = 30_000;

interface CurrentToken {
  token: string;
  expiresAt: number;
}

function toCurrentToken(grant: TokenGrant): CurrentToken {
  if (typeof grant === 'string') return { token: grant, expiresAt: Number.POSITIVE_INFINITY };
  if (typeof grant?.token !== 'string' || grant.token === '') {
    throw new TypeError('The auth provider must resolve to a token string or { token, expiresAt }');
  }
  const expiresAt = grant.expiresAt === undefined ? Number.POSITIVE_INFINITY : new Date(grant.expiresAt).getTime();
  if (Number.isNaN(expiresAt)) throw new TypeError(`The auth provider returned an unreadable expiresAt: ${String(grant.expiresAt)}`);
  return { token: grant.token, expiresAt };
}

export interface TokenSource {
  /** A token that is not about to expire. */
  get(): Promise<string>;
  /**
   * The server rejected `rejected`: a new token to retry with, or undefined when there is no way to get one
   * (a fixed token). Calls that fail with the same token share one provider call.
   */
  renewAfterRejection(rejected: string): Promise<string | undefined>;
}

export function tokenSource(auth: Auth, refreshSkewMs = DEFAULT_REFRESH_SKEW_MS): TokenSource {
  if (typeof auth === 'string') {
    if (auth === '') throw new TypeError('auth must be a non-empty token or a token provider');
    return { get: async () => auth, renewAfterRejection: async () => undefined };
  }
  if (typeof auth !== 'function') throw new TypeError('auth must be a token string or a function returning a token');

  let current: CurrentToken | undefined;
  let pending: Promise<CurrentToken> | undefined;

  // Single flight: however many calls need a token at once, the provider is asked once.
  const refresh = (): Promise<CurrentToken> => {
    pending ??= (async () => {
      try {
        current = toCurrentToken(await auth());
        return current;
      } finally {
        pending = undefined;
      }
    })();
    return pending;
  };

  return {
    async get() {
      if (pending) return (await pending).token; // a renewal after a 401 may be under way: the old token is refused
      if (current && Date.now() < current.expiresAt - refreshSkewMs) return current.token;
      return (await refresh()).token;
    },
    async renewAfterRejection(rejected) {
      if (pending) return (await pending).token;
      if (current && current.token !== rejected) return current.token; // another call already renewed it
      current = undefined;
      return (await refresh()).token;
    },
  };
}
