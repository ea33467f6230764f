/**
 * Idempotency-Key on creates: the first response for (principal, key) is stored in the database and replayed for
 * 24 hours; the same key with another request is 422 `idempotency_key_reused`.
 */
import { canonicalJson, sha256Hex } from '../store/crypto.js';
import type { Store } from '../store/store.js';
import { ApiProblem } from './problem.js';

const TTL_MS = 24 * 60 * 60 * 1000;

export interface StoredResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export async function requestFingerprint(operationId: string, path: string, body: unknown): Promise<string> {
  return sha256Hex(`${operationId}\n${path}\n${canonicalJson(body ?? null)}`);
}

export async function findReplay(store: Store, principal: string, key: string, fingerprint: string, now: Date): Promise<StoredResponse | null> {
  const row = await store.db.selectFrom('idempotency_keys').selectAll().where('principal', '=', principal).where('key', '=', key).executeTakeFirst();
  if (!row) return null;
  if (now.getTime() - Date.parse(String(row.created_at)) > TTL_MS) {
    await store.db.deleteFrom('idempotency_keys').where('principal', '=', principal).where('key', '=', key).execute();
    return null;
  }
  if (row.request_hash !== fingerprint) {
    throw new ApiProblem('idempotency_key_reused', {
      detail: 'This Idempotency-Key was used for a different request; use a new key for a new request.',
      errors: [{ location: 'header', pointer: 'Idempotency-Key', code: 'idempotency_key_reused', message: 'used with another request' }],
    });
  }
  return { status: Number(row.status), headers: JSON.parse(String(row.headers)), body: String(row.body) };
}

export async function remember(store: Store, principal: string, key: string, operationId: string, fingerprint: string, response: StoredResponse, now: Date): Promise<void> {
  await store.db
    .insertInto('idempotency_keys')
    .values({
      principal,
      key,
      operation_id: operationId,
      request_hash: fingerprint,
      status: response.status,
      headers: JSON.stringify(response.headers),
      body: response.body,
      created_at: now.toISOString(),
    })
    // Two concurrent first attempts: the first stored answer wins; the other is still a correct answer.
    .onConflict((oc) => oc.columns(['principal', 'key']).doNothing())
    .execute();
}
