// Makes a PostgreSQL server reachable on 127.0.0.1 for the server's PostgreSQL test run and returns its URL.
// Order: FCO_TEST_PG_URL if set; else the local `fco_test` database if it already answers; else (as root) install
// Debian's postgresql if missing, start the cluster, and create the `fco_test` role and database. Every external
// command has a time limit, so a broken installation fails with a message instead of hanging.
// Run directly (`node scripts/ensure-postgres.mjs`) it prints the URL.
import { existsSync, readdirSync } from 'node:fs';
import { aptInstall, aptSettled, capture, isMain, isRoot, onPath } from './proc.mjs';

const role = 'fco_test';
// A fixed password is fine: the role exists only for tests, and Debian's PostgreSQL listens on loopback only.
const password = 'fco_test';

/** @param {number} port */
const localUrl = (port) => `postgres://${role}:${password}@127.0.0.1:${port}/${role}`;

/**
 * Whether `url` accepts a connection within a few seconds.
 * @param {string} url
 * @returns {Promise<{ ok: boolean, reason?: string }>}
 */
async function canConnect(url) {
  /** @type {any} */
  let pg;
  try {
    pg = (await import('pg')).default;
  } catch {
    return { ok: false, reason: 'the `pg` package is not installed (run `npm ci` first)' };
  }
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000, query_timeout: 5000 });
  try {
    await client.connect();
    await client.query('select 1');
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  } finally {
    await client.end().catch(() => {});
  }
}

/** Installed server versions (directories under /etc/postgresql), newest first. */
export function installedVersions() {
  if (!existsSync('/etc/postgresql')) return [];
  return readdirSync('/etc/postgresql').filter((name) => /^\d+$/.test(name)).sort((a, b) => Number(b) - Number(a));
}

/**
 * The `main` cluster of a version, from `pg_lsclusters` (Ver Cluster Port Status …).
 * @param {string} version
 * @returns {{ port: number, online: boolean } | undefined}
 */
function mainCluster(version) {
  const listed = capture('pg_lsclusters', ['--no-header'], { timeoutMs: 15_000 });
  for (const line of listed.stdout.split('\n')) {
    const [ver, name, port, status] = line.trim().split(/\s+/);
    if (ver === version && name === 'main') return { port: Number(port), online: status === 'online' };
  }
  return undefined;
}

/**
 * Runs SQL as the `postgres` superuser through the local socket.
 * @param {number} port
 * @param {string} sql
 */
function psqlAsPostgres(port, sql) {
  const runAs = onPath('runuser') ? ['runuser', ['-u', 'postgres', '--']] : ['su', ['postgres', '-s', '/bin/sh', '-c']];
  const psql = ['psql', '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-p', String(port), '-d', 'postgres'];
  const [command, prefix] = /** @type {[string, string[]]} */ (runAs);
  const args = command === 'runuser' ? [...prefix, ...psql] : [...prefix, psql.join(' ')];
  return capture(command, args, { input: sql, timeoutMs: 30_000, env: { ...process.env, PGCONNECT_TIMEOUT: '10' } });
}

const createRoleAndDatabase = `
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${role}') THEN
    CREATE ROLE ${role} LOGIN CREATEDB PASSWORD '${password}';
  ELSE
    ALTER ROLE ${role} LOGIN CREATEDB PASSWORD '${password}';
  END IF;
END $$;
SELECT 'CREATE DATABASE ${role} OWNER ${role}' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '${role}') \\gexec
`;

/** @param {string} message @returns {never} */
function fail(message) {
  throw new Error(message);
}

/**
 * Returns a URL of a reachable PostgreSQL database for tests.
 * @returns {Promise<string>}
 */
export async function ensurePostgres() {
  await aptSettled();
  const given = process.env.FCO_TEST_PG_URL;
  if (given) {
    const check = await canConnect(given);
    if (!check.ok) fail(`FCO_TEST_PG_URL does not accept connections: ${check.reason}`);
    return given;
  }

  const existing = mainCluster(installedVersions()[0] ?? '');
  if (existing?.online && (await canConnect(localUrl(existing.port))).ok) return localUrl(existing.port);

  const canAdminister = isRoot();
  const howTo = 'install and start PostgreSQL (`sudo apt-get install -y postgresql && sudo pg_ctlcluster 15 main start`), '
    + 'run this as root, or set FCO_TEST_PG_URL';

  if (installedVersions().length === 0 || !onPath('pg_ctlcluster')) {
    if (!canAdminister || !onPath('apt-get')) fail(`PostgreSQL is not installed: ${howTo}.`);
    const started = Date.now();
    if (!(await aptInstall(['postgresql']))) fail('installing PostgreSQL failed (apt-get install -y postgresql): see the apt output above.');
    console.log(`installed PostgreSQL in ${Math.round((Date.now() - started) / 1000)} s`);
  }

  const version = installedVersions()[0] ?? fail('PostgreSQL is installed but /etc/postgresql has no cluster version.');
  if (!canAdminister) fail(`PostgreSQL ${version} has no usable \`${role}\` database on 127.0.0.1 and this is not root: ${howTo}.`);

  if (!mainCluster(version)) {
    // Debian creates `main` on install unless the image disabled it; create it the same way.
    const created = capture('pg_createcluster', [version, 'main'], { timeoutMs: 120_000 });
    if (!created.ok) fail(`pg_createcluster ${version} main failed: ${(created.error ?? created.stderr).trim()}`);
  }
  const cluster = mainCluster(version) ?? fail(`PostgreSQL ${version} has no \`main\` cluster (pg_lsclusters).`);
  if (!cluster.online) {
    const started = capture('pg_ctlcluster', [version, 'main', 'start'], { timeoutMs: 60_000 });
    if (!started.ok) {
      fail(`pg_ctlcluster ${version} main start failed: ${(started.error ?? started.stderr).trim()} `
        + `(see /var/log/postgresql/postgresql-${version}-main.log)`);
    }
  }

  const setup = psqlAsPostgres(cluster.port, createRoleAndDatabase);
  if (!setup.ok) fail(`creating the ${role} role and database failed: ${(setup.error ?? setup.stderr).trim()}`);

  const url = localUrl(cluster.port);
  const check = await canConnect(url);
  if (!check.ok) fail(`PostgreSQL ${version} is running but ${url.replace(password, '…')} is refused: ${check.reason}`);
  return url;
}

if (isMain(import.meta.url)) {
  try {
    console.log(await ensurePostgres());
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}
