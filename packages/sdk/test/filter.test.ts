import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { filter } from '../src/index.js';

describe('filter', () => {
  it('writes comparisons with quoted strings and bare numbers, booleans and null', () => {
    assert.equal(filter.eq('status', 'ACTIVE'), 'status = "ACTIVE"');
    assert.equal(filter.ne('deletedAt', null), 'deletedAt != null');
    assert.equal(filter.ge('cpu', 4), 'cpu >= 4');
    assert.equal(filter.lt('admin', false), 'admin < false');
    assert.equal(filter.gt('createdAt', new Date('2026-01-01T00:00:00Z')), 'createdAt > "2026-01-01T00:00:00.000Z"');
    assert.equal(filter.le('limits.maxServers', 10), 'limits.maxServers <= 10');
  });

  it('escapes quotes and backslashes', () => {
    assert.equal(filter.contains('organisationName', 'say "hi" \\ bye'), 'organisationName : "say \\"hi\\" \\\\ bye"');
  });

  it('writes starts-with and ends-with as wildcards, and refuses a literal edge *', () => {
    assert.equal(filter.startsWith('name', 'acme'), 'name = "acme*"');
    assert.equal(filter.endsWith('email', '@acme.test'), 'email = "*@acme.test"');
    assert.throws(() => filter.eq('name', 'acme*'), RangeError);
    assert.throws(() => filter.startsWith('name', 'a*'), RangeError);
  });

  it('combines with AND, OR and NOT, adding parentheses only where needed', () => {
    const active = filter.eq('status', 'ACTIVE');
    const acme = filter.contains('organisationName', 'acme');
    assert.equal(filter.and(active, acme), 'status = "ACTIVE" AND organisationName : "acme"');
    assert.equal(filter.or(active, acme), 'status = "ACTIVE" OR organisationName : "acme"');
    assert.equal(
      filter.and(filter.or(active, filter.eq('status', 'ADMIN')), acme),
      '(status = "ACTIVE" OR status = "ADMIN") AND organisationName : "acme"',
    );
    assert.equal(filter.or(filter.and(active, acme), 'cpu > 2'), 'status = "ACTIVE" AND organisationName : "acme" OR cpu > 2');
    assert.equal(filter.not(active), 'NOT status = "ACTIVE"');
    assert.equal(filter.not(filter.and(active, acme)), 'NOT (status = "ACTIVE" AND organisationName : "acme")');
    // An OR inside a quoted string is text, not an operator.
    assert.equal(filter.and(filter.eq('name', 'this OR that'), active), 'name = "this OR that" AND status = "ACTIVE"');
  });

  it('skips undefined parts so optional conditions compose', () => {
    assert.equal(filter.and(undefined, filter.eq('cpu', 2), undefined), 'cpu = 2');
    assert.equal(filter.and(), undefined);
    assert.equal(filter.between('createdAt', '2026-01-01T00:00:00Z', undefined), 'createdAt >= "2026-01-01T00:00:00Z"');
    assert.equal(filter.between('cpu', 1, 4), 'cpu >= 1 AND cpu < 4');
  });

  it('refuses field names that are not identifiers', () => {
    assert.throws(() => filter.eq('status = ACTIVE OR x', 'y'), /Not a filter field name/);
    assert.throws(() => filter.eq('n', Number.NaN), RangeError);
    assert.throws(() => filter.and('cpu = 1', ' '), /empty part/);
  });
});
