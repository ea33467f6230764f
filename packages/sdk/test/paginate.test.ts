import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createClient, paginate } from '../src/index.js';
import { startServer, type RecordedRequest, type TestServer } from './server.js';

const ids = ['a', 'b', 'c', 'd', 'e'].map((c) => `00000000-0000-4000-8000-00000000000${c}`);

let server: TestServer;
before(async () => {
  server = await startServer();
});
after(() => server.close());

/** Keyset pages over five customers: the token is the index of the next item. */
function listCustomers(request: RecordedRequest) {
  const size = Number(request.url.searchParams.get('pageSize') ?? 50);
  const start = Number(request.url.searchParams.get('pageToken') ?? request.url.searchParams.get('offset') ?? 0);
  const items = ids.slice(start, start + size).map((id) => ({ id }));
  const next = start + size < ids.length ? String(start + size) : null;
  return { json: { items, nextPageToken: next, totalSize: ids.length, offset: start } };
}

const api = () => createClient({ baseUrl: server.url, auth: 't' });

describe('paginate', () => {
  it('yields every item across pages, keeping the filter and page size', async () => {
    server.handle(listCustomers);
    const seen: string[] = [];
    for await (const customer of paginate(api().customers.list, { filter: 'status = ACTIVE', pageSize: 2 })) seen.push(customer.id);
    assert.deepEqual(seen, ids);
    assert.equal(server.requests.length, 3);
    assert.deepEqual(server.requests.map((r) => r.url.searchParams.get('pageToken')), [null, '2', '4']);
    assert.ok(server.requests.every((r) => r.url.searchParams.get('filter') === 'status = ACTIVE'));
  });

  it('yields pages, seeking with offset only for the first one', async () => {
    server.handle(listCustomers);
    const pages = [];
    for await (const page of paginate.pages(api().customers.list, { pageSize: 2, offset: 1 })) pages.push(page);
    assert.deepEqual(pages.map((p) => p.offset), [1, 3]);
    assert.deepEqual(pages.map((p) => p.items.length), [2, 2]);
    assert.deepEqual(server.requests.map((r) => r.url.searchParams.get('offset')), ['1', null]);
  });

  it('stops when the signal aborts mid-way, without fetching further pages', async () => {
    server.handle(listCustomers);
    const controller = new AbortController();
    const seen: string[] = [];
    await assert.rejects(
      (async () => {
        for await (const customer of paginate(api().customers.list, { pageSize: 2, signal: controller.signal })) {
          seen.push(customer.id);
          if (seen.length === 3) controller.abort();
        }
      })(),
      { name: 'AbortError' },
    );
    assert.deepEqual(seen, ids.slice(0, 3));
    assert.equal(server.requests.length, 2);
  });

  it('cancels the page in flight when the signal aborts', async () => {
    server.handle((request) => ({ ...listCustomers(request), delay: 1000 }));
    const started = Date.now();
    await assert.rejects(
      (async () => {
        for await (const _ of paginate(api().customers.list, { signal: AbortSignal.timeout(30) })) assert.fail('no item expected');
      })(),
      { name: 'TimeoutError' },
    );
    assert.ok(Date.now() - started < 500, 'the abort was not prompt');
  });
});
