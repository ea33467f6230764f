/**
 * The store: one database, its migrations and entity tables, the server secret. Request handlers never hold it: they
 * get `scoped(tenancy)`, a TenantStore bound to the caller's scope. The platform itself (identity, the HTTP layer's
 * idempotency, seeds, tests) uses this class.
 */
import pg from 'pg';
import { Migrator, sql, type Migration as KyselyMigration } from 'kysely';
import { recount } from './counters.js';
import { base64url, randomBytes } from './crypto.js';
import type { Database, Db, DialectName } from './database.js';
import type { EntityDefinition } from './entity.js';
import { PageTokens } from './page-token.js';
import { Records, type RecordTable } from './records.js';
import { COUNT_BOUND, type Repository, type StoreContext } from './repository.js';
import { ALL_TENANTS, type TenantScope } from './scope.js';
import type { Migration } from './schema.js';
import { syncEntityTables } from './sync.js';
import { TenantStore } from './tenant-store.js';
import { TableVersions } from './versions.js';
import { ChangeFeed, type ChangeFeedOptions } from './change-feed.js';
import { transaction } from './change-log.js';
import { PageCache } from './page-cache.js';
import { PositionIndex } from './positions.js';

export interface OpenOptions {
  log?: (message: string) => void;
  /** Filtered lists count exactly up to this many matches, then estimate (default COUNT_BOUND; tests lower it). */
  countBound?: number;
  /** The change log's limits and how it is watched (see change-feed.ts). */
  changeLog?: Omit<ChangeFeedOptions, 'log'>;
  /** Rows between a list's position checkpoints (default POSITION_STEP; tests lower it). */
  positionStep?: number;
  /** Rows between the finer checkpoints inside a step (default a twentieth of the step; tests set it). */
  positionFineStep?: number;
  /** Rows of list pages kept in memory (default ROWS_KEPT; 0: every list is read, as the lists bench needs). */
  listRowsKept?: number;
}

export class Store {
  private constructor(
    /** The database handle: for the store layer, seeds and tests only. */
    readonly db: Db,
    readonly dialect: DialectName,
    /** Signs session JWTs and page tokens. Kept in the database so instances sharing it agree. */
    readonly secret: string,
    readonly pageTokens: PageTokens,
    readonly entities: readonly EntityDefinition<any>[],
    private readonly database: Database,
    private readonly countBound: number,
    /** Checkpoints of lists' orders, learnt by offset seeks; shared by every store bound to this database. */
    private readonly positions: PositionIndex,
    /** Pages of lists kept while the tables they were read from are unchanged; shared like the checkpoints. */
    readonly pages: PageCache,
    /** Wakes the change stream's readers; shared by every store bound to this database (transactions included). */
    readonly changes: ChangeFeed,
    /** Table versions as this database's connection last read them; shared like the checkpoints. */
    private readonly tableVersions: TableVersions,
  ) {}

  /** Runs the migrations, makes the entity tables match their definitions, then loads (or creates once) the secret. */
  static async open(database: Database, migrations: readonly Migration[], entities: readonly EntityDefinition<any>[], options: OpenOptions = {}): Promise<Store> {
    await underMigrationLock(database, async (db) => {
      await runMigrations(db, database, migrations);
      await syncEntityTables(db, database.dialect, entities, options.log);
    });
    const secret = await loadSecret(database.db);
    const changes = new ChangeFeed(database, entities, { ...options.changeLog, ...(options.log ? { log: options.log } : {}) });
    return new Store(database.db, database.dialect, secret, await PageTokens.create(secret), entities, database, options.countBound ?? COUNT_BOUND, new PositionIndex(options.positionStep, options.positionFineStep), new PageCache(options.listRowsKept), changes, new TableVersions());
  }

  private get context(): StoreContext {
    return { db: this.db, dialect: this.dialect, pageTokens: this.pageTokens, countBound: this.countBound, positions: this.positions, pages: this.pages, changes: this.changes, versions: this.tableVersions };
  }

  /** The store bound to a tenancy scope: what request handlers use. */
  scoped(scope: TenantScope): TenantStore {
    return new TenantStore(this.context, scope);
  }

  /** The store for the platform's own reads and writes across every billing entity (identity, seeds). */
  platform(): TenantStore {
    return this.scoped(ALL_TENANTS);
  }

  /** A repository under a scope (every billing entity unless told), for the platform's own code: seeds and tests. */
  repository<T extends { id: string }>(entity: EntityDefinition<T>, scope: TenantScope = ALL_TENANTS): Repository<T> {
    return this.scoped(scope).repository(entity);
  }

  records<R extends Record<string, unknown>>(table: RecordTable<R>): Records<R> {
    return new Records(this.db, table);
  }

  /** The entity table's version: raised by every write to it, on every instance sharing the database. */
  version(entity: EntityDefinition<any>): Promise<number> {
    return this.tableVersions.version(this.db, entity.table);
  }

  /**
   * The versions of tables as one text, equal exactly when none of them changed (versions.ts): entity tables, and the
   * record tables whose triggers keep a version (staff, sessions).
   */
  versions(tables: readonly string[]): Promise<string> {
    return this.tableVersions.versions(this.db, tables);
  }

