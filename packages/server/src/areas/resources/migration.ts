import type { Migration } from '../../store/schema.js';
import { createSpecEntityTable } from '../../store/spec-entity.js';
import { RESOURCE_KINDS } from './entity.js';

export const resourcesMigration: Migration = {
  name: 'resources',
  async up(db, dialect) {
    for (const { entity } of RESOURCE_KINDS) await createSpecEntityTable(db, dialect, entity);
  },
};
