/**
 * The demo billing entity tree: the licensee, Alpha and its child Alpha Kids (each with its own Admin page: images
 * published to Alpha reach Alpha Kids), Beta (manual approval) and Gamma (no Admin page).
 */
import type { SeedContext, SeedStep } from '../../seed/seed.js';
import { stableId } from '../../seed/random.js';
import { insertRows, entityRows } from '../../store/bulk.js';
import { billingEntityEntity, type BillingEntity } from './entity.js';

export interface DemoBillingEntity {
  key: 'licensee' | 'alpha' | 'alpha-kids' | 'beta' | 'gamma';
  name: string;
  parent: DemoBillingEntity['key'] | null;
  adminPageEnabled: boolean;
  allowAutoSignup: boolean;
  domain: string;
  currency: BillingEntity['currency'];
  /** Share of the demo customers. */
  share: number;
}

export const DEMO_BILLING_ENTITIES: readonly DemoBillingEntity[] = [
  { key: 'licensee', name: 'Licensee Cloud', parent: null, adminPageEnabled: true, allowAutoSignup: true, domain: 'licensee.demo', currency: { code: 'EUR', symbol: '€', decimalPlaces: 2 }, share: 0.1 },
  { key: 'alpha', name: 'Alpha Cloud', parent: 'licensee', adminPageEnabled: true, allowAutoSignup: true, domain: 'alpha.demo', currency: { code: 'GBP', symbol: '£', decimalPlaces: 2 }, share: 0.3 },
  { key: 'alpha-kids', name: 'Alpha Kids Hosting', parent: 'alpha', adminPageEnabled: true, allowAutoSignup: true, domain: 'kids.alpha.demo', currency: { code: 'GBP', symbol: '£', decimalPlaces: 2 }, share: 0.1 },
  { key: 'beta', name: 'Beta Hosting', parent: 'licensee', adminPageEnabled: true, allowAutoSignup: false, domain: 'beta.demo', currency: { code: 'USD', symbol: '$', decimalPlaces: 2 }, share: 0.3 },
  { key: 'gamma', name: 'Gamma Networks', parent: 'licensee', adminPageEnabled: false, allowAutoSignup: true, domain: 'gamma.demo', currency: { code: 'EUR', symbol: '€', decimalPlaces: 2 }, share: 0.2 },
];

export const demoBillingEntityId = (key: DemoBillingEntity['key']) => stableId(`billing-entity:${key}`);
export const demoBillingEntityName = (key: DemoBillingEntity['key']) => DEMO_BILLING_ENTITIES.find((be) => be.key === key)!.name;

/** Origins of local development pages (example portal, Storybook, test runners), allowed on every demo BE. */
export const LOCAL_DEMO_ORIGINS = ['http://localhost:8788', 'http://127.0.0.1:8788', 'http://localhost:8000', 'http://127.0.0.1:8000', 'http://localhost:6006', 'http://127.0.0.1:6006'];

export function demoBillingEntities(context: Pick<SeedContext, 'now' | 'extraOrigins'>): BillingEntity[] {
  const at = new Date(context.now.getTime() - 3 * 365 * 86400_000).toISOString();
  return DEMO_BILLING_ENTITIES.map((be) => ({
    id: demoBillingEntityId(be.key),
    name: be.name,
    parentId: be.parent ? demoBillingEntityId(be.parent) : null,
    isMaster: be.parent === null,
    billingType: be.parent === null ? 'MASTERBILL' : 'REGULARBILL',
    currency: be.currency,
    address: { line1: '1 Demo Street', city: 'Edinburgh', postalCode: 'EH1 1AA', country: 'GB' },
    vatNumber: null,
    controlPanelUrl: `https://cp.${be.domain}`,
    adminControlPanelUrl: `https://admin.${be.domain}`,
    controlPanelOptions: {
      allowAutoSignup: be.allowAutoSignup,
      allowInvites: true,
      allowViewInvoices: true,
      allowPdfInvoices: true,
      allowPaymentViaControlPanel: be.key !== 'beta',
      allowCustomerBranding: false,
      allowApiKeys: true,
      allowCustomerSelfClose: false,
      requireEmailVerification: be.key === 'beta',
    },
    adminPageEnabled: be.adminPageEnabled,
    allowedOrigins: [...new Set([`https://portal.${be.domain.replace(/\.demo$/, '.example')}`, ...LOCAL_DEMO_ORIGINS, ...context.extraOrigins])],
    emailSettings: { fromAddress: `noreply@${be.domain}`, replyTo: null, supportEmail: `support@${be.domain}` },
    customerCount: 0,
    childCount: DEMO_BILLING_ENTITIES.filter((child) => child.parent === be.key).length,
    createdAt: at,
    updatedAt: at,
  }));
}

export const billingEntitiesSeed: SeedStep = {
  name: 'billing-entities',
  async run(context) {
    await insertRows(context.store.db, 'billing_entities', entityRows(billingEntityEntity, demoBillingEntities(context)));
    context.progress('billing-entities', DEMO_BILLING_ENTITIES.length, DEMO_BILLING_ENTITIES.length);
  },
};
