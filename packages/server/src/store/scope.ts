/**
 * The tenancy scope a request runs under: every billing entity (licensee admins) or an explicit set (a billing
 * entity admin's own BE and its descendants). Computed once per request (identity/principal.ts) and handed to the
 * store, which applies it under every query.
 */
export type TenantScope = { readonly all: true } | BillingEntityScope;

export interface BillingEntityScope {
  readonly all: false;
  readonly billingEntityIds: readonly string[];
  /**
   * The scope's top billing entity and those above it, nearest first (empty when the scope has no single top): what
   * is shared with the tree above reaches the scope through them (an image published to a parent, see images).
   */
  readonly lineage: readonly string[];
}

export const ALL_TENANTS: TenantScope = Object.freeze({ all: true });

export function tenantScope(billingEntityIds: readonly string[], lineage: readonly string[] = []): TenantScope {
  return Object.freeze({ all: false, billingEntityIds: Object.freeze([...billingEntityIds]), lineage: Object.freeze([...lineage]) });
}

export function inScope(scope: TenantScope, billingEntityId: string | null | undefined): boolean {
  if (scope.all) return true;
  return billingEntityId != null && scope.billingEntityIds.includes(billingEntityId);
}
