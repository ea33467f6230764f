import { createIndex, createTable, type Migration } from '../../store/schema.js';

/** Server settings (the secret), admin staff, sessions and stored idempotent responses. API keys are an entity. */
export const identityMigration: Migration = {
  name: 'identity',
  async up(db, dialect) {
    await createTable(db, dialect, 'settings', {
      key: { type: 'text', primaryKey: true },
      value: { type: 'text', notNull: true },
    });
    // Admin users of billing entities (the people who use the Admin page), not customers' users.
    await createTable(db, dialect, 'staff', {
      id: { type: 'id', primaryKey: true },
      billing_entity_id: { type: 'id', notNull: true },
      email: { type: 'sort-text', notNull: true, unique: true },
      first_name: { type: 'text', notNull: true },
      last_name: { type: 'text', notNull: true },
      password_hash: { type: 'text', notNull: true },
      locked: { type: 'boolean', notNull: true, defaultTo: 0 },
      created_at: { type: 'timestamp', notNull: true },
    });
    await createIndex(db, 'staff', ['billing_entity_id']);
    // Sessions and embed sessions; a JWT is valid only while its row exists and is not revoked.
    await createTable(db, dialect, 'sessions', {
      id: { type: 'id', primaryKey: true },
      staff_id: { type: 'id', notNull: true },
      token_type: { type: 'text', notNull: true },
      created_at: { type: 'timestamp', notNull: true },
      expires_at: { type: 'timestamp', notNull: true },
      revoked: { type: 'boolean', notNull: true, defaultTo: 0 },
    });
    await createIndex(db, 'sessions', ['expires_at']);
    await createTable(db, dialect, 'idempotency_keys', {
      principal: { type: 'text', notNull: true },
      key: { type: 'text', notNull: true },
      operation_id: { type: 'text', notNull: true },
      request_hash: { type: 'text', notNull: true },
      status: { type: 'integer', notNull: true },
      headers: { type: 'json', notNull: true },
      body: { type: 'text', notNull: true },
      created_at: { type: 'timestamp', notNull: true },
    }, (t) => t.addPrimaryKeyConstraint('idempotency_keys_pk', ['principal', 'key']));
    await createIndex(db, 'idempotency_keys', ['created_at']);
  },
};
