/** The requests the Customers filter bar makes, for the lists bench and the plans it prints (bench/plans.ts). */
import { operation } from '../src/spec/document.js';

/** A request of the filter bar: its name, its query, and whether the server is to refuse it (`search_too_short`). */
export type FilterBarRequest = [name: string, query: Record<string, string>, refused?: 'refused'];

/**
 * The requests a filter bar makes: each filter alone, combined, every sortable column both ways, contains searches
 * (those of fewer than three letters in a row are refused at a million customers, unless other filters narrow them).
 */
export function filterBarRequests(alphaId: string): FilterBarRequest[] {
  const sortable = operation('listCustomers').list!.sortable;
  const list: FilterBarRequest[] = [['page 1 (default order)', {}]];
  for (const field of sortable) for (const dir of ['', ' desc']) list.push([`orderBy=${field}${dir}`, { orderBy: `${field}${dir}` }]);
  for (const status of ['ACTIVE', 'ADMIN', 'DISABLED', 'CLOSED', 'PENDING_APPROVAL']) list.push([`status = ${status}`, { filter: `status = "${status}"` }]);
  for (const payment of ['PREPAY', 'INVOICE']) list.push([`paymentType = ${payment}`, { filter: `paymentType = "${payment}"` }]);
  list.push(
    ['billingEntityId = Alpha', { filter: `billingEntityId = "${alphaId}"` }],
    ['createdAt >= 2026-06-01', { filter: 'createdAt >= "2026-06-01T00:00:00Z"' }],
    ['organisationName : "aur" (contains)', { filter: 'organisationName : "aur"' }],
    ['name or email : "aur" (the filter bar\'s search)', { filter: 'organisationName : "aur" OR email : "aur"' }],
    ['billingEntityName : "alpha" (contains, joined)', { filter: 'billingEntityName : "alpha"' }],
    ['organisationName : "zzq" (contains, rare)', { filter: 'organisationName : "zzq"' }],
    ['email : "zzz" (contains, rare)', { filter: 'email : "zzz"' }],
    ['organisationName : "Ärzte" (contains, beyond ASCII)', { filter: 'organisationName : "Ärzte"' }],
    ['email : "billing" (contains, every row)', { filter: 'email : "billing"' }],
    ['email : "first_last" (contains, LIKE wildcard)', { filter: 'email : "first_last"' }],
    ['name or email : "zq" (two letters: refused)', { filter: 'organisationName : "zq" OR email : "zq"' }, 'refused'],
    ['organisationName : "ö" (one letter: refused)', { filter: 'organisationName : "ö"' }, 'refused'],
    ['organisationName = "North*" (prefix)', { filter: 'organisationName = "North*"' }],
    ['status = ACTIVE, orderBy=organisationName', { filter: 'status = "ACTIVE"', orderBy: 'organisationName' }],
    ['status = CLOSED, orderBy=email desc', { filter: 'status = "CLOSED"', orderBy: 'email desc' }],
    ['status = ACTIVE AND paymentType = INVOICE', { filter: 'status = "ACTIVE" AND paymentType = "INVOICE"' }],
    ['status = PENDING_APPROVAL AND paymentType = PREPAY, orderBy=updatedAt', { filter: 'status = "PENDING_APPROVAL" AND paymentType = "PREPAY"', orderBy: 'updatedAt' }],
    ['status = ACTIVE AND organisationName : "aur"', { filter: 'status = "ACTIVE" AND organisationName : "aur"' }],
    ['status = ADMIN AND billingEntityId = Alpha AND organisationName : "zq" (narrowed)', { filter: `status = "ADMIN" AND billingEntityId = "${alphaId}" AND organisationName : "zq"` }],
    ['paymentType = INVOICE AND email : "zzz", orderBy=organisationName', { filter: 'paymentType = "INVOICE" AND email : "zzz"', orderBy: 'organisationName' }],
    ['(status = DISABLED OR status = CLOSED) AND createdAt >= 2026-01-01', { filter: '(status = "DISABLED" OR status = "CLOSED") AND createdAt >= "2026-01-01T00:00:00Z"' }],
  );
  return list;
}

