/**
 * The store: one database, its migrations, the server secret, and scoped repositories. Handlers get repositories
 * only through `repository(definition, scope)`, which is how tenancy reaches every query.
 */
import { Migrator, sql, type Migration as KyselyMigration } from 'kysely';
import { base64url, randomBytes } from './crypto.js';
import type { Database, Db, DialectName } from './database.js';
import type { EntityDefinition } from './entity.js';
import { PageTokens } from './page-token.js';
import { Repository } from './repository.js';
import type { Migration } from './schema.js';
import type { TenantScope } from './scope.js';

export class Store {
  private constructor(
    readonly db: Db,
    readonly dialect: DialectName,
    /** Signs session JWTs and page tokens. Kept in the database so instances sharing it agree. */
    readonly secret: string,
    readonly pageTokens: PageTokens,
    private readonly database: Database,
  ) {}

  /** Runs the migrations, then loads (or creates once) the server secret. */
  static async open(database: Database, migrations: readonly Migration[]): Promise<Store> {
    await migrate(database, migrations);
    const secret = await loadSecret(database.db);
    return new Store(database.db, database.dialect, secret, await PageTokens.create(secret), database);
  }

  repository<T extends { id: string }>(definition: EntityDefinition<T>, scope: TenantScope): Repository<T> {
    return new Repository(this.db, definition, scope, this.pageTokens);
  }

  /** Runs `fn` with a store bound to one transaction (reused if already inside one). */
  async transaction<R>(fn: (store: Store) => Promise<R>): Promise<R> {
    if (this.db.isTransaction) return fn(this);
    return this.db.transaction().execute((trx) => fn(new Store(trx, this.dialect, this.secret, this.pageTokens, this.database)));
  }

  /** Runs a bulk load (the demo seed) with the dialect's load-time settings; see Database.bulkLoad. */
  bulkLoad<R>(load: () => Promise<R>): Promise<R> {
    return this.db.isTransaction ? load() : this.database.bulkLoad(load);
  }

  /**
   * Runs `seed` if the database is empty, once among instances starting together on one PostgreSQL (the others wait,
   * then find it seeded). Returns whether this instance seeded. SQLite files are served by one process at a time.
   */
  async seedIfEmpty(seed: () => Promise<void>): Promise<boolean> {
    const run = async () => {
      if (!(await this.isEmpty())) return false;
      await seed();
      return true;
    };
    return this.dialect === 'postgres' ? withAdvisoryLock(this.database, 'seed', run, { perSchema: true }) : run();
  }

  async isEmpty(): Promise<boolean> {
    const row = await this.db.selectFrom('billing_entities').select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
    return Number(row?.n ?? 0) === 0;
  }

  close(): Promise<void> {
    return this.database.close();
  }
}

/** Arbitrary, fixed advisory-lock keys that every FCO Admin Kit instance uses on a PostgreSQL database. */
const LOCK_KEYS = { migrate: 730_455_021, seed: 730_455_022 } as const;

/**
 * Runs `fn` while holding a PostgreSQL session lock that every instance takes for the same job, on a connection of
 * its own (handed to `fn`). Advisory locks belong to the whole database; `perSchema` narrows the lock to the
 * connection's schema, so schemas sharing a database (test files) do not wait for each other.
 */
async function withAdvisoryLock<R>(
  database: Database,
  job: keyof typeof LOCK_KEYS,
  fn: (connection: Db) => Promise<R>,
  options: { perSchema?: boolean } = {},
): Promise<R> {
  const key = options.perSchema ? sql`${LOCK_KEYS[job]}, hashtext(current_schema())` : sql`${LOCK_KEYS[job]}`;
  return database.db.connection().execute(async (connection) => {
    await sql`select pg_advisory_lock(${key})`.execute(connection);
    try {
      return await fn(connection);
    } finally {
      await sql`select pg_advisory_unlock(${key})`.execute(connection);
    }
  });
}

async function migrate(database: Database, migrations: readonly Migration[]): Promise<void> {
  if (database.dialect !== 'postgres') return runMigrations(database.db, database, migrations);
  // Kysely takes its own lock only after looking for its bookkeeping tables, so instances starting together (or test
  // files each migrating their own schema) can race in that look-up. One session lock around the whole run orders them.
  await withAdvisoryLock(database, 'migrate', (connection) => runMigrations(connection, database, migrations));
}

async function runMigrations(db: Db, database: Database, migrations: readonly Migration[]): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: {
      async getMigrations() {
        const record: Record<string, KyselyMigration> = {};
        migrations.forEach((m, index) => {
          record[migrationKey(m, index)] = { up: (db) => m.up(db, database.dialect) };
        });
        return record;
      },
    },
    // Kysely looks for its bookkeeping tables in every schema; name ours so databases shared by schemas stay apart.
    ...(database.schema ? { migrationTableSchema: database.schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    throw new Error(`Migration ${failed ?? ''} failed: ${(error as Error).message ?? String(error)}`);
  }
}

/**
 * Kysely runs pending migrations in the order of their names, whatever order the provider lists them in, so the
 * registry's position becomes the name's prefix: `003-customers` runs after `002-identity`. The registry is
 * append-only, so a migration's key never changes once it has run.
 */
export function migrationKey(migration: Migration, index: number): string {
  return `${String(index + 1).padStart(3, '0')}-${migration.name}`;
}

async function loadSecret(db: Db): Promise<string> {
  const read = async () =>
    (await db.selectFrom('settings').select('value').where('key', '=', 'server_secret').executeTakeFirst())?.value as string | undefined;
  const existing = await read();
  if (existing) return existing;
  // Two instances starting together may race: the loser's insert is ignored and both read the winner's secret.
  await db
    .insertInto('settings')
    .values({ key: 'server_secret', value: base64url(randomBytes(32)) })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  return (await read())!;
}
