import { sql } from 'kysely';
import type { DialectName } from '../../store/database.js';
import { createIndex, createListIndexes, createTable, type Migration } from '../../store/schema.js';

/** A reference to a product offer kept inside a row's JSON (customers, disks), as both dialects extract it. */
const offerInJson = (dialect: DialectName, alias: string) =>
  dialect === 'sqlite' ? `json_extract(${alias}data, '$.productOfferId')` : `(${alias}data::jsonb ->> 'productOfferId')`;

/** The indexed form of that reference: text (in ids' byte collation), so it compares with ids through the index. */
const offerKey = (dialect: DialectName, alias: string) =>
  dialect === 'sqlite' ? `cast(${offerInJson(dialect, alias)} as text)` : `(${offerInJson(dialect, alias)} collate "C")`;

/** A partial index of the rows of `table` that refer to an offer in their JSON (most refer to none). */
const offerReferenceIndex = (dialect: DialectName, table: string) =>
  sql.raw(`create index if not exists ${table}__product_offer on ${table} (${offerKey(dialect, '')}) where ${offerInJson(dialect, '')} is not null`);

/**
 * Products and offers, and the views that derive `inUse` from real references. The references get indexes (partial
 * ones for JSON references, which are mostly null) so deriving `inUse` stays cheap at a million customers.
 */
export const productsMigration: Migration = {
  name: 'products',
  async up(db, dialect) {
    await createTable(db, dialect, 'products', {
      id: { type: 'id', primaryKey: true },
      billing_entity_id: { type: 'id', notNull: true },
      name: { type: 'sort-text', notNull: true },
      associated_type: { type: 'sort-text', notNull: true },
      created_at: { type: 'timestamp', notNull: true },
      updated_at: { type: 'timestamp', notNull: true },
      data: { type: 'json', notNull: true },
    });
    await createListIndexes(db, 'products', ['name', 'associated_type', 'created_at', 'updated_at'], 'billing_entity_id');

    await createTable(db, dialect, 'product_offers', {
      id: { type: 'id', primaryKey: true },
      billing_entity_id: { type: 'id', notNull: true },
      product_id: { type: 'id', notNull: true },
      name: { type: 'sort-text', notNull: true },
      billing_period: { type: 'sort-text', notNull: true },
      unit_type: { type: 'sort-text', notNull: true },
      active: { type: 'boolean', notNull: true },
      created_at: { type: 'timestamp', notNull: true },
      updated_at: { type: 'timestamp', notNull: true },
      data: { type: 'json', notNull: true },
    });
    await createListIndexes(db, 'product_offers', ['name', 'billing_period', 'unit_type', 'created_at', 'updated_at'], 'billing_entity_id');
    await createIndex(db, 'product_offers', ['product_id']);

    await offerReferenceIndex(dialect, 'customers').execute(db);
    await sql.raw(`create view product_rows as
      select p.*, case when exists (select 1 from product_offers o where o.product_id = p.id) then 1 else 0 end as in_use
      from products p`).execute(db);
  },
};

/**
 * The offers' `inUse` view reads the resources' tables, so it runs after the resources migration. Kysely runs
 * pending migrations in name order, so the name sorts after "resources" too.
 */
export const productOfferUsageMigration: Migration = {
  name: 'product-offer-usage',
  async up(db, dialect) {
    await createIndex(db, 'servers', ['product_offer_id']);
    await offerReferenceIndex(dialect, 'disks').execute(db);
    await sql.raw(`create view product_offer_rows as
      select o.*, case when
        exists (select 1 from customers c where ${offerKey(dialect, 'c.')} = o.id and ${offerInJson(dialect, 'c.')} is not null and c.status <> 'DELETED')
        or exists (select 1 from servers s where s.product_offer_id = o.id)
        or exists (select 1 from disks d where ${offerKey(dialect, 'd.')} = o.id and ${offerInJson(dialect, 'd.')} is not null)
      then 1 else 0 end as in_use
      from product_offers o`).execute(db);
  },
};
