/**
 * Sign-in throttling, per account and per client address, kept in the database so that every instance sharing it
 * counts together.
 *
 * Each attempt is counted before its password is checked, so a burst of parallel guesses cannot slip past the count:
 * the first `free` attempts of a window pass, and from then on each attempt that passes locks the key for a time
 * that doubles with every further attempt (429 with Retry-After until it ends). A locked key refuses every attempt
 * without checking the password — the right password included, so a lock is never cut short by the password it
 * protects — and refused attempts are not counted. An attempt whose password was right is taken back out of the
 * count (with the lock it set in advance); for the account it also clears the window's earlier failures, but never a
 * lock that another attempt set. The address count is never cleared by a success, or an attacker's own account would
 * reset it. Accounts are keyed by the email as typed (lower case), known or not: an unknown email is throttled, and
 * answered, exactly like a known one.
 */
import { sql } from 'kysely';
import { ApiProblem } from '../http/problem.js';
import type { Db } from '../store/database.js';
import { createIndex, createTable, type Migration } from '../store/schema.js';

export interface ThrottlePolicy {
  /** Attempts per window that pass without a lock. */
  free: number;
  /** The first lock; each further attempt doubles it, up to `maxLockSeconds`. */
  baseLockSeconds: number;
  maxLockSeconds: number;
  /** Counts start afresh after this long (longer than the longest lock, so waiting one out does not reset them). */
  windowSeconds: number;
}

export const ACCOUNT_POLICY: ThrottlePolicy = { free: 5, baseLockSeconds: 30, maxLockSeconds: 15 * 60, windowSeconds: 60 * 60 };
/** Higher: several people may sign in from one address (an office behind one NAT). */
export const ADDRESS_POLICY: ThrottlePolicy = { free: 30, baseLockSeconds: 30, maxLockSeconds: 15 * 60, windowSeconds: 60 * 60 };

const TABLE = 'sign_in_throttle';

export const signInThrottleMigration: Migration = {
  name: 'sign-in-throttle',
  async up(db, dialect) {
    await createTable(db, dialect, TABLE, {
      key: { type: 'text', primaryKey: true },
      attempts: { type: 'integer', notNull: true },
      window_start: { type: 'timestamp', notNull: true },
      // '' when not locked: ISO timestamps and '' compare as text on both dialects.
      locked_until: { type: 'timestamp', notNull: true },
    });
    await createIndex(db, TABLE, ['window_start']);
  },
};

export interface SignInPolicies {
  account: ThrottlePolicy;
  address: ThrottlePolicy;
}

export const DEFAULT_SIGN_IN_POLICIES: SignInPolicies = { account: ACCOUNT_POLICY, address: ADDRESS_POLICY };

/** How long the `attempts`-th attempt of a window locks the key for (0: it is one of the free ones). */
export function lockSeconds(policy: ThrottlePolicy, attempts: number): number {
  if (attempts <= policy.free) return 0;
  return Math.min(policy.maxLockSeconds, policy.baseLockSeconds * 2 ** Math.min(30, attempts - policy.free - 1));
}

/** One counted attempt on one key: what to take back if the password turns out right. */
interface Claim {
  key: string;
  /** The lock this attempt set in advance, or '' if none. */
  lockedUntil: string;
}

type ClaimResult = { claim: Claim } | { retryAfterSeconds: number };

