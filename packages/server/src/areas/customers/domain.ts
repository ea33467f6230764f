/** Customer rules: creation with its first admin user, edits, status changes, manual approval and public signup. */
import { ApiProblem } from '../../http/problem.js';
import { mergePatch } from '../../http/merge-patch.js';
import { hashPassword } from '../../identity/passwords.js';
import type { Schema } from '../../spec/types.js';
import { tenantScope } from '../../store/scope.js';
import type { TenantStore } from '../../store/tenant-store.js';
import { billingEntityEntity, type BillingEntity } from '../billing-entities/entity.js';
import { productOfferEntity } from '../products/entity.js';
import { referenced } from '../references.js';
import { userEntity, type User } from '../users/entity.js';
import { customerEntity, type Customer } from './entity.js';

const DEFAULT_LIMITS: Customer['limits'] = {
  maxServers: 20, maxCpus: 64, maxRamMb: 131072, maxStorageGb: 2000, maxDisks: 40, maxImages: 10, maxSnapshots: 40, maxUsers: 25,
};

export interface NewCustomer {
  billingEntity: BillingEntity;
  organisationName: string;
  email: string;
  status: Customer['status'];
  address?: Customer['address'];
  vatNumber?: string | null;
  timeZone?: string;
  paymentType?: Customer['paymentType'];
  creditLimit?: string;
  limits?: Customer['limits'];
  productOfferId?: string | null;
  adminUser: { firstName: string; lastName: string; email: string; passwordHash?: string | null };
  now: Date;
  /** Fixed ids for deterministic seeds; random otherwise. */
  id?: string;
  adminUserId?: string;
}

export function buildCustomer(input: NewCustomer): { customer: Customer; admin: User } {
  const at = input.now.toISOString();
  const currency = input.billingEntity.currency.code;
  const customer: Customer = {
    id: input.id ?? crypto.randomUUID(),
    billingEntityId: input.billingEntity.id,
    billingEntityName: input.billingEntity.name,
    organisationName: input.organisationName,
    email: input.email,
    status: input.status,
    address: input.address ?? {},
    vatNumber: input.vatNumber ?? null,
    timeZone: input.timeZone ?? 'Europe/London',
    paymentType: input.paymentType ?? 'PREPAY',
    balance: { amount: '0.00', currency },
    creditLimit: { amount: input.creditLimit ?? '0.00', currency },
    limits: input.limits ?? DEFAULT_LIMITS,
    productOfferId: input.productOfferId ?? null,
    userCount: 1,
    rejectionReason: null,
    statusReason: null,
    createdAt: at,
    updatedAt: at,
  };
  const admin: User = {
    id: input.adminUserId ?? crypto.randomUUID(),
    customerId: customer.id,
    billingEntityId: customer.billingEntityId,
    firstName: input.adminUser.firstName,
    lastName: input.adminUser.lastName,
    email: input.adminUser.email,
    userType: 'USER',
    admin: true,
    locked: false,
    lastLoginTime: null,
    createdAt: at,
    updatedAt: at,
  };
  return { customer, admin };
}

async function insertCustomer(store: TenantStore, input: NewCustomer): Promise<Customer> {
  return store.transaction(async (tx) => {
    const { customer, admin } = buildCustomer(input);
    const stored = await tx.repository(customerEntity).insert(customer);
    await tx.repository(userEntity).insert({ ...admin, passwordHash: input.adminUser.passwordHash ?? null });
    return stored;
  });
}

/**
 * A customer's product offer: an active offer of the customer's own billing entity. Any other is a 422 at the field
 * (an offer the caller cannot see answers like one that does not exist).
 */
async function checkProductOffer(store: TenantStore, offerId: string, billingEntity: { id: string }): Promise<void> {
  const offer = await referenced(store.repository(productOfferEntity), offerId, '/productOfferId', 'product offer');
  const wrong = offer.billingEntityId !== billingEntity.id
    ? { code: 'mismatch', message: 'must be an offer of the customer\'s own billing entity' }
    : !offer.active ? { code: 'inactive', message: `${offer.name} is not active` } : null;
  if (wrong) {
    throw new ApiProblem('validation_failed', { detail: `/productOfferId: ${wrong.message}.`, errors: [{ location: 'body', pointer: '/productOfferId', ...wrong }] });
  }
}

