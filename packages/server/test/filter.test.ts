/**
 * @sqlite-only The filter and order-by parsers and checks are pure functions: no database is involved.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ApiProblem } from '../src/http/problem.js';
import { operation } from '../src/spec/document.js';
import { checkFilter } from '../src/store/filter/check.js';
import { globPattern, regexPattern } from '../src/store/filter/case-fold.js';
import { escapeLike } from '../src/store/filter/compile.js';
import { MAX_DEPTH, MAX_TERMS, parseFilter } from '../src/store/filter/parser.js';
import { parseOrderBy } from '../src/store/order-by.js';

const customers = operation('listCustomers').list!;
const users = operation('listUsers').list!;

function problemOf(fn: () => unknown): ApiProblem {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof ApiProblem, `expected an ApiProblem, got ${error}`);
    return error;
  }
  assert.fail('expected an error');
}

describe('filter parser', () => {
  it('parses comparisons, AND/OR/NOT, parentheses and precedence', () => {
    assert.deepEqual(parseFilter('status = ACTIVE AND organisationName : "hosting" OR NOT paymentType = PREPAY'), {
      kind: 'or',
      children: [
        {
          kind: 'and',
          children: [
            { kind: 'compare', field: 'status', operator: '=', value: { kind: 'word', value: 'ACTIVE', position: 9 }, position: 0 },
            { kind: 'compare', field: 'organisationName', operator: ':', value: { kind: 'string', value: 'hosting', position: 39 }, position: 20 },
          ],
        },
        { kind: 'not', child: { kind: 'compare', field: 'paymentType', operator: '=', value: { kind: 'word', value: 'PREPAY', position: 70 }, position: 56 } },
      ],
    });
    const grouped = parseFilter('(a = 1 OR b = 2) c = 3');
    assert.equal(grouped?.kind, 'and');
  });

  it('reads every operator, numbers, booleans, null, escapes and the - negation', () => {
    for (const op of ['=', '!=', '<', '<=', '>', '>=', ':']) {
      const tree = parseFilter(`x ${op} 1`);
      assert.equal(tree?.kind === 'compare' && tree.operator, op);
    }
    assert.deepEqual(parseFilter('x = -2.5'), { kind: 'compare', field: 'x', operator: '=', value: { kind: 'number', value: -2.5, position: 4 }, position: 0 });
    assert.equal((parseFilter('x = true') as any).value.kind, 'boolean');
    assert.equal((parseFilter('x = null') as any).value.kind, 'null');
    assert.equal((parseFilter('x = "a \\"b\\" \\\\ c"') as any).value.value, 'a "b" \\ c');
    assert.equal(parseFilter('-x = 1')?.kind, 'not');
    assert.equal(parseFilter('   '), null);
  });

  it('reports syntax errors with their position', () => {
    const cases: Array<[string, RegExp]> = [
      ['status =', /end of filter.*position 8/],
      ['status = "open', /Unterminated string at position 9/],
      ['(status = ACTIVE', /Expected "\)" at position 16/],
      ['status = ACTIVE)', /Unbalanced.*position 15/],
      ['status ACTIVE', /Expected an operator.*position 7/],
      ['status ! ACTIVE', /position 7/],
      ['status = "a\\n"', /Unknown escape/],
      ['= 3', /Expected a field name at position 0/],
      ['status = ACTIVE AND', /end of filter/],
      ['x = 1 # y', /Unexpected character "#" at position 6/],
    ];
    for (const [input, message] of cases) {
      const problem = problemOf(() => parseFilter(input));
      assert.equal(problem.code, 'invalid_filter', input);
      assert.match(problem.detail ?? '', message, input);
      assert.equal(problem.errors?.[0]?.pointer, 'filter');
    }
  });

  it('is bounded in depth and terms', () => {
    assert.match(problemOf(() => parseFilter('('.repeat(MAX_DEPTH + 2) + 'a = 1' + ')'.repeat(MAX_DEPTH + 2))).detail!, /Nested deeper/);
    assert.match(problemOf(() => parseFilter('NOT '.repeat(MAX_DEPTH + 2) + 'a = 1')).detail!, /Nested deeper/);
    const many = Array.from({ length: MAX_TERMS + 1 }, (_, i) => `a = ${i}`).join(' OR ');
    assert.match(problemOf(() => parseFilter(many)).detail!, /More than/);
  });
});

describe('filter checking against the spec', () => {
  const check = (input: string, list = customers) => checkFilter(parseFilter(input), list);

  it('accepts fields and values of the list and normalises them', () => {
    assert.deepEqual(check('status = PENDING_APPROVAL'), { kind: 'compare', field: 'status', operator: '=', value: 'PENDING_APPROVAL' });
    assert.deepEqual(check('status = "ACTIVE"'), { kind: 'compare', field: 'status', operator: '=', value: 'ACTIVE' });
    assert.deepEqual(check('createdAt >= "2026-01-01T00:00:00Z"'), { kind: 'compare', field: 'createdAt', operator: '>=', value: '2026-01-01T00:00:00.000Z' });
    assert.deepEqual(check('organisationName = "acme*"'), { kind: 'match', field: 'organisationName', negated: false, mode: 'prefix', text: 'acme' });
    assert.deepEqual(check('organisationName != "*ltd"'), { kind: 'match', field: 'organisationName', negated: true, mode: 'suffix', text: 'ltd' });
    assert.deepEqual(check('organisationName : "Host"'), { kind: 'match', field: 'organisationName', negated: false, mode: 'contains', text: 'Host' });
    assert.deepEqual(check('locked = true', users), { kind: 'compare', field: 'locked', operator: '=', value: true });
    assert.deepEqual(check('lastLoginTime = null', users), { kind: 'compare', field: 'lastLoginTime', operator: '=', value: null });
  });

  it('types a field declared as allOf: [$ref] (a $ref with a description) by its item', () => {
    const instances = operation('listDeploymentInstances').list!;
    assert.deepEqual(check('status = RUNNING', instances), { kind: 'compare', field: 'status', operator: '=', value: 'RUNNING' });
    assert.equal(problemOf(() => check('status = "FLYING"', instances)).code, 'invalid_filter');
  });

  it('names unknown fields and the allowed ones', () => {
    const problem = problemOf(() => check('colour = "red"'));
    assert.equal(problem.errors?.[0]?.code, 'unknown_field');
    assert.match(problem.detail!, /Unknown field "colour" at position 0; filterable fields: organisationName, email, status/);
    // A property of the item that the list does not declare filterable is refused too.
    assert.equal(problemOf(() => check('balance = 1')).errors?.[0]?.code, 'unknown_field');
  });

  it('checks value types and operators', () => {
    const bad = [
      'status = OPEN',
      'status < ACTIVE',
      'status = 3',
      'createdAt > "yesterday"',
      'createdAt : "2026"',
      'organisationName = ACME',
      'billingEntityId = "not-a-uuid"',
      'status = null',
    ];
    for (const input of bad) assert.equal(problemOf(() => check(input)).errors?.[0]?.code, 'invalid_value', input);
    assert.equal(problemOf(() => check('locked = 1', users)).code, 'invalid_filter');
  });

  it('escapes LIKE wildcards in user text', () => {
    assert.equal(escapeLike('100%_sure\\'), '100\\%\\_sure\\\\');
  });

  it('matches letters beyond ASCII as classes of their cases, pattern characters literally', () => {
    // ASCII letters are lower-cased (they meet lower(column)); GLOB's wildcards and "[" stand in classes of their own.
    assert.equal(globPattern('Ä*B?[c]', 'prefix'), '[Ää][*]b[?][[]c]*');
    assert.equal(globPattern('ö', 'contains'), '*[öÖ]*');
    assert.equal(globPattern('straße', 'suffix'), '*stra[ß]e');
    assert.equal(regexPattern('Ö(a+b).c|d', 'suffix'), '[Öö]\\(a\\+b\\)\\.c\\|d$');
    assert.equal(regexPattern('é^$', 'prefix'), '^[éÉ]\\^\\$');
  });
});

describe('orderBy', () => {
  it('parses fields and directions against the sortable list', () => {
    assert.deepEqual(parseOrderBy('createdAt desc, organisationName', customers.sortable), [
      { field: 'createdAt', desc: true },
      { field: 'organisationName', desc: false },
    ]);
    assert.deepEqual(parseOrderBy(undefined, customers.sortable), []);
  });

  it('refuses unknown, unsortable, repeated or malformed terms', () => {
    for (const input of ['colour', 'paymentType', 'email, email', 'email sideways', 'email desc extra', ',']) {
      const problem = problemOf(() => parseOrderBy(input, customers.sortable));
      assert.equal(problem.code, 'invalid_order_by', input);
      assert.match(problem.detail!, /sortable fields: organisationName/);
    }
  });
});
