import { sql } from 'kysely';
import type { Schema } from '../../spec/types.js';
import { countOf } from '../../store/counters.js';
import type { EntityDefinition } from '../../store/entity.js';
import { specEntity } from '../../store/spec-entity.js';
import { customerEntity } from '../customers/entity.js';

export type BillingEntity = Schema<'BillingEntity'>;

export const billingEntityEntity: EntityDefinition<BillingEntity> = specEntity<BillingEntity>({
  name: 'billing entity',
  table: 'billing_entities',
  listOperation: 'listBillingEntities',
  // The table is the tenancy tree itself: a billing entity is in scope when its own id is.
  scopeField: 'id',
  defaultOrder: [{ field: 'name', desc: false }],
  lookups: ['parentId'],
  // Counted when read, so no write elsewhere has to keep them: customers from their counters, children by parent.
  computed: {
    customerCount: { kind: 'sql', type: 'integer', select: (ref) => countOf(customerEntity, ref('id')) },
    childCount: {
      kind: 'sql',
      type: 'integer',
      select: (ref) => sql`(select count(*) from billing_entities as children where children.parent_id = ${ref('id')})`,
    },
  },
});
