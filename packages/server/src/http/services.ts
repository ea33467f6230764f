/** What every request handler shares within one app: the store, the token signer, the clock and the options. */
import type { BillingTree } from '../identity/billing-tree.js';
import type { SignInAttempt, SignInPolicies } from '../identity/sign-in-throttle.js';
import type { TokenSigner } from '../identity/tokens.js';
import type { Store } from '../store/store.js';
import type { RateLimiter } from './rate-limit.js';

export interface AppServices {
  store: Store;
  signer: TokenSigner;
  /** The billing entity tree as it is now (read once per change; see identity/billing-tree.ts). */
  billingTree(): Promise<BillingTree>;
  rateLimiter: RateLimiter | null;
  now(): Date;
  /** Session token lifetime in seconds. */
  sessionTtlSeconds: number;
  signInPolicies: SignInPolicies;
  /** Counts a sign-in attempt for an email and a client address, or throws 429 (identity/sign-in-throttle.ts). */
  beginSignIn(email: string, address: string, now: Date): Promise<SignInAttempt>;
  /** The client's address, for rate limits and idempotency of anonymous calls (runtime-specific). */
  clientAddress(c: import('hono').Context): string;
  log(message: string): void;
  /** Timings of the change stream (GET /v1/changes); tests shorten them. */
  changeStream: ChangeStreamTimings;
}

export interface ChangeStreamTimings {
  /** A comment goes out after this long without anything else (default 15 s). */
  keepAliveMs: number;
  /** The caller's token is checked again this often; a token no longer good enough ends the stream (default 15 s). */
  recheckMs: number;
}
