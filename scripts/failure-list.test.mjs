// The failure lists `npm test` repeats at its end (scripts/failure-list.mjs).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fromRoot } from './proc.mjs';
import { nodeOptionsListingFailures, webTestRunnerFailureList } from './failure-list.mjs';
import { PASSED_ON_RETRY } from '../packages/widgets/test/support/retry-mark.js';

test('the node reporter lists each failed test once, with its message on one line, and not the suites around it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fco-failure-list-'));
  try {
    const file = join(dir, 'sample.test.mjs');
    writeFileSync(file, `import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
describe('outer', () => {
  it('passes', () => {});
  it('compares', () => assert.equal(1, 2));
  it('throws', () => { throw new Error('first line\\nsecond line'); });
});
`);
    const list = join(dir, 'failures.txt');
    // Without the parent runner's NODE_TEST_CONTEXT, which would make the child report to it instead, and without
    // reporters a step may pass down in NODE_OPTIONS, which would list this file's failures as the step's own.
    const { NODE_TEST_CONTEXT: _, NODE_OPTIONS: __, ...env } = process.env;
    const result = spawnSync(process.execPath, ['--test', '--test-reporter=dot', '--test-reporter-destination=/dev/null',
      `--test-reporter=${fromRoot('scripts', 'failure-list.mjs')}`, `--test-reporter-destination=${list}`, file], { encoding: 'utf8', env });
    assert.equal(result.status, 1);
    assert.deepEqual(readFileSync(list, 'utf8').split('\n').filter(Boolean), [
      'compares: Expected values to be strictly equal: 1 !== 2',
      'throws: first line second line',
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('node\'s test runner started by a script lists its failures through NODE_OPTIONS, keeping the options already set', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fco failure list '));
  try {
    const file = join(dir, 'sample.test.mjs');
    writeFileSync(file, `import { it } from 'node:test';
it('passes', () => {});
it('fails', () => { throw new Error('boom'); });
it('sees the options', () => { if (!process.execArgv.concat(process.env.NODE_OPTIONS ?? '').join(' ').includes('--max-old-space-size=300')) throw new Error('options lost'); });
`);
    const list = join(dir, 'failures.txt');
    const { NODE_TEST_CONTEXT: _, ...env } = process.env;
    const result = spawnSync(process.execPath, ['--test', file], {
      encoding: 'utf8',
      env: { ...env, NODE_OPTIONS: nodeOptionsListingFailures(list, '--max-old-space-size=300') },
    });
    assert.equal(result.status, 1);
    assert.match(result.stdout, /✖ fails/);
    assert.deepEqual(readFileSync(list, 'utf8').split('\n').filter(Boolean), ['fails: boom']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the web-test-runner reporter names the file and the suites of each failed test, errors outside tests, and tests that passed only when run again', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fco-failure-list-'));
  const previous = process.env.FCO_TEST_FAILURE_LIST;
  try {
    const list = join(dir, 'failures.txt');
    process.env.FCO_TEST_FAILURE_LIST = list;
    const reporter = webTestRunnerFailureList('/repo');
    const session = (/** @type {object} */ fields) => /** @type {any} */ ({ errors: [], logs: [], passed: false, status: 'FINISHED', ...fields });
    reporter.reportTestFileResults?.(/** @type {any} */ ({
      testFile: '/repo/packages/widgets/test/a.test.ts',
      sessionsForTestFile: [session({
        testResults: {
          name: '', tests: [],
          suites: [{ name: '<fco-a>', suites: [], tests: [
            { name: 'shows rows', passed: true, skipped: false },
            { name: 'is skipped', passed: false, skipped: true },
            { name: 'sorts', passed: false, skipped: false, error: { message: 'Timed out waiting for Beta first' } },
          ] }],
        },
      })],
    }));
    reporter.reportTestFileResults?.(/** @type {any} */ ({
      testFile: '/repo/packages/widgets/test/b.test.ts',
      sessionsForTestFile: [session({ errors: [{ message: 'Could not import your test module.\nmore' }] })],
    }));
    reporter.reportTestFileResults?.(/** @type {any} */ ({
      testFile: '/repo/packages/widgets/test/c.test.ts',
      sessionsForTestFile: [session({
        passed: true,
        logs: [['an ordinary log line'], [`${PASSED_ON_RETRY} <fco-c> filters`]],
        testResults: { name: '', suites: [], tests: [{ name: 'filters', passed: true, skipped: false }] },
      })],
    }));
    assert.deepEqual(readFileSync(list, 'utf8').split('\n').filter(Boolean), [
      'packages/widgets/test/a.test.ts › <fco-a> › sorts: Timed out waiting for Beta first',
      'packages/widgets/test/b.test.ts: Could not import your test module. more',
      'flaky: packages/widgets/test/c.test.ts › <fco-c> filters (passed on its second attempt)',
    ]);
  } finally {
    if (previous === undefined) delete process.env.FCO_TEST_FAILURE_LIST;
    else process.env.FCO_TEST_FAILURE_LIST = previous;
    rmSync(dir, { recursive: true, force: true });
  }
});
