import type { Migration } from '../../store/schema.js';
import { createSpecEntityTable } from '../../store/spec-entity.js';
import { hardwareEntities } from './entity.js';

export const hardwareMigration: Migration = {
  name: 'hardware',
  async up(db, dialect) {
    for (const entity of hardwareEntities) await createSpecEntityTable(db, dialect, entity);
  },
};
