/** User rules: users belong to a customer in scope; a customer keeps at least one admin user. */
import { ApiProblem } from '../../http/problem.js';
import { mergePatch } from '../../http/merge-patch.js';
import type { Schema } from '../../spec/types.js';
import type { Repository } from '../../store/repository.js';
import type { TenantStore } from '../../store/tenant-store.js';
import { customerEntity } from '../customers/entity.js';
import { referenced } from '../references.js';
import { userEntity, type User } from './entity.js';

async function adjustUserCount(store: TenantStore, customerId: string, delta: number, now: Date): Promise<void> {
  await store.repository(customerEntity).update(customerId, (c) => ({ ...c, userCount: Math.max(0, c.userCount + delta), updatedAt: now.toISOString() }));
}

export async function createUser(store: TenantStore, body: Schema<'UserCreate'>, now: Date): Promise<User> {
  return store.transaction(async (tx) => {
    const customer = await referenced(tx.repository(customerEntity), body.customerId, '/customerId', 'customer');
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
    const stored = await tx.repository(userEntity).insert(user);
    await adjustUserCount(tx, customer.id, +1, now);
    return stored;
  });
}

export function applyUserPatch(current: User, patch: Schema<'UserPatch'>, now: Date): User {
  return { ...mergePatch(current, patch), updatedAt: now.toISOString() };
}

/**
 * A customer keeps at least one admin user (who manages the others in the control panel): the last one can be
 * neither deleted nor made a plain user. Checked inside the write's transaction.
 */
async function assertNotLastAdmin(users: Repository<User>, user: User, change: 'deleted' | 'made a plain user'): Promise<void> {
  if (!user.admin || !user.customerId) return;
  const admins = await users.count({ customerId: user.customerId, admin: true });
  if (admins <= 1) {
    throw new ApiProblem('invalid_state', {
      detail: `${user.firstName} ${user.lastName} is the customer's last admin user and cannot be ${change}: make another user an admin first.`,
    });
  }
}

export async function updateUser(store: TenantStore, id: string, patch: Schema<'UserPatch'>, ifMatch: string | undefined, now: Date): Promise<User> {
  return store.transaction(async (tx) => {
    const users = tx.repository(userEntity);
    return users.update(id, async (current) => {
      if (patch.admin === false) await assertNotLastAdmin(users, current, 'made a plain user');
      return applyUserPatch(current, patch, now);
    }, { ifMatch });
  });
}

export async function deleteUser(store: TenantStore, id: string, ifMatch: string | undefined, now: Date): Promise<void> {
  await store.transaction(async (tx) => {
    const users = tx.repository(userEntity);
    const deleted = await users.delete(id, { ifMatch }, (user) => assertNotLastAdmin(users, user, 'deleted'));
    if (deleted.customerId) await adjustUserCount(tx, deleted.customerId, -1, now);
  });
}

export function setLocked(current: User, locked: boolean, now: Date): User {
  return { ...current, locked, updatedAt: now.toISOString() };
}
