/**
 * Billing entity rules: creation under a parent in scope, merge-patch edits, who may switch the Admin page, and
 * deleting only empty billing entities. Every write tells the tree's caches (CORS) that the tree changed.
 */
import { sql } from 'kysely';
import { ApiProblem } from '../../http/problem.js';
import { mergePatch } from '../../http/merge-patch.js';
import { billingTreeChanged } from '../../identity/billing-tree.js';
import type { RequestPrincipal } from '../../identity/principal.js';
import type { Schema } from '../../spec/types.js';
import { tenantScope } from '../../store/scope.js';
import type { Store } from '../../store/store.js';
import { customerEntity } from '../customers/entity.js';
import { referenced } from '../references.js';
import { billingEntityEntity, type BillingEntity } from './entity.js';

/**
 * Control-panel options a new billing entity starts with. Auto signup starts off: a new reseller approves signups
 * until it decides otherwise.
 */
export const DEFAULT_CONTROL_PANEL_OPTIONS: BillingEntity['controlPanelOptions'] = {
  allowAutoSignup: false,
  allowInvites: true,
  allowViewInvoices: true,
  allowPdfInvoices: true,
  allowPaymentViaControlPanel: true,
  allowCustomerBranding: false,
  allowApiKeys: true,
  allowCustomerSelfClose: false,
  requireEmailVerification: true,
};

function assertMayToggleAdminPage(principal: RequestPrincipal): void {
  if (principal.role !== 'LICENSEE_ADMIN') {
    throw new ApiProblem('forbidden', { detail: 'Only the licensee decides whether a billing entity\'s admins may use the Admin page.' });
  }
}

export function buildBillingEntity(parent: BillingEntity, body: Schema<'BillingEntityCreate'>, now: Date, id: string = crypto.randomUUID()): BillingEntity {
  const at = now.toISOString();
  return {
    id,
    name: body.name,
    parentId: parent.id,
    isMaster: false,
    billingType: body.billingType ?? 'REGULARBILL',
    currency: body.currency,
    address: body.address ?? {},
    vatNumber: body.vatNumber ?? null,
    controlPanelUrl: body.controlPanelUrl ?? null,
    adminControlPanelUrl: body.adminControlPanelUrl ?? null,
    controlPanelOptions: { ...DEFAULT_CONTROL_PANEL_OPTIONS, ...body.controlPanelOptions },
    adminPageEnabled: body.adminPageEnabled ?? false,
    allowedOrigins: body.allowedOrigins ?? [],
    // Mail goes out from the parent's address until the billing entity sets its own.
    emailSettings: { fromAddress: parent.emailSettings.fromAddress, replyTo: null, supportEmail: null, ...body.emailSettings },
    customerCount: 0,
    childCount: 0,
    createdAt: at,
    updatedAt: at,
  };
}

export async function createBillingEntity(store: Store, principal: RequestPrincipal, body: Schema<'BillingEntityCreate'>, now: Date): Promise<BillingEntity> {
  if (body.adminPageEnabled !== undefined) assertMayToggleAdminPage(principal);
  const created = await store.transaction(async (tx) => {
    const billingEntities = tx.repository(billingEntityEntity, principal.tenancy);
    const parent = body.parentId
      ? await referenced(billingEntities, body.parentId, '/parentId', 'billing entity')
      : await billingEntities.get(principal.billingEntity.id);
    const child = buildBillingEntity(parent, body, now);
    // The table is the tree: a child of a billing entity in scope joins the scope (what the parent check above allows).
    const withChild = principal.tenancy.all ? principal.tenancy : tenantScope([...principal.tenancy.billingEntityIds, child.id]);
    await tx.repository(billingEntityEntity, withChild).insert(child);
    await adjustChildCount(tx, parent.id, +1);
    return child;
  });
  billingTreeChanged();
  return created;
}

export function applyBillingEntityPatch(current: BillingEntity, patch: Schema<'BillingEntityPatch'>, principal: RequestPrincipal, now: Date): BillingEntity {
  if (patch.adminPageEnabled !== undefined && patch.adminPageEnabled !== current.adminPageEnabled) {
    assertMayToggleAdminPage(principal);
    if (current.isMaster) throw new ApiProblem('invalid_state', { detail: 'The licensee\'s own Admin page cannot be switched off.' });
  }
  const next = mergePatch(current, patch);
  // Fields the representation requires stay present: cleared values are null (an address, empty).
  next.address = next.address ?? {};
  next.vatNumber = next.vatNumber ?? null;
  next.controlPanelUrl = next.controlPanelUrl ?? null;
  next.adminControlPanelUrl = next.adminControlPanelUrl ?? null;
  next.emailSettings = { ...next.emailSettings, replyTo: next.emailSettings.replyTo ?? null, supportEmail: next.emailSettings.supportEmail ?? null };
  next.updatedAt = now.toISOString();
  return next;
}

export async function updateBillingEntity(
  store: Store,
  principal: RequestPrincipal,
  id: string,
  patch: Schema<'BillingEntityPatch'>,
  ifMatch: string | undefined,
  now: Date,
): Promise<BillingEntity> {
  const updated = await store
    .repository(billingEntityEntity, principal.tenancy)
    // The counters are kept by other writes (signups, children): leave them as the database has them.
    .update(id, (current) => applyBillingEntityPatch(current, patch, principal, now), { ifMatch }, {
      customer_count: sql`customer_count`,
      child_count: sql`child_count`,
    });
  billingTreeChanged();
  return updated;
}

export async function deleteBillingEntity(store: Store, principal: RequestPrincipal, id: string, ifMatch: string | undefined): Promise<void> {
  await store.transaction(async (tx) => {
    const deleted = await tx.repository(billingEntityEntity, principal.tenancy).delete(id, { ifMatch }, async (current) => {
      if (current.isMaster) throw new ApiProblem('invalid_state', { detail: 'The master billing entity cannot be deleted.' });
      const children = await tx.db.selectFrom('billing_entities').select((eb) => eb.fn.countAll().as('n')).where('parent_id', '=', current.id).executeTakeFirst();
      if (Number(children?.n ?? 0) > 0) {
        throw new ApiProblem('invalid_state', { detail: `${current.name} has billing entities under it; move or delete them first.` });
      }
      const customers = await tx.repository(customerEntity, principal.tenancy).count((eb) => eb('customers.billing_entity_id', '=', current.id));
      if (customers > 0) throw new ApiProblem('invalid_state', { detail: `${current.name} still has ${customers} customer${customers === 1 ? '' : 's'}.` });
    });
    // Its catalogue goes with it: with no customers, nothing is billed by its offers.
    await tx.db.deleteFrom('product_offers').where('billing_entity_id', '=', deleted.id).execute();
    await tx.db.deleteFrom('products').where('billing_entity_id', '=', deleted.id).execute();
    if (deleted.parentId) await adjustChildCount(tx, deleted.parentId, -1);
  });
  billingTreeChanged();
}

async function adjustChildCount(store: Store, billingEntityId: string, delta: number): Promise<void> {
  await store.db
    .updateTable('billing_entities')
    .set((eb) => ({ child_count: eb('child_count', '+', delta) }))
    .where('id', '=', billingEntityId)
    .execute();
}
