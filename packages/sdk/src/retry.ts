// When and how long to wait before trying a call again.
import { ApiError, NetworkError } from './errors.js';
import { parseRetryAfter } from './retry-after.js';

export interface RetryOptions {
  /** Attempts per call, the first included (default 3; 1 turns retrying off). */
  maxAttempts?: number;
  /** Backoff base: attempt n waits a random time up to base × 2^(n-1) ms ("full jitter"). Default 300. */
  baseDelayMs?: number;
  /** Upper bound of one backoff wait. Default 10 000. */
  maxDelayMs?: number;
  /** A Retry-After longer than this is not waited for: the error is thrown instead. Default 60 000. */
  maxRetryAfterMs?: number;
}

export type RetryPolicy = Required<RetryOptions>;

const definedOnly = <T extends object>(options: T): Partial<T> =>
  Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as Partial<T>;

export function retryPolicy(options: RetryOptions | false | undefined): RetryPolicy {
  const policy = {
    maxAttempts: 3,
    baseDelayMs: 300,
    maxDelayMs: 10_000,
    maxRetryAfterMs: 60_000,
    ...(options === false ? { maxAttempts: 1 } : definedOnly(options ?? {})),
  };
  if (!Number.isInteger(policy.maxAttempts) || policy.maxAttempts < 1) {
    throw new RangeError(`retry.maxAttempts must be a whole number ≥ 1, got ${policy.maxAttempts}`);
  }
  return policy;
}

const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'TRACE']);
const RETRYABLE_STATUSES = new Set([408, 429, 500, 502, 503, 504]);

/**
 * Whether repeating the request cannot apply it twice: idempotent methods, and creates that carry an
 * Idempotency-Key (the server replays the first result for the key).
 */
export function isRepeatable(method: string, headers: Headers): boolean {
  return IDEMPOTENT_METHODS.has(method) || (method === 'POST' && headers.has('idempotency-key'));
}

/**
 * Milliseconds to wait before attempt `attempt + 1`, or undefined when `error` must be thrown now.
 * A 429 is retried whatever the method: the server refused the request without acting on it.
 */
export function retryDelay(error: unknown, attempt: number, repeatable: boolean, policy: RetryPolicy): number | undefined {
  if (attempt >= policy.maxAttempts) return undefined;
  const retryable =
    error instanceof ApiError
      ? RETRYABLE_STATUSES.has(error.status) && (repeatable || error.status === 429)
      : error instanceof NetworkError && repeatable;
  if (!retryable) return undefined;
  if (error instanceof ApiError) {
    const retryAfter = parseRetryAfter(error.response?.headers.get('retry-after') ?? null);
    if (retryAfter !== undefined) return retryAfter <= policy.maxRetryAfterMs ? retryAfter : undefined;
  }
  return Math.random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
}

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
