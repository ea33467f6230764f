/**
 * In-memory fixed-window rate limit per principal (its bearer credential) or client address. One instance per app;
 * several server instances each count on their own, which is what an in-memory limiter can promise.
 */
export interface RateLimitOptions {
  /** Requests per window (default 600). */
  limit: number;
  /** Window length in seconds (default 60). */
  windowSeconds: number;
}

export interface RateLimitDecision {
  limit: number;
  remaining: number;
  resetSeconds: number;
  allowed: boolean;
}

export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();
  private lastSweep = 0;

  constructor(readonly options: RateLimitOptions) {}

  take(key: string, nowMs: number): RateLimitDecision {
    const windowMs = this.options.windowSeconds * 1000;
    this.sweep(nowMs, windowMs);
    let window = this.windows.get(key);
    if (!window || nowMs - window.start >= windowMs) {
      window = { start: nowMs, count: 0 };
      this.windows.set(key, window);
    }
    window.count++;
    const allowed = window.count <= this.options.limit;
    return {
      limit: this.options.limit,
      remaining: Math.max(0, this.options.limit - window.count),
      resetSeconds: Math.max(0, Math.ceil((window.start + windowMs - nowMs) / 1000)),
      allowed,
    };
  }

  /** Drops finished windows now and then so the map stays as small as the set of active callers. */
  private sweep(nowMs: number, windowMs: number): void {
    if (nowMs - this.lastSweep < windowMs) return;
    this.lastSweep = nowMs;
    for (const [key, window] of this.windows) if (nowMs - window.start >= windowMs) this.windows.delete(key);
  }
}
