/** What every request handler shares within one app: the store, the token signer, the clock and the options. */
import type { SignInPolicies } from '../identity/sign-in-throttle.js';
import type { TokenSigner } from '../identity/tokens.js';
import type { Store } from '../store/store.js';
import type { RateLimiter } from './rate-limit.js';

export interface AppServices {
  store: Store;
  signer: TokenSigner;
  rateLimiter: RateLimiter | null;
  now(): Date;
  /** Session token lifetime in seconds. */
  sessionTtlSeconds: number;
  signInPolicies: SignInPolicies;
  /** The client's address, for rate limits and idempotency of anonymous calls (runtime-specific). */
  clientAddress(c: import('hono').Context): string;
  log(message: string): void;
}
