/**
 * Idempotency-Key on creates: the first response for (principal, key) is stored in the database and replayed for
 * 24 hours; the same key with another request is 422 `idempotency_key_reused`.
 */
import { canonicalJson, sha256Hex } from '../store/crypto.js';
import { recordTable } from '../store/records.js';
import type { Store } from '../store/store.js';
import { ApiProblem } from './problem.js';

interface IdempotencyRow extends Record<string, unknown> {
  principal: string;
  key: string;
  operation_id: string;
  request_hash: string;
  status: number;
  headers: string;
  body: string;
  created_at: string;
}

const answers = recordTable<IdempotencyRow>('idempotency_keys');

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
  const row = await store.records(answers).find({ principal, key });
  if (!row) return null;
  if (now.getTime() - Date.parse(String(row.created_at)) > TTL_MS) {
    await store.records(answers).delete({ principal, key });
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
  const row: IdempotencyRow = {
    principal,
    key,
    operation_id: operationId,
    request_hash: fingerprint,
    status: response.status,
    headers: JSON.stringify(response.headers),
    body: response.body,
    created_at: now.toISOString(),
  };
  // Two concurrent first attempts: the first stored answer wins; the other is still a correct answer.
  await store.records(answers).insert(row, { ifAbsent: ['principal', 'key'] });
}