export async function createCustomer(store: TenantStore, defaultBillingEntityId: string, body: Schema<'CustomerCreate'>, now: Date): Promise<Customer> {
  const billingEntities = store.repository(billingEntityEntity);
  const billingEntity = body.billingEntityId
    ? await referenced(billingEntities, body.billingEntityId, '/billingEntityId', 'billing entity')
    : await billingEntities.get(defaultBillingEntityId);
  if (body.productOfferId) await checkProductOffer(store, body.productOfferId, billingEntity);
  return insertCustomer(store, {
    billingEntity,
    organisationName: body.organisationName,
    email: body.email,
    status: 'ACTIVE',
    ...(body.address ? { address: body.address } : {}),
    vatNumber: body.vatNumber ?? null,
    ...(body.timeZone ? { timeZone: body.timeZone } : {}),
    ...(body.paymentType ? { paymentType: body.paymentType } : {}),
    ...(body.creditLimit ? { creditLimit: body.creditLimit } : {}),
    ...(body.limits ? { limits: body.limits } : {}),
    productOfferId: body.productOfferId ?? null,
    adminUser: body.adminUser,
    now,
  });
}

export function applyCustomerPatch(current: Customer, patch: Schema<'CustomerPatch'>, now: Date): Customer {
  const { creditLimit, address, ...rest } = patch;
  const next = mergePatch(current, rest) as Customer;
  // Fields the schema requires stay present: a cleared optional value is null, a cleared address is empty.
  next.vatNumber = next.vatNumber ?? null;
  next.productOfferId = next.productOfferId ?? null;
  if (address !== undefined) next.address = address === null ? {} : address;
  if (creditLimit !== undefined) next.creditLimit = { amount: creditLimit, currency: current.creditLimit.currency };
  next.updatedAt = now.toISOString();
  return next;
}

/** Edits a customer; a newly chosen product offer must suit it (checkProductOffer). */
export async function updateCustomer(store: TenantStore, id: string, patch: Schema<'CustomerPatch'>, ifMatch: string | undefined, now: Date): Promise<Customer> {
  return store.transaction((tx) =>
    tx.repository(customerEntity).update(id, async (current) => {
      const next = applyCustomerPatch(current, patch, now);
      if (next.productOfferId && next.productOfferId !== current.productOfferId) {
        await checkProductOffer(tx, next.productOfferId, { id: current.billingEntityId });
      }
      return next;
    }, { ifMatch }),
  );
}

export function changeStatus(current: Customer, change: Schema<'CustomerStatusChange'>, now: Date): Customer {
  if (current.status === 'PENDING_APPROVAL') {
    throw new ApiProblem('invalid_state', { detail: 'A customer awaiting approval is approved or rejected, not given a status.' });
  }
  return { ...current, status: change.status, statusReason: change.reason ?? null, updatedAt: now.toISOString() };
}

function assertPending(current: Customer, verb: string): void {
  if (current.status !== 'PENDING_APPROVAL') {
    throw new ApiProblem('invalid_state', { detail: `Only customers awaiting approval can be ${verb}; this one is ${current.status}.` });
  }
}

export function approve(current: Customer, now: Date): Customer {
  assertPending(current, 'approved');
  return { ...current, status: 'ACTIVE', updatedAt: now.toISOString() };
}

export function reject(current: Customer, reason: string, now: Date): Customer {
  assertPending(current, 'rejected');
  return { ...current, status: 'CLOSED', rejectionReason: reason, updatedAt: now.toISOString() };
}

/** Soft: the customer stays, DELETED, out of every list, read and count. */
export async function deleteCustomer(store: TenantStore, id: string, ifMatch: string | undefined, now: Date): Promise<void> {
  await store.repository(customerEntity).update(id, (c) => ({ ...c, status: 'DELETED', updatedAt: now.toISOString() }), { ifMatch });
}

/**
 * The public signup a billing entity's control panel calls. It acts for no principal, so it decides the scope
 * itself: the one billing entity named in the path.
 */
export async function signUp(publicStore: TenantStore, billingEntityId: string, body: Schema<'Signup'>, now: Date): Promise<Schema<'SignupResult'>> {
  const store = publicStore.withScope(tenantScope([billingEntityId]));
  const billingEntity = await store.repository(billingEntityEntity).get(billingEntityId);
  const status = billingEntity.controlPanelOptions.allowAutoSignup ? 'ACTIVE' : 'PENDING_APPROVAL';
  const customer = await insertCustomer(store, {
    billingEntity,
    organisationName: body.organisationName,
    email: body.email,
    status,
    ...(body.address ? { address: body.address } : {}),
    ...(body.timeZone ? { timeZone: body.timeZone } : {}),
    adminUser: { firstName: body.firstName, lastName: body.lastName, email: body.email, passwordHash: await hashPassword(body.password) },
    now,
  });
  return { customerId: customer.id, status };
}
