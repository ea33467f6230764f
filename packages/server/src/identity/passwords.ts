/** Password hashes: scrypt (@noble/hashes, pure JS, any runtime) with a per-password salt. */
import { scryptAsync } from '@noble/hashes/scrypt.js';
import { base64url, fromBase64url, randomBytes } from '../store/crypto.js';

const PARAMS = { N: 2 ** 14, r: 8, p: 1, dkLen: 32 };

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scryptAsync(password, salt, PARAMS);
  return `scrypt$${PARAMS.N}$${PARAMS.r}$${PARAMS.p}$${base64url(salt)}$${base64url(hash)}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, expected] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !expected) return false;
  const actual = await scryptAsync(password, fromBase64url(salt), { N: Number(n), r: Number(r), p: Number(p), dkLen: 32 });
  const wanted = fromBase64url(expected);
  if (actual.length !== wanted.length) return false;
  let difference = 0;
  for (let i = 0; i < actual.length; i++) difference |= actual[i]! ^ wanted[i]!;
  return difference === 0;
}

/** A hash that verifies nothing, compared against when the email is unknown so timing does not reveal it. */
export const UNUSABLE_PASSWORD_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
