/**
 * The bounded memo behind verified tokens, kept principals, parsed filters and position checkpoints.
 *
 * @sqlite-only A memo is memory only.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Memo } from '../src/store/memo.js';

/** The keys k0…k(n-1) the memo answers, asked latest first (asking moves an answer to the recent generation). */
const held = (memo: Memo<number>, keys: number) => Array.from({ length: keys }, (_, i) => keys - 1 - i).filter((i) => memo.get(`k${i}`) !== undefined);

describe('memo', () => {
  it('keeps at least the most recent half of its size, and never more than its size', () => {
    for (const size of [1, 2, 7, 100]) {
      const memo = new Memo<number>(size);
      for (let i = 0; i < size * 5; i++) memo.set(`k${i}`, i);
      const kept = held(memo, size * 5);
      assert.ok(kept.length <= size, `size ${size}: ${kept.length} kept`);
      for (let i = size * 5 - Math.ceil(size / 2); i < size * 5; i++) assert.ok(kept.includes(i), `size ${size}: k${i}, among the latest, is kept`);
    }
  });

  it('keeps what is used: an answer asked for survives answers added after it', () => {
    const memo = new Memo<number>(10);
    memo.set('used', 1);
    for (let i = 0; i < 100; i++) {
      memo.set(`k${i}`, i);
      assert.equal(memo.get('used'), 1, `after ${i + 1} more answers`);
    }
    // Not asked for any more, it goes.
    for (let i = 100; i < 120; i++) memo.set(`k${i}`, i);
    assert.equal(memo.get('used'), undefined);
  });

  it('answers the latest value set for a key', () => {
    const memo = new Memo<string>(4);
    memo.set('a', 'first');
    memo.set('b', 'x');
    memo.set('c', 'y');
    memo.set('a', 'second');
    assert.equal(memo.get('a'), 'second');
    memo.set('d', 'z');
    memo.set('e', 'w');
    assert.equal(memo.get('a'), 'second');
  });

  it('forgets a key only while it still holds the value given', () => {
    const memo = new Memo<string>(4);
    memo.set('a', 'first');
    memo.forget('a', 'other');
    assert.equal(memo.get('a'), 'first');
    memo.forget('a', 'first');
    assert.equal(memo.get('a'), undefined);
    memo.set('b', 'kept');
    memo.set('c', 'x'); // 'b' is in the older generation now
    memo.forget('b', 'kept');
    assert.equal(memo.get('b'), undefined);
  });
});
