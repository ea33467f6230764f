// Child-process helpers shared by the root scripts: run a command with inherited output and a hard time limit, so
// no step of `npm test` or `npm start` can hang, and so Ctrl-C stops the whole process tree.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
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
 * Runs a command with stdout/stderr passed through. Resolves with its exit status; never rejects.
 * @param {string} command
 * @param {string[]} args
 * @param {{ cwd?: string, env?: NodeJS.ProcessEnv, timeoutMs?: number }} [options]
 * @returns {Promise<{ ok: boolean, code: number | null, timedOut: boolean, error?: string }>}
 */
export function run(command, args, { cwd = root, env = process.env, timeoutMs = 10 * 60_000 } = {}) {
  return new Promise((resolve) => {
    // Its own process group, so a time-out also stops grandchildren (npm → sh → node). No stdin: a background
    // process group that touched the terminal's input would be stopped by the shell's job control.
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'inherit', 'inherit'], detached: true });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      console.error(`\n${command} ${args.join(' ')}: no result after ${Math.round(timeoutMs / 1000)} s, stopping it`);
      if (child.pid) {
        killGroup(child.pid, 'SIGTERM');
        setTimeout(() => child.pid && killGroup(child.pid, 'SIGKILL'), 5000).unref();
      }
    }, timeoutMs);
    if (child.pid) track(child.pid);
    child.once('error', (error) => {
      clearTimeout(timer);
      if (child.pid) untrack(child.pid);
      resolve({ ok: false, code: null, timedOut, error: `${command}: ${error.message}` });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (child.pid) untrack(child.pid);
      resolve({ ok: code === 0 && !timedOut, code, timedOut });
    });
  });
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

/**
 * Installs Debian packages (as root only); apt output is shown so a slow mirror is visible.
 * @param {string[]} packages
 * @returns {Promise<boolean>}
 */
export async function aptInstall(packages) {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  console.log(`apt-get install ${packages.join(' ')} …`);
  const update = await run('apt-get', ['-q', 'update'], { env, timeoutMs: 5 * 60_000 });
  if (!update.ok) return false;
  const install = await run('apt-get', ['-q', 'install', '-y', '--no-install-recommends', ...packages],
    { env, timeoutMs: 10 * 60_000 });
  return install.ok;
}

/** Whether the file that imported this helper is the script node was started with. @param {string} metaUrl */
export function isMain(metaUrl) {
  return process.argv[1] !== undefined && fileURLToPath(metaUrl) === process.argv[1];
}

/**
 * CPU seconds used so far by the child processes this process has waited for (Linux: /proc/self/stat), or null
 * elsewhere. Unlike wall time it hardly changes with the machine's load, so a step's CPU seconds say what it costs
 * on CI's two cores even when measured on a busy machine.
 * @returns {number | null}
 */
export function childrenCpuSeconds() {
  try {
    // Fields after the command name (which may contain spaces) start at the state, field 3; cutime and cstime are 16 and 17.
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[13]) + Number(fields[14]);
    return Number.isFinite(ticks) ? ticks / 100 : null;
  } catch {
    return null;
  }
}