async function claim(db: Db, key: string, policy: ThrottlePolicy, forgetBefore: string, now: Date): Promise<ClaimResult> {
  const at = now.toISOString();
  const windowCutoff = new Date(now.getTime() - policy.windowSeconds * 1000).toISOString();
  return db.transaction().execute(async (tx) => {
    // Keys whose window ended and that hold no lock are forgotten (a spray of made-up emails leaves nothing behind).
    await tx.deleteFrom(TABLE).where('window_start', '<', forgetBefore).where('locked_until', '<=', at).execute();
    await tx
      .insertInto(TABLE)
      .values({ key, attempts: 0, window_start: at, locked_until: '' })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
    // Counts only while unlocked; the row lock this takes orders parallel attempts on the key (PostgreSQL), and
    // SQLite runs one transaction at a time.
    const counted = await sql<{ attempts: number }>`
      update ${sql.table(TABLE)}
      set attempts = case when window_start < ${windowCutoff} then 1 else attempts + 1 end,
          window_start = case when window_start < ${windowCutoff} then ${at} else window_start end
      where key = ${key} and locked_until <= ${at}
      returning attempts`.execute(tx);
    const attempts = counted.rows[0]?.attempts;
    if (attempts === undefined) {
      const row = await tx.selectFrom(TABLE).select('locked_until').where('key', '=', key).executeTakeFirst();
      const until = Date.parse(String(row?.locked_until ?? ''));
      return { retryAfterSeconds: Math.max(1, Math.ceil((until - now.getTime()) / 1000)) };
    }
    const seconds = lockSeconds(policy, Number(attempts));
    if (seconds === 0) return { claim: { key, lockedUntil: '' } };
    const lockedUntil = new Date(now.getTime() + seconds * 1000).toISOString();
    await tx.updateTable(TABLE).set({ locked_until: lockedUntil }).where('key', '=', key).execute();
    return { claim: { key, lockedUntil } };
  });
}

/** Takes an attempt back out of the count, with the lock it set in advance (a lock set by another attempt stays). */
async function takeBack(db: Db, claimed: Claim): Promise<void> {
  await sql`
    update ${sql.table(TABLE)}
    set attempts = case when attempts > 0 then attempts - 1 else 0 end,
        locked_until = case when locked_until = ${claimed.lockedUntil} then '' else locked_until end
    where key = ${claimed.key}`.execute(db);
}

/** After the right password: the account's count starts afresh, unless another attempt holds a lock on it now. */
async function clearAccount(db: Db, claimed: Claim, now: Date): Promise<void> {
  await sql`
    update ${sql.table(TABLE)}
    set attempts = case when locked_until = ${claimed.lockedUntil} or locked_until <= ${now.toISOString()} then 0 else attempts - 1 end,
        locked_until = case when locked_until = ${claimed.lockedUntil} then '' else locked_until end
    where key = ${claimed.key}`.execute(db);
}

function tooManyAttempts(retryAfterSeconds: number): ApiProblem {
  return new ApiProblem('rate_limited', {
    detail: `Too many sign-in attempts; try again in ${retryAfterSeconds} s.`,
    headers: { 'Retry-After': String(retryAfterSeconds) },
  });
}

export interface SignInAttempt {
  /** The password was right: take this attempt back out of both counts. */
  succeeded(): Promise<void>;
}

/**
 * Counts a sign-in attempt for the email and the client address, or throws 429 `rate_limited` (with Retry-After)
 * when either is locked. A wrong password needs nothing more: the attempt is already counted.
 */
export async function beginSignIn(db: Db, policies: SignInPolicies, email: string, address: string, now: Date): Promise<SignInAttempt> {
  const longestWindow = Math.max(policies.account.windowSeconds, policies.address.windowSeconds);
  const forgetBefore = new Date(now.getTime() - longestWindow * 1000).toISOString();
  const byAddress = await claim(db, `address:${address}`, policies.address, forgetBefore, now);
  if ('retryAfterSeconds' in byAddress) throw tooManyAttempts(byAddress.retryAfterSeconds);
  const byAccount = await claim(db, `account:${email.toLowerCase()}`, policies.account, forgetBefore, now);
  if ('retryAfterSeconds' in byAccount) {
    // The password was never checked: this attempt is not one of the address's failures.
    await takeBack(db, byAddress.claim);
    throw tooManyAttempts(byAccount.retryAfterSeconds);
  }
  return {
    async succeeded() {
      await takeBack(db, byAddress.claim);
      await clearAccount(db, byAccount.claim, now);
    },
  };
}
