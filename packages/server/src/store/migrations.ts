/**
 * Every migration, in the order they run. Entity tables are not migrated here: they follow their definitions
 * (store/entities.ts, store/sync.ts). Migrations make the other tables (settings, sessions, layouts, usage, sign-in
 * attempts) and one-off changes. Append; never reorder or rename one that has shipped.
 */
import { sql } from 'kysely';
import { identityMigration } from '../areas/identity/migration.js';
import { layoutMigration } from '../areas/layout/migration.js';
import { pluginsMigration } from '../areas/plugins/migration.js';
import { reportsMigration } from '../areas/reports/migration.js';
import { signInThrottleMigration } from '../identity/sign-in-throttle.js';
import { superseded, type Migration } from './schema.js';
import { changeLogMigration } from './change-log.js';
import { versionTriggersMigration } from './versions.js';
import { sessionsTable, staffTable } from '../identity/records.js';

export const migrations: readonly Migration[] = [
  superseded('billing-entities'),
  identityMigration,
  superseded('customers'),
  superseded('users'),
  layoutMigration,
  superseded('invoices'),
  superseded('images'),
  superseded('hardware'),
  superseded('resources'),
  pluginsMigration,
  reportsMigration,
  superseded('products'),
  superseded('product-offer-usage'),
  signInThrottleMigration,
  {
    // `inUse` of products and offers is computed by their definitions now; the views that derived it go.
    name: 'drop-in-use-views',
    async up(db) {
      await sql`drop view if exists product_offer_rows`.execute(db);
      await sql`drop view if exists product_rows`.execute(db);
    },
  },
  changeLogMigration,
  // The principal kept per token is read from these; its cache must see every write to them, by hand ones included.
  versionTriggersMigration('staff-and-sessions-versions', [staffTable.table, sessionsTable.table]),
];
