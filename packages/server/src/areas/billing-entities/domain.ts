/**
 * Billing entity rules: creation under a parent in scope, merge-patch edits, who may switch the Admin page, and
 * deleting only empty billing entities. (Every write raises the table's version, which is how the tree's caches
 * learn of it: identity/billing-tree.ts.)
 */
import { ApiProblem } from '../../http/problem.js';
import { mergePatch } from '../../http/merge-patch.js';
import type { RequestPrincipal } from '../../identity/principal.js';
import type { Schema } from '../../spec/types.js';
import { tenantScope } from '../../store/scope.js';
import type { TenantStore } from '../../store/tenant-store.js';
import { customerEntity } from '../customers/entity.js';
import { productEntity, productOfferEntity } from '../products/entity.js';
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

export async function createBillingEntity(store: TenantStore, principal: RequestPrincipal, body: Schema<'BillingEntityCreate'>, now: Date): Promise<BillingEntity> {
  if (body.adminPageEnabled !== undefined) assertMayToggleAdminPage(principal);
  return store.transaction(async (tx) => {
    const billingEntities = tx.repository(billingEntityEntity);
    const parent = body.parentId
      ? await referenced(billingEntities, body.parentId, '/parentId', 'billing entity')
      : await billingEntities.get(principal.billingEntity.id);
    const child = buildBillingEntity(parent, body, now);
    // The table is the tree: a child of a billing entity in scope joins the scope (what the parent check above allows).
    const scope = tx.scope.all ? tx.scope : tenantScope([...tx.scope.billingEntityIds, child.id], tx.scope.lineage);
    return tx.withScope(scope).repository(billingEntityEntity).insert(child);
  });
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
  store: TenantStore,
  principal: RequestPrincipal,
  id: string,
  patch: Schema<'BillingEntityPatch'>,
  ifMatch: string | undefined,
  now: Date,
): Promise<BillingEntity> {
  return store.repository(billingEntityEntity).update(id, (current) => applyBillingEntityPatch(current, patch, principal, now), { ifMatch });
}

export async function deleteBillingEntity(store: TenantStore, id: string, ifMatch: string | undefined): Promise<void> {
  await store.transaction(async (tx) => {
    const deleted = await tx.repository(billingEntityEntity).delete(id, { ifMatch }, async (current) => {
      if (current.isMaster) throw new ApiProblem('invalid_state', { detail: 'The master billing entity cannot be deleted.' });
      if (current.childCount > 0) {
        throw new ApiProblem('invalid_state', { detail: `${current.name} has billing entities under it; move or delete them first.` });
      }
      const customers = await tx.repository(customerEntity).count({ billingEntityId: current.id });
      if (customers > 0) throw new ApiProblem('invalid_state', { detail: `${current.name} still has ${customers} customer${customers === 1 ? '' : 's'}.` });
    });
    // Its catalogue goes with it: with no customers, nothing is billed by its offers.
    await tx.repository(productOfferEntity).deleteAll({ billingEntityId: deleted.id });
    await tx.repository(productEntity).deleteAll({ billingEntityId: deleted.id });
  });
}
