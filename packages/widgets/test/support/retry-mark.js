// The browser log line's start that marks a test which passed only when run again (harness.ts writes it,
// scripts/failure-list.mjs looks for it). Plain JavaScript: the browser tests and the node reporter both load it.
export const PASSED_ON_RETRY = 'fco-test: passed on its second attempt:';
