/**
 * The billing entity tree as tenancy needs it: who is master, whose Admin page is on, descendants, origins. Every
 * request needs it, so it is read once per change of the billing entities (their table's version, which every
 * instance on a shared database sees), not once per request: an Admin page switched off is refused on the next
 * request, on every instance.
 */
import { billingEntityEntity, type BillingEntity } from '../areas/billing-entities/entity.js';
import type { Store } from '../store/store.js';

export interface BillingNode {
  id: string;
  parentId: string | null;
  name: string;
  isMaster: boolean;
  adminPageEnabled: boolean;
  allowAutoSignup: boolean;
  allowedOrigins: string[];
}

/** The last tree read per store, with the version it was read at. */
const cache = new WeakMap<Store, { version: number; tree: BillingTree }>();

export class BillingTree {
  private readonly children = new Map<string, string[]>();

  constructor(readonly nodes: ReadonlyMap<string, BillingNode>) {
    for (const node of nodes.values()) {
      if (!node.parentId) continue;
      const list = this.children.get(node.parentId) ?? [];
      list.push(node.id);
      this.children.set(node.parentId, list);
    }
  }

  /** The current tree: one version check per call, and a read of the billing entities only after they changed. */
  static async current(store: Store): Promise<BillingTree> {
    const version = await store.version(billingEntityEntity);
    const cached = cache.get(store);
    if (cached && cached.version === version) return cached.tree;
    const tree = BillingTree.of(await store.platform().repository(billingEntityEntity).findAll({}));
    cache.set(store, { version, tree });
    return tree;
  }

  static of(billingEntities: readonly BillingEntity[]): BillingTree {
    const nodes = new Map<string, BillingNode>();
    for (const be of billingEntities) {
      nodes.set(be.id, {
        id: be.id,
        parentId: be.parentId,
        name: be.name,
        isMaster: be.isMaster,
        adminPageEnabled: be.adminPageEnabled,
        allowAutoSignup: be.controlPanelOptions.allowAutoSignup,
        allowedOrigins: be.allowedOrigins,
      });
    }
    return new BillingTree(nodes);
  }

  get(id: string): BillingNode | undefined {
    return this.nodes.get(id);
  }

  /** The billing entity and every descendant (cycle-safe). */
  subtree(id: string): string[] {
    const result: string[] = [];
    const seen = new Set<string>();
    const stack = [id];
    while (stack.length) {
      const current = stack.pop()!;
      if (seen.has(current) || !this.nodes.has(current)) continue;
      seen.add(current);
      result.push(current);
      stack.push(...(this.children.get(current) ?? []));
    }
    return result;
  }

  /** The billing entity and those above it, nearest first (cycle-safe). */
  lineage(id: string): string[] {
    const result: string[] = [];
    for (let node = this.nodes.get(id); node && !result.includes(node.id); node = node.parentId ? this.nodes.get(node.parentId) : undefined) {
      result.push(node.id);
    }
    return result;
  }

  isAllowedOrigin(origin: string): boolean {
    for (const node of this.nodes.values()) if (node.allowedOrigins.includes(origin)) return true;
    return false;
  }
}
