/** The billing entity tree as tenancy needs it: who is master, whose Admin page is on, descendants, origins. */
import type { Db } from '../store/database.js';

export interface BillingNode {
  id: string;
  parentId: string | null;
  name: string;
  isMaster: boolean;
  adminPageEnabled: boolean;
  allowAutoSignup: boolean;
  allowedOrigins: string[];
}

let generation = 0;

/** Called after every write to billing entities, so caches of the tree in this process (CORS) reload at once. */
export function billingTreeChanged(): void {
  generation++;
}

export function billingTreeGeneration(): number {
  return generation;
}

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

  static async load(db: Db): Promise<BillingTree> {
    const rows = await db.selectFrom('billing_entities').select(['id', 'parent_id', 'name', 'is_master', 'admin_page_enabled', 'data']).execute();
    const nodes = new Map<string, BillingNode>();
    for (const row of rows) {
      const data = JSON.parse(String(row.data)) as { allowedOrigins?: string[]; controlPanelOptions?: { allowAutoSignup?: boolean } };
      nodes.set(String(row.id), {
        id: String(row.id),
        parentId: row.parent_id == null ? null : String(row.parent_id),
        name: String(row.name),
        isMaster: Number(row.is_master) === 1,
        adminPageEnabled: Number(row.admin_page_enabled) === 1,
        allowAutoSignup: Boolean(data.controlPanelOptions?.allowAutoSignup),
        allowedOrigins: data.allowedOrigins ?? [],
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

  isAllowedOrigin(origin: string): boolean {
    for (const node of this.nodes.values()) if (node.allowedOrigins.includes(origin)) return true;
    return false;
  }
}
