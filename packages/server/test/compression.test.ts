/**
 * Compressed answers: a list page goes in Brotli or gzip to a client that accepts it, whole and with its length and
 * Vary; small answers and answers with an ETag go as they are; a kept page answered again is the same bytes.
 *
 * @sqlite-only Content coding is decided after the operation, from the answer's JSON: nothing in it depends on the database.
 */
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { acceptedCoding, compressible, COMPRESS_FROM } from '../src/http/compression.js';
import { startTestServer, type TestServer } from './harness.js';

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  bytes: Buffer;
}

/** A GET whose bytes arrive as the server sent them (fetch would decompress them). */
function rawGet(url: string, headers: Record<string, string>): Promise<Raw> {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, bytes: Buffer.concat(chunks) }));
      response.on('error', reject);
    })
      .on('error', reject)
      .end();
  });
}

function decoded(raw: Raw): unknown {
  const coding = raw.headers['content-encoding'];
  const bytes = coding === 'br' ? brotliDecompressSync(raw.bytes) : coding === 'gzip' ? gunzipSync(raw.bytes) : raw.bytes;
  return JSON.parse(bytes.toString('utf8'));
}

describe('compressed answers', () => {
  let t: TestServer;
  let customers: string;
  let auth: Record<string, string>;
  before(async () => {
    t = await startTestServer();
    customers = `${t.url}/v1/customers?pageSize=50`;
    auth = { authorization: `Bearer ${t.tokens.licensee}` };
  });
  after(() => t.close());

  it('sends a page of customers in the coding the client prefers, whole, with its length and Vary', async () => {
    const plain = await rawGet(customers, auth);
    assert.equal(plain.status, 200);
    assert.equal(plain.headers['content-encoding'], undefined, 'no Accept-Encoding: the JSON as it is');
    const page = JSON.parse(plain.bytes.toString('utf8'));
    assert.equal(page.items.length, 50);

    for (const [accept, coding] of [
      ['gzip, deflate, br', 'br'],
      ['gzip, deflate', 'gzip'],
      ['br;q=0, gzip', 'gzip'],
      ['*', 'br'],
      ['identity', undefined],
      ['br;q=0, gzip;q=0', undefined],
    ] as const) {
      const raw = await rawGet(customers, { ...auth, 'accept-encoding': accept });
      assert.equal(raw.status, 200, accept);
      assert.equal(raw.headers['content-encoding'], coding, `Accept-Encoding: ${accept}`);
      assert.equal(Number(raw.headers['content-length']), raw.bytes.length, `${accept}: the length of the bytes sent`);
      assert.deepEqual(decoded(raw), page, `${accept}: the same page`);
      if (coding) assert.ok(raw.bytes.length < plain.bytes.length / 4, `${accept}: ${raw.bytes.length} of ${plain.bytes.length} bytes`);
      // The answer depends on both: a shared cache must not hand one client's form to another.
      assert.match(String(raw.headers.vary), /\bOrigin\b/, accept);
      assert.match(String(raw.headers.vary), /\bAccept-Encoding\b/, accept);
    }
  });

  it('a kept page asked for again is the same compressed bytes', async () => {
    const first = await rawGet(customers, { ...auth, 'accept-encoding': 'br' });
    const again = await rawGet(customers, { ...auth, 'accept-encoding': 'br' });
    assert.equal(again.headers['content-encoding'], 'br');
    assert.ok(again.bytes.equals(first.bytes));
  });

  it('a page changed by a write is answered anew, compressed', async () => {
    const before = decoded(await rawGet(`${customers}&orderBy=updatedAt desc`, { ...auth, 'accept-encoding': 'br' })) as { items: Array<{ id: string; organisationName: string }> };
    const first = before.items[0]!;
    const renamed = await t.call('updateCustomer', { token: t.tokens.licensee, params: { customerId: first.id }, body: { organisationName: `${first.organisationName} (renamed)` } });
    assert.equal(renamed.status, 200, JSON.stringify(renamed.body));
    const after = decoded(await rawGet(`${customers}&orderBy=updatedAt desc`, { ...auth, 'accept-encoding': 'br' })) as typeof before;
    assert.equal(after.items[0]!.organisationName, `${first.organisationName} (renamed)`);
  });

  it('small answers and answers with an ETag go as they are', async () => {
    const me = await rawGet(`${t.url}/v1/me`, { ...auth, 'accept-encoding': 'br, gzip' });
    assert.equal(me.status, 200);
    assert.ok(me.bytes.length < COMPRESS_FROM, `/v1/me is ${me.bytes.length} bytes`);
    assert.equal(me.headers['content-encoding'], undefined);
    // An ETag names one representation's bytes (If-Match compares it): the answer keeps them.
    assert.equal(compressible('x'.repeat(COMPRESS_FROM * 4), { ETag: '"abc"' }), false);
    assert.equal(compressible('x'.repeat(COMPRESS_FROM * 4), {}), true);
    assert.equal(compressible('x'.repeat(COMPRESS_FROM - 1), {}), false);
  });

  it('reads Accept-Encoding as RFC 9110 writes it', () => {
    assert.equal(acceptedCoding(undefined), null);
    assert.equal(acceptedCoding(''), null);
    assert.equal(acceptedCoding('GZIP'), 'gzip');
    assert.equal(acceptedCoding(' br ; q=0.5 , gzip;q=1'), 'br', 'any accepted weight: Brotli is smaller');
    assert.equal(acceptedCoding('br;q=0'), null);
    assert.equal(acceptedCoding('*;q=0, gzip'), 'gzip');
    assert.equal(acceptedCoding('*, br;q=0'), 'gzip');
    assert.equal(acceptedCoding('deflate, zstd'), null);
    // Asked again (answered from what was parsed): the same answers.
    assert.equal(acceptedCoding('deflate, zstd'), null);
    assert.equal(acceptedCoding('br;q=0'), null);
    assert.equal(acceptedCoding('GZIP'), 'gzip');
    const long = `${Array.from({ length: 40 }, (_, i) => `x-coding-${i}`).join(', ')}, gzip`;
    assert.equal(acceptedCoding(long), 'gzip');
    assert.equal(acceptedCoding(`${long};q=0`), null);
  });
});
