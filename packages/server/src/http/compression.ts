/**
 * JSON answers compressed for clients that accept it (every browser and every fetch implementation asks for Brotli
 * and gzip). A page of 50 customers is 40 KB of JSON and 5 KB in Brotli: on a portal user's network that is most of
 * the wait for the first rows, and on the server it is most of the cost of writing the answer.
 *
 * A body that a cache shares (a kept page, a kept principal's representation: shared-body.ts) is encoded once per
 * coding and kept with it, its uncompressed bytes too; any other is compressed as it is answered (0.2–0.3 ms for
 * 40 KB). Left as they are: answers under 1 KiB (compressing costs more than it saves) and answers with an ETag (a
 * strong validator names one representation's bytes, and If-Match compares it; they are single objects, small).
 * Runtimes without Node's zlib answer uncompressed.
 */
import type * as NodeZlib from 'node:zlib';
import { nodeBuiltin } from '../node-builtin.js';
import { isSharedBody } from '../store/shared-body.js';
import { Memo } from '../store/memo.js';

export type ContentCoding = 'br' | 'gzip';

/** Below this many characters of JSON an answer goes uncompressed. */
export const COMPRESS_FROM = 1024;

// Runtimes without Node's modules answer uncompressed.
const zlib = nodeBuiltin<typeof NodeZlib>('node:zlib');

const encoders: Record<ContentCoding, (bytes: Uint8Array) => Uint8Array> | null = zlib
  ? {
      // Quality 4 compresses 40 KB of JSON about as fast as gzip's default level does, and smaller.
      br: (bytes) =>
        zlib.brotliCompressSync(bytes, {
          params: {
            [zlib.constants.BROTLI_PARAM_QUALITY]: 4,
            [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
            [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.byteLength,
          },
        }),
      gzip: (bytes) => zlib.gzipSync(bytes),
    }
  : null;

/**
 * Answers for the Accept-Encoding headers seen: a client sends the same one with every request, and a server's
 * clients send a handful (browsers' and runtimes'), so parsing each once (1.7 µs) keeps it off every answer. Headers
 * longer than any of theirs are parsed each time, so odd ones cannot fill the memory.
 */
const codings = new Memo<ContentCoding | 'none'>(64);
const KEPT_UP_TO = 200;

/**
 * The coding to answer in, from an Accept-Encoding header: Brotli where accepted, else gzip, else none. A coding
 * listed with q=0 is refused; `*` stands for any coding not listed.
 */
export function acceptedCoding(acceptEncoding: string | undefined): ContentCoding | null {
  if (!acceptEncoding || !encoders) return null;
  if (acceptEncoding.length > KEPT_UP_TO) return parseAcceptEncoding(acceptEncoding);
  const known = codings.get(acceptEncoding) ?? codings.set(acceptEncoding, parseAcceptEncoding(acceptEncoding) ?? 'none');
  return known === 'none' ? null : known;
}

function parseAcceptEncoding(acceptEncoding: string): ContentCoding | null {
  const weights = new Map<string, number>();
  for (const part of acceptEncoding.split(',')) {
    const [name, ...parameters] = part.split(';');
    const coding = name!.trim().toLowerCase();
    if (!coding) continue;
    const q = parameters.map((p) => /^\s*q\s*=\s*([0-9.]+)\s*$/i.exec(p)?.[1]).find((v) => v !== undefined);
    weights.set(coding, q === undefined ? 1 : Number(q));
  }
  const weight = (coding: string) => weights.get(coding) ?? weights.get('*') ?? 0;
  for (const coding of ['br', 'gzip'] as const) if (weight(coding) > 0) return coding;
  return null;
}

/** The bytes of a shared body, per coding ('identity' for uncompressed). */
const kept = new WeakMap<object, Partial<Record<ContentCoding | 'identity', Uint8Array>>>();
const utf8 = new TextEncoder();

/** Whether an answer goes compressed to a client that accepts it (see above for the ones that do not). */
export function compressible(json: string, headers: Record<string, string>): boolean {
  return json.length >= COMPRESS_FROM && headers.ETag === undefined;
}

export interface EncodedBody {
  body: string | Uint8Array;
  /** The Content-Encoding, or null for the JSON as it is. */
  coding: ContentCoding | null;
}

/**
 * A compressible answer's body in the coding asked for (null: as it is). `representation` is the body the JSON was
 * made from: when a cache shares it, its bytes are kept with it, so answering it again encodes nothing.
 */
export function encodedBody(json: string, coding: ContentCoding | null, representation: unknown): EncodedBody {
  const shared = isSharedBody(representation) ? representation : null;
  if (!shared) return { body: coding ? encoders![coding](utf8.encode(json)) : json, coding };
  let forms = kept.get(shared);
  if (!forms) kept.set(shared, (forms = {}));
  const plain = (forms.identity ??= utf8.encode(json));
  return { body: coding ? (forms[coding] ??= encoders![coding](plain)) : plain, coding };
}
