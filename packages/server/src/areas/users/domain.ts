/** User rules: users belong to a customer in scope; a customer keeps at least one admin user. */
import { ApiProblem } from '../../http/problem.js';
import { mergePatch } from '../../http/merge-patch.js';
import type { Schema } from '../../spec/types.js';
import type { TenantScope } from '../../store/scope.js';
import type { Store } from '../../store/store.js';
import { customerEntity } from '../customers/entity.js';
import { userEntity, type User } from './entity.js';

async function adjustUserCount(store: Store, scope: TenantScope, customerId: string, delta: number, now: Date): Promise<void> {
  await store.repository(customerEntity, scope).update(customerId, (c) => ({ ...c, userCount: Math.max(0, c.userCount + delta), updatedAt: now.toISOString() }));
}

export async function createUser(store: Store, scope: TenantScope, body: Schema<'UserCreate'>, now: Date): Promise<User> {
  return store.transaction(async (tx) => {
    const customer = await tx.repository(customerEntity, scope).get(body.customerId);
    const at = now.toISOString();
    const user: User = {
      id: crypto.randomUUID(),
      customerId: customer.id,
      billingEntityId: customer.billingEntityId,
      firstName: body.firstName,
      lastName: body.lastName,
      email: body.email,
      userType: body.userType ?? 'USER',
      admin: body.admin ?? false,
      locked: false,
      lastLoginTime: null,
      createdAt: at,
      updatedAt: at,
    };
    const stored = await tx.repository(userEntity, scope).insert(user);
    await adjustUserCount(tx, scope, customer.id, +1, now);
    return stored;
  });
}

export function applyUserPatch(current: User, patch: Schema<'UserPatch'>, now: Date): User {
  return { ...mergePatch(current, patch), updatedAt: now.toISOString() };
}

export async function deleteUser(store: Store, scope: TenantScope, id: string, ifMatch: string | undefined, now: Date): Promise<void> {
  await store.transaction(async (tx) => {
    const users = tx.repository(userEntity, scope);
    const deleted = await users.delete(id, { ifMatch }, async (user) => {
      if (!user.admin || !user.customerId) return;
      const admins = await users.count((eb) => eb.and([eb('customer_id', '=', user.customerId), eb('admin', '=', 1)]));
      if (admins <= 1) throw new ApiProblem('invalid_state', { detail: "A customer's last admin user cannot be deleted." });
    });
    if (deleted.customerId) await adjustUserCount(tx, scope, deleted.customerId, -1, now);
  });
}

export function setLocked(current: User, locked: boolean, now: Date): User {
  return { ...current, locked, updatedAt: now.toISOString() };
}
