/** Password hashes: scrypt with a per-password salt. */
import { scryptAsync } from '@noble/hashes/scrypt.js';
import type * as NodeCrypto from 'node:crypto';
import { nodeBuiltin } from '../node-builtin.js';
import { base64url, fromBase64url, randomBytes } from '../store/crypto.js';

const PARAMS = { N: 2 ** 14, r: 8, p: 1, dkLen: 32 };

interface ScryptParams {
  N: number;
  r: number;
  p: number;
  dkLen: number;
}

// Node's scrypt (OpenSSL) is about three times faster than the pure-JS one and runs in the thread pool instead of on the
// event loop, where each sign-in would otherwise hold every other request for a quarter of a second. Looked up at run
// time, so the module still loads on runtimes without Node's modules (they get @noble/hashes' scrypt).
const nodeCrypto = nodeBuiltin<typeof NodeCrypto>('node:crypto');

function scrypt(password: string, salt: Uint8Array, { N, r, p, dkLen }: ScryptParams): Promise<Uint8Array> {
  if (!nodeCrypto) return scryptAsync(password, salt, { N, r, p, dkLen });
  return new Promise((resolve, reject) => {
    // OpenSSL refuses parameters needing more than maxmem (32 MiB by default); scrypt needs 128·N·r bytes.
    nodeCrypto.scrypt(password, salt, dkLen, { N, r, p, maxmem: 256 * N * r }, (error, key) => (error ? reject(error) : resolve(new Uint8Array(key))));
  });
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scrypt(password, salt, PARAMS);
  return `scrypt$${PARAMS.N}$${PARAMS.r}$${PARAMS.p}$${base64url(salt)}$${base64url(hash)}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, expected] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !expected) return false;
  const actual = await scrypt(password, fromBase64url(salt), { N: Number(n), r: Number(r), p: Number(p), dkLen: 32 });
  const wanted = fromBase64url(expected);
  if (actual.length !== wanted.length) return false;
  let difference = 0;
  for (let i = 0; i < actual.length; i++) difference |= actual[i]! ^ wanted[i]!;
  return difference === 0;
}

/** A hash that verifies nothing, compared against when the email is unknown so timing does not reveal it. */
export const UNUSABLE_PASSWORD_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
