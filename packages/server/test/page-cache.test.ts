/**
 * @sqlite-only The page cache itself holds no database: its use by lists, on both dialects, is tested in store.test.ts.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PageCache } from '../src/store/page-cache.js';
import { bodyJson } from '../src/store/shared-body.js';

const page = (rows: number, tag = '') => ({ items: Array.from({ length: rows }, (_, i) => ({ id: `${tag}${i}`, address: { city: 'Berlin' } })), totalSize: rows });

describe('the page cache', () => {
  it('keeps pages up to its rows, the least recently used going first', () => {
    const cache = new PageCache(100);
    cache.keep('a', 'v1', page(40, 'a'));
    cache.keep('b', 'v1', page(40, 'b'));
    assert.ok(cache.get('a', 'v1'), 'a, used last');
    cache.keep('c', 'v1', page(40, 'c')); // 120 rows: b, the least recently used, goes
    assert.equal(cache.get('b', 'v1'), undefined);
    assert.ok(cache.get('a', 'v1'));
    assert.ok(cache.get('c', 'v1'));
    cache.keep('huge', 'v1', page(101));
    assert.equal(cache.get('huge', 'v1'), undefined, 'a page over the whole budget is not kept');
    assert.ok(cache.get('a', 'v1') && cache.get('c', 'v1'), 'nor does it push the others out');
  });

  it('answers a page only at the versions it was read at', () => {
    const cache = new PageCache();
    cache.keep('a', 'customers@1', page(3));
    assert.equal(cache.get('a', 'customers@2'), undefined);
    assert.ok(cache.get('a', 'customers@1'));
  });

  it('hands out frozen pages and their JSON made once', () => {
    const cache = new PageCache();
    const kept = cache.keep('a', 'v1', page(2));
    assert.throws(() => {
      (kept.items[0]!.address as { city: string }).city = 'Paris';
    }, TypeError);
    assert.equal(bodyJson(kept), JSON.stringify(page(2)));
    assert.equal(bodyJson(kept), bodyJson(kept));
    assert.equal(bodyJson({ items: [] }), '{"items":[]}', 'other bodies are stringified as they are');
  });

  it('keeps nothing with no rows to keep', () => {
    const cache = new PageCache(0);
    cache.keep('a', 'v1', page(1));
    assert.equal(cache.get('a', 'v1'), undefined);
  });
});
