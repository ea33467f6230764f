/**
 * The store: one database, its migrations, the server secret, and scoped repositories. Handlers get repositories
 * only through `repository(definition, scope)`, which is how tenancy reaches every query.
 */
import { Migrator, type Migration as KyselyMigration } from 'kysely';
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

  async isEmpty(): Promise<boolean> {
    const row = await this.db.selectFrom('billing_entities').select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
    return Number(row?.n ?? 0) === 0;
  }

  close(): Promise<void> {
    return this.database.close();
  }
}

async function migrate(database: Database, migrations: readonly Migration[]): Promise<void> {
  const order = new Map(migrations.map((m, i) => [m.name, i]));
  const migrator = new Migrator({
    db: database.db,
    provider: {
      async getMigrations() {
        const record: Record<string, KyselyMigration> = {};
        for (const m of migrations) record[m.name] = { up: (db) => m.up(db, database.dialect) };
        return record;
      },
    },
    // The registry's order is the order; names need no numeric prefixes.
    nameComparator: (a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0),
    allowUnorderedMigrations: true,
    // Kysely looks for its bookkeeping tables in every schema; name ours so databases shared by schemas stay apart.
    ...(database.schema ? { migrationTableSchema: database.schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    throw new Error(`Migration ${failed ?? ''} failed: ${(error as Error).message ?? String(error)}`);
  }
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
