import type { Schema } from '../../spec/types.js';
import { defineEntity } from '../../store/entity.js';

export type BillingEntity = Schema<'BillingEntity'>;

export const billingEntityEntity = defineEntity<BillingEntity>({
  name: 'billing entity',
  table: 'billing_entities',
  // The table is the tenancy tree itself: a billing entity is in scope when its own id is.
  scopeColumn: 'id',
  dataColumn: 'data',
  columns: {
    id: { column: 'id', type: 'text' },
    parentId: { column: 'parent_id', type: 'text' },
    name: { column: 'name', type: 'text' },
    isMaster: { column: 'is_master', type: 'boolean' },
    billingType: { column: 'billing_type', type: 'text' },
    adminPageEnabled: { column: 'admin_page_enabled', type: 'boolean' },
    vatNumber: { column: 'vat_number', type: 'text' },
    customerCount: { column: 'customer_count', type: 'integer' },
    childCount: { column: 'child_count', type: 'integer' },
    createdAt: { column: 'created_at', type: 'timestamp' },
    updatedAt: { column: 'updated_at', type: 'timestamp' },
  },
  defaultOrder: [{ field: 'name', desc: false }],
  fieldOrder: [
    'id', 'name', 'parentId', 'isMaster', 'billingType', 'currency', 'address', 'vatNumber', 'controlPanelUrl',
    'adminControlPanelUrl', 'controlPanelOptions', 'adminPageEnabled', 'allowedOrigins', 'emailSettings',
    'customerCount', 'childCount', 'createdAt', 'updatedAt',
  ],
});
