import { createTable, type Migration } from '../../store/schema.js';

/** Each admin's Admin page layout (tabs and widgets) as JSON; absent means the role's default layout. */
export const layoutMigration: Migration = {
  name: 'layout',
  async up(db, dialect) {
    await createTable(db, dialect, 'layouts', {
      staff_id: { type: 'id', primaryKey: true },
      layout: { type: 'json', notNull: true },
      updated_at: { type: 'timestamp', notNull: true },
    });
  },
};
