/**
 * Saved layouts, one row per admin (keyed by the admin's user id, so an embed token shares its user's layout).
 * Writes are compare-and-swap on the row's `updated_at`: two saves racing from the same version cannot both win,
 * whatever the database's isolation level.
 */
import { ApiProblem } from '../../http/problem.js';
import type { Role } from '../../identity/scopes.js';
import { checkIfMatch } from '../../store/repository.js';
import type { Store } from '../../store/store.js';
import { defaultLayout, type Layout, type LayoutTabs } from './domain.js';

interface Saved {
  layout: Layout;
  updatedAt: string;
}

async function loadSaved(store: Store, userId: string): Promise<Saved | undefined> {
  const row = await store.db.selectFrom('layouts').select(['layout', 'updated_at']).where('staff_id', '=', userId).executeTakeFirst();
  if (!row) return undefined;
  const updatedAt = String(row.updated_at);
  const tabs = JSON.parse(String(row.layout)) as LayoutTabs;
  return { layout: { tabs, isDefault: false, updatedAt }, updatedAt };
}

export async function readLayout(store: Store, userId: string, role: Role): Promise<Layout> {
  return (await loadSaved(store, userId))?.layout ?? defaultLayout(role);
}

const changedSince = () => new ApiProblem('precondition_failed', { detail: 'The layout changed since you read it (in another window?); reload it and redo your change.' });

export async function saveLayout(store: Store, userId: string, role: Role, tabs: LayoutTabs, ifMatch: string | undefined, now: Date): Promise<Layout> {
  const current = await loadSaved(store, userId);
  await checkIfMatch(current?.layout ?? defaultLayout(role), ifMatch);
  // Strictly later than the version replaced, so the compare-and-swap below tells every version apart.
  const floor = current ? Date.parse(current.updatedAt) + 1 : 0;
  const updatedAt = new Date(Math.max(now.getTime(), floor)).toISOString();
  const json = JSON.stringify(tabs);
  if (current) {
    const result = await store.db
      .updateTable('layouts')
      .set({ layout: json, updated_at: updatedAt })
      .where('staff_id', '=', userId)
      .where('updated_at', '=', current.updatedAt)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw changedSince();
  } else {
    const result = await store.db
      .insertInto('layouts')
      .values({ staff_id: userId, layout: json, updated_at: updatedAt })
      .onConflict((oc) => oc.column('staff_id').doNothing())
      .executeTakeFirst();
    if (Number(result.numInsertedOrUpdatedRows ?? 0) !== 1) throw changedSince();
  }
  return { tabs, isDefault: false, updatedAt };
}

export async function resetLayout(store: Store, userId: string, role: Role, ifMatch: string | undefined): Promise<Layout> {
  const current = await loadSaved(store, userId);
  await checkIfMatch(current?.layout ?? defaultLayout(role), ifMatch);
  if (current) {
    const result = await store.db.deleteFrom('layouts').where('staff_id', '=', userId).where('updated_at', '=', current.updatedAt).executeTakeFirst();
    if (Number(result.numDeletedRows) !== 1) throw changedSince();
  }
  return defaultLayout(role);
}