  /** Runs `fn` with a store bound to one transaction (reused if already inside one). */
  async transaction<R>(fn: (store: Store) => Promise<R>): Promise<R> {
    if (this.db.isTransaction) return fn(this);
    return transaction(this.db, this.changes, (trx) =>
      fn(new Store(trx, this.dialect, this.secret, this.pageTokens, this.entities, this.database, this.countBound, this.positions, this.pages, this.changes, this.tableVersions)),
    );
  }

  /**
   * Runs a bulk load (the demo seed) with the dialect's load-time settings (see Database.bulkLoad), then sets the row
   * counters from what was loaded and, with `statistics`, refreshes the planner's statistics.
   */
  async bulkLoad<R>(load: () => Promise<R>, options: { statistics?: boolean } = {}): Promise<R> {
    const result = this.db.isTransaction ? await load() : await this.database.bulkLoad(load);
    for (const entity of this.entities) await recount(this.db, entity);
    if (options.statistics && !this.db.isTransaction) await refreshStatistics(this.db, this.dialect, this.entities.map((e) => e.table));
    return result;
  }

  /**
   * Runs `seed` if the database is empty, once among instances starting together on one PostgreSQL (the others wait,
   * then find it seeded). Returns whether this instance seeded. SQLite files are served by one process at a time.
   * On PostgreSQL it holds the migration lock: a seed drops and rebuilds indexes, which must not meet another
   * instance's sync creating the same indexes (`create index if not exists` is not safe against a concurrent one) nor
   * any instance's catalogue read.
   */
  async seedIfEmpty(seed: () => Promise<void>): Promise<boolean> {
    const run = async () => {
      if (!(await this.isEmpty())) return false;
      await seed();
      return true;
    };
    return this.dialect === 'postgres' ? withAdvisoryLock(this.database, 'migrate', run) : run();
  }

  /**
   * Runs a change to the database's tables outside the migrations (tests that break the store on purpose, tools) under
   * the migration lock: on PostgreSQL another instance's migrator reads every schema's catalogue, and a table dropped
   * during that read fails its migration with "relation … does not exist".
   */
  alterTables(change: (db: Db) => Promise<unknown>): Promise<void> {
    return underMigrationLock(this.database, async (db) => {
      await change(db);
    });
  }

  async isEmpty(): Promise<boolean> {
    const row = await this.db.selectFrom('billing_entities').select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
    return Number(row?.n ?? 0) === 0;
  }

  async close(): Promise<void> {
    await this.changes.close();
    await this.database.close();
  }
}

/** The planner's statistics after a bulk load (SQLite: sampled, so a million rows take a moment, not a minute). */
async function refreshStatistics(db: Db, dialect: DialectName, tables: readonly string[]): Promise<void> {
  if (dialect === 'postgres') {
    // Vacuumed too, so index-only scans (counts, seeks) need not visit the freshly loaded rows.
    await sql`vacuum analyze ${sql.join(tables.map((t) => sql.table(t)))}`.execute(db);
    return;
  }
  await sql`pragma analysis_limit = 1000`.execute(db);
  await sql`analyze`.execute(db);
}

/** Arbitrary, fixed advisory-lock keys that every FCO Admin Kit instance uses on a PostgreSQL database. */
const LOCK_KEYS = { migrate: 730_455_021 } as const;

/**
 * Runs `fn` while holding a PostgreSQL session lock that every instance takes for the same job, on a connection of
 * its own (handed to `fn`). Advisory locks belong to the whole database, so schemas sharing one (test files) take
 * turns too.
 */
async function withAdvisoryLock<R>(database: Database, job: keyof typeof LOCK_KEYS, fn: (connection: Db) => Promise<R>): Promise<R> {
  const key = sql`${LOCK_KEYS[job]}`;
  return database.db.connection().execute(async (connection) => {
    await sql`select pg_advisory_lock(${key})`.execute(connection);
    try {
      return await fn(connection);
    } finally {
      await sql`select pg_advisory_unlock(${key})`.execute(connection);
    }
  });
}

/**
 * Drops a PostgreSQL schema (tests, benches) while no instance migrates: Kysely's migrator reads every schema's
 * catalogue, and a schema dropped during that read fails the other instance's migration with "schema … does not exist".
 */
export async function dropPostgresSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // A drop that waits on a table some forgotten connection holds would keep the lock, and every instance starting
    // on this database would wait with it: after a while it gives up, with an error, instead.
    await client.query(`set lock_timeout = '60s'`);
    await client.query('select pg_advisory_lock($1)', [LOCK_KEYS.migrate]);
    await client.query(`drop schema if exists "${schema.replace(/"/g, '""')}" cascade`);
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * Runs `fn` while no other instance (or test) migrates the same PostgreSQL database: Kysely's migrator reads every
 * schema's catalogue, which fails on a column another session drops at that moment.
 */
export async function underMigrationLock(database: Database, fn: (db: Db) => Promise<void>): Promise<void> {
  if (database.dialect !== 'postgres') return fn(database.db);
  // Kysely takes its own lock only after looking for its bookkeeping tables, so instances starting together (or test
  // files each migrating their own schema) can race in that look-up. One session lock around the whole run orders them.
  await withAdvisoryLock(database, 'migrate', fn);
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
