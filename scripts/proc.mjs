// Child-process helpers shared by the root scripts: run a command with inherited output and a hard time limit, so
// no step of `npm test` or `npm start` can hang, and so Ctrl-C stops the whole process tree.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Absolute path of a file in the repository. @param {...string} parts */
export const fromRoot = (...parts) => join(root, ...parts);

/** Whether a path relative to the repository root exists. @param {...string} parts */
export const rootHas = (...parts) => existsSync(fromRoot(...parts));

/** Whether this script runs as root (apt-get installs are allowed then). */
export const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/** Whether a program is on PATH. @param {string} program */
export function onPath(program) {
  return spawnSync('sh', ['-c', `command -v ${program}`], { stdio: 'ignore' }).status === 0;
}

/** Whether this is a CI run (CI=true or CI=1), where nothing optional may be skipped. */
export const isCI = () => ['true', '1'].includes(String(process.env.CI ?? '').toLowerCase());

/** Process groups started by `run`, killed together when this process is interrupted. @type {Set<number>} */
const running = new Set();

/** @param {number} pid @param {NodeJS.Signals} signal */
function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

/** Forwards an interrupt to every running group, then exits; installed only while something runs. */
function onInterrupt(/** @type {NodeJS.Signals} */ signal) {
  for (const pid of running) killGroup(pid, signal);
  process.exit(130);
}

// Nothing started here outlives this process: a step's leftovers or background work (see `npm test`) end with it.
process.on('exit', () => {
  for (const pid of running) killGroup(pid, 'SIGTERM');
});

/** @param {number} pid */
function track(pid) {
  if (running.size === 0) {
    process.on('SIGINT', onInterrupt);
    process.on('SIGTERM', onInterrupt);
  }
  running.add(pid);
}

/** @param {number} pid */
function untrack(pid) {
  running.delete(pid);
  if (running.size === 0) {
    process.off('SIGINT', onInterrupt);
    process.off('SIGTERM', onInterrupt);
  }
}

/**
 * @typedef {{ ok: boolean, code: number | null, timedOut: boolean, aborted: boolean, cpuSeconds: number | null, error?: string }} RunResult
 */

/**
 * Runs a command with stdout/stderr passed through. Resolves with its exit status; never rejects.
 * @param {string} command
 * @param {string[]} args
 * @param {{ cwd?: string, env?: NodeJS.ProcessEnv, timeoutMs?: number, logFile?: string, signal?: AbortSignal }} [options]
 *   `logFile` takes the output instead of the terminal (for work running beside other steps); `signal` stops the
 *   command (and everything it started) when it aborts.
 * @returns {Promise<RunResult>} with the processor seconds the command and its descendants used (null if unknown)
 */
export function run(command, args, { cwd = root, env = process.env, timeoutMs = 10 * 60_000, logFile, signal } = {}) {
  return new Promise((resolve) => {
    if (signal?.aborted) {
      resolve({ ok: false, code: null, timedOut: false, aborted: true, cpuSeconds: null, error: 'stopped' });
      return;
    }
    const output = logFile === undefined ? 'inherit' : openSync(logFile, 'a');
    // A POSIX shell runs the command and then reports, with `times`, the processor time of what it waited for (the
    // command and its descendants) on descriptor 3 (closed for the command, so no daemon it starts keeps it open):
    // each command's cost is known even while others run beside it.
    // Its own process group, so a time-out also stops grandchildren (npm → sh → node). No stdin: a background
    // process group that touched the terminal's input would be stopped by the shell's job control.
    const child = spawn('/bin/sh', ['-c', '"$@" 3>&-; status=$?; times >&3; exit $status', 'sh', command, ...args],
      { cwd, env, stdio: ['ignore', output, output, 'pipe'], detached: true });
    if (typeof output === 'number') closeSync(output);
    let times = '';
    child.stdio[3]?.on('data', (chunk) => (times += chunk));
    let timedOut = false;
    let aborted = false;
    const stop = () => {
      if (!child.pid) return;
      killGroup(child.pid, 'SIGTERM');
      setTimeout(() => child.pid && killGroup(child.pid, 'SIGKILL'), 5000).unref();
    };
    const timer = setTimeout(() => {
      timedOut = true;
      console.error(`\n${command} ${args.join(' ')}: no result after ${Math.round(timeoutMs / 1000)} s, stopping it`);
      stop();
    }, timeoutMs);
    const onAbort = () => {
      aborted = true;
      stop();
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    if (child.pid) track(child.pid);
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      if (child.pid) untrack(child.pid);
    };
    child.once('error', (error) => {
      done();
      resolve({ ok: false, code: null, timedOut, aborted, cpuSeconds: null, error: `${command}: ${error.message}` });
    });
    child.once('close', (code) => {
      done();
      resolve({ ok: code === 0 && !timedOut && !aborted, code, timedOut, aborted, cpuSeconds: childrenTimes(times) });
    });
  });
}

/**
 * The children's line of `times` output ("0m12.340s 0m1.200s": user, system) in seconds, or null.
 * @param {string} text
 */
function childrenTimes(text) {
  const line = text.trim().split('\n')[1];
  const parts = [...(line ?? '').matchAll(/(\d+)m([\d.]+)s/g)].map((m) => Number(m[1]) * 60 + Number(m[2]));
  return parts.length === 2 ? (parts[0] ?? 0) + (parts[1] ?? 0) : null;
}

/**
 * Runs a command to completion and returns its output (for short queries such as `pg_lsclusters`).
 * @param {string} command
 * @param {string[]} args
 * @param {{ input?: string, timeoutMs?: number, env?: NodeJS.ProcessEnv }} [options]
 */
export function capture(command, args, { input, timeoutMs = 60_000, env = process.env } = {}) {
  const r = spawnSync(command, args, { input, env, encoding: 'utf8', timeout: timeoutMs });
  const timedOut = r.error?.message.includes('ETIMEDOUT') ?? false;
  return {
    ok: r.status === 0,
    stdout: r.stdout ?? '',
    stderr: r.stderr ?? '',
    error: timedOut ? `timed out after ${Math.round(timeoutMs / 1000)} s` : r.error?.message,
  };
}

/** The apt run of this process in flight, if any: apt takes one lock, so installs queue behind each other. */
let aptQueue = Promise.resolve(true);

/**
 * Installs Debian packages (as root only), after any install this process already started. Its output is shown so a
 * slow mirror is visible, or goes to `logFile` when it runs in the background of other steps.
 * @param {string[]} packages
 * @param {{ logFile?: string }} [options]
 * @returns {Promise<boolean>}
 */
export function aptInstall(packages, { logFile } = {}) {
  const install = async () => {
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    if (!logFile) console.log(`apt-get install ${packages.join(' ')} …`);
    const update = await run('apt-get', ['-q', 'update'], { env, timeoutMs: 5 * 60_000, logFile });
    if (!update.ok) return false;
    // Another process's apt (an administrator's, or unattended upgrades) is waited for rather than failed on.
    const result = await run('apt-get', ['-q', '-o', 'DPkg::Lock::Timeout=300', 'install', '-y', '--no-install-recommends', ...packages],
      { env, timeoutMs: 10 * 60_000, logFile });
    return result.ok;
  };
  const result = aptQueue.then(install, install);
  aptQueue = result.catch(() => false);
  return result;
}

/** Waits for the apt installs this process started (a background install of packages a step is about to look for). */
export const aptSettled = () => aptQueue;

/** Whether the file that imported this helper is the script node was started with. @param {string} metaUrl */
export function isMain(metaUrl) {
  return process.argv[1] !== undefined && fileURLToPath(metaUrl) === process.argv[1];
}
