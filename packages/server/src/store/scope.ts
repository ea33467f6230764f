/**
 * The tenancy scope a request runs under: every billing entity (licensee admins) or an explicit set (a billing
 * entity admin's own BE and its descendants). Computed once per request (identity/principal.ts) and handed to the
 * store, which applies it under every query.
 */
export type TenantScope = { readonly all: true } | { readonly all: false; readonly billingEntityIds: readonly string[] };

export const ALL_TENANTS: TenantScope = Object.freeze({ all: true });

export function tenantScope(billingEntityIds: readonly string[]): TenantScope {
  return Object.freeze({ all: false, billingEntityIds: Object.freeze([...billingEntityIds]) });
}

export function inScope(scope: TenantScope, billingEntityId: string | null | undefined): boolean {
  if (scope.all) return true;
  return billingEntityId != null && scope.billingEntityIds.includes(billingEntityId);
}
