/** WebCrypto helpers (no Node-only imports): hashing, HMAC, base64url, canonical JSON. */
const encoder = new TextEncoder();

export function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64url(text: string): Uint8Array<ArrayBuffer> {
  const padded = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  const binary = atob(padded);
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

export function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export async function sha256(text: string): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(text)));
}

export async function sha256Hex(text: string): Promise<string> {
  return hex(await sha256(text));
}

export function randomBytes(length: number): Uint8Array<ArrayBuffer> {
  return crypto.getRandomValues(new Uint8Array(length));
}

/** JSON with object keys sorted, so equal values always hash alike. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

/** A strong ETag of a representation. */
export async function etagOf(representation: unknown): Promise<string> {
  return `"${base64url((await sha256(canonicalJson(representation))).slice(0, 18))}"`;
}

export class Hmac {
  private constructor(private readonly key: CryptoKey) {}

  static async fromSecret(secret: string, purpose: string): Promise<Hmac> {
    const material = await sha256(`${purpose}:${secret}`);
    const key = await crypto.subtle.importKey('raw', material, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
    return new Hmac(key);
  }

  async sign(text: string): Promise<string> {
    return base64url(new Uint8Array(await crypto.subtle.sign('HMAC', this.key, encoder.encode(text))));
  }

  async verify(text: string, signature: string): Promise<boolean> {
    try {
      return await crypto.subtle.verify('HMAC', this.key, fromBase64url(signature), encoder.encode(text));
    } catch {
      return false;
    }
  }
}
