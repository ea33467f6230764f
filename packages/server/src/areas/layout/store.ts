/**
 * Saved layouts, one row per admin (keyed by the admin's user id, so an embed token shares its user's layout).
 * Writes are compare-and-swap on the row's `updated_at`: two saves racing from the same version cannot both win,
 * whatever the database's isolation level.
 */
import { ApiProblem } from '../../http/problem.js';
import { recordTable } from '../../store/records.js';
import { checkIfMatch } from '../../store/repository.js';
import type { TenantStore } from '../../store/tenant-store.js';
import { defaultLayout, type Layout, type LayoutCaller, type LayoutTabs } from './domain.js';

const layouts = recordTable<{ staff_id: string; layout: string; updated_at: string }>('layouts');

interface Saved {
  layout: Layout;
  updatedAt: string;
}

async function loadSaved(store: TenantStore, userId: string): Promise<Saved | undefined> {
  const row = await store.records(layouts).find({ staff_id: userId });
  if (!row) return undefined;
  const updatedAt = String(row.updated_at);
  const tabs = JSON.parse(String(row.layout)) as LayoutTabs;
  return { layout: { tabs, isDefault: false, updatedAt }, updatedAt };
}

export async function readLayout(store: TenantStore, userId: string, caller: LayoutCaller): Promise<Layout> {
  return (await loadSaved(store, userId))?.layout ?? defaultLayout(caller);
}

const changedSince = () => new ApiProblem('precondition_failed', { detail: 'The layout changed since you read it (in another window?); reload it and redo your change.' });

export async function saveLayout(store: TenantStore, userId: string, caller: LayoutCaller, tabs: LayoutTabs, ifMatch: string | undefined, now: Date): Promise<Layout> {
  const current = await loadSaved(store, userId);
  await checkIfMatch(current?.layout ?? defaultLayout(caller), ifMatch);
  // Strictly later than the version replaced, so the compare-and-swap below tells every version apart.
  const floor = current ? Date.parse(current.updatedAt) + 1 : 0;
  const updatedAt = new Date(Math.max(now.getTime(), floor)).toISOString();
  const json = JSON.stringify(tabs);
  if (current) {
    const updated = await store.records(layouts).update({ staff_id: userId, updated_at: current.updatedAt }, { layout: json, updated_at: updatedAt });
    if (updated !== 1) throw changedSince();
  } else {
    const inserted = await store.records(layouts).insert({ staff_id: userId, layout: json, updated_at: updatedAt }, { ifAbsent: ['staff_id'] });
    if (!inserted) throw changedSince();
  }
  return { tabs, isDefault: false, updatedAt };
}

export async function resetLayout(store: TenantStore, userId: string, caller: LayoutCaller, ifMatch: string | undefined): Promise<Layout> {
  const current = await loadSaved(store, userId);
  await checkIfMatch(current?.layout ?? defaultLayout(caller), ifMatch);
  if (current) {
    const deleted = await store.records(layouts).delete({ staff_id: userId, updated_at: current.updatedAt });
    if (deleted !== 1) throw changedSince();
  }
  return defaultLayout(caller);
}
