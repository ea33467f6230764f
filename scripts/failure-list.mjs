// One line per failed test, written to the file FCO_TEST_FAILURE_LIST names: `npm test` (scripts/test.mjs) prints
// these lines again at its very end. The runners' own reports put failures in the middle of a long log, among
// progress bars, where a CI log that keeps only its tail does not show them.
// The default export is a node test reporter (`--test-reporter`, with the list as its destination; for node's test
// runner inside an npm script, nodeOptionsListingFailures adds it through NODE_OPTIONS); the widgets'
// web-test-runner config adds webTestRunnerFailureList to its reporters, which also lists the browser tests that
// passed only when mocha ran them again (FLAKY lines).
import { appendFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PASSED_ON_RETRY } from '../packages/widgets/test/support/retry-mark.js';

/** The start of a line for a test that passed only when run again: listed even when every test passed. */
const FLAKY = 'flaky:';

/** An error message on one line: the first few lines of an assertion's message say what differed. */
const oneLine = (/** @type {unknown} */ message) =>
  String(message).split('\n').map((line) => line.trim()).filter(Boolean).slice(0, 3).join(' ').slice(0, 300);

/** @param {AsyncIterable<{ type: string, data: any }>} source */
export default async function* nodeFailureList(source) {
  for await (const event of source) {
    if (event.type !== 'test:fail') continue;
    const error = event.data.details?.error;
    // A suite fails because a test inside it did: that test has its own line.
    if (error?.failureType === 'subtestsFailed') continue;
    const cause = error?.cause instanceof Error ? error.cause.message : (error?.cause ?? error?.message ?? 'failed');
    yield `${event.data.name}: ${oneLine(cause)}\n`;
  }
}

/**
 * The options under which node's test runner reports as usual on stdout and lists its failures in `list` too.
 * @param {string} list @returns {string[]}
 */
export function nodeReportersListingFailures(list) {
  return ['--test-reporter=spec', '--test-reporter-destination=stdout', `--test-reporter=${fileURLToPath(import.meta.url)}`, `--test-reporter-destination=${list}`];
}

/**
 * NODE_OPTIONS with those reporters, for node's test runner wherever a script starts it (steps that run an npm script
 * rather than the runner itself). The options already set are kept; each option is quoted, as NODE_OPTIONS splits at
 * spaces.
 * @param {string} list @param {string} [existing]
 */
export function nodeOptionsListingFailures(list, existing = process.env.NODE_OPTIONS ?? '') {
  return [existing, ...nodeReportersListingFailures(list).map((option) => JSON.stringify(option))].filter(Boolean).join(' ');
}

/** @param {import('@web/test-runner-core').TestSuiteResult} suite @param {string[]} path @returns {string[]} */
function failedTests(suite, path) {
  const here = suite.name ? [...path, suite.name] : path;
  const lines = [];
  for (const test of suite.tests) {
    if (!test.passed && !test.skipped) lines.push(`${[...here, test.name].join(' › ')}: ${oneLine(test.error?.message ?? 'failed')}`);
  }
  for (const child of suite.suites) lines.push(...failedTests(child, here));
  return lines;
}

/** A web-test-runner reporter; it writes nothing unless FCO_TEST_FAILURE_LIST is set. @param {string} rootDir */
export function webTestRunnerFailureList(rootDir) {
  const file = process.env.FCO_TEST_FAILURE_LIST;
  /** @type {import('@web/test-runner-core').Reporter} */
  const reporter = {
    reportTestFileResults({ sessionsForTestFile, testFile }) {
      if (!file) return;
      const name = relative(rootDir, testFile);
      const lines = [];
      for (const session of sessionsForTestFile) {
        // Errors outside any test: a file that did not load, a hook that threw, a run that timed out.
        for (const error of session.errors) lines.push(`${name}: ${oneLine(error.message)}`);
        if (session.testResults) lines.push(...failedTests(session.testResults, [name]));
        else if (session.passed === false && session.errors.length === 0) lines.push(`${name}: failed (${session.status})`);
        for (const args of session.logs) {
          const text = typeof args[0] === 'string' ? args[0] : '';
          if (text.startsWith(PASSED_ON_RETRY)) lines.push(`${FLAKY} ${name} › ${text.slice(PASSED_ON_RETRY.length).trim()} (passed on its second attempt)`);
        }
      }
      if (lines.length) appendFileSync(file, `${lines.join('\n')}\n`);
    },
  };
  return reporter;
}
