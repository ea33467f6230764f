/**
 * The demo catalogue: the same products for every demo billing entity (servers, disks, IP addresses, image licences,
 * bandwidth, snapshots), offers priced in each billing entity's currency, and real references so `inUse` means
 * something: a bounded number of customers choose a server offer, and the demo servers are billed by one.
 */
import type { SeedContext, SeedStep } from '../../seed/seed.js';
import { stableId } from '../../seed/random.js';
import { entityRows, insertRows } from '../../store/bulk.js';
import { DEMO_BILLING_ENTITIES, demoBillingEntities, demoBillingEntityId } from '../billing-entities/seed.js';
import { productEntity, productOfferEntity, type Product, type ProductOffer } from './entity.js';

/** What the seed writes: `inUse` and the billing entity's name are computed when read. */
type StoredProduct = Omit<Product, 'inUse' | 'billingEntityName'>;
type StoredProductOffer = Omit<ProductOffer, 'inUse' | 'billingEntityName'>;

/** Customers given an offer: bounded, so the seed stays fast at a million customers. */
const MAX_CUSTOMERS_WITH_OFFERS = 2000;
const DAY_MS = 86400_000;

type ProductKey = 'server' | 'disk' | 'ip' | 'image' | 'bandwidth' | 'snapshot';

const int = (key: string, name: string, min: number, max: number, value: number) =>
  ({ key, name, validator: 'NUMERIC_INT', validatorArgs: { min: String(min), max: String(max) }, value: String(value) }) as const;
const choice = (key: string, name: string, options: string[]) =>
  ({ key, name, validator: 'ENUM', validatorArgs: { options }, value: options[0]! }) as const;
const measured = (key: string, name: string, unit: string) => ({ key, name, unit });

const PRODUCTS: ReadonlyArray<Pick<StoredProduct, 'name' | 'description' | 'associatedType' | 'components'> & { key: ProductKey }> = [
  {
    key: 'server', name: 'Virtual server', associatedType: 'SERVER', description: 'A virtual server billed per CPU hour and GB-hour of RAM.',
    components: [
      { name: 'CPU', referenceField: 'cpu', configurableValues: [int('cpus', 'CPUs', 1, 64, 2)], measuredValues: [measured('cpuHours', 'CPU hours', 'hour')], optional: false },
      { name: 'RAM', referenceField: 'ramMb', configurableValues: [int('ramGb', 'RAM (GB)', 1, 512, 4)], measuredValues: [measured('ramGbHours', 'GB-hours of RAM', 'GB-hour')], optional: false },
    ],
  },
  {
    key: 'disk', name: 'Block storage', associatedType: 'DISK', description: 'Disks, standard or SSD, billed per GB-month.',
    components: [{ name: 'Storage', referenceField: 'sizeGb', configurableValues: [choice('tier', 'Tier', ['standard', 'ssd'])], measuredValues: [measured('storageGbMonths', 'GB-months', 'GB-month')], optional: false }],
  },
  {
    key: 'ip', name: 'Public IP address', associatedType: 'IP_ADDRESS', description: 'An IPv4 address routed to a server.',
    components: [{ name: 'Address', referenceField: 'address', configurableValues: [], measuredValues: [measured('ipHours', 'Address hours', 'hour')], optional: false }],
  },
  {
    key: 'image', name: 'Operating system licence', associatedType: 'IMAGE', description: 'Licences of commercial images, per server hour.',
    components: [{ name: 'Licence', referenceField: 'imageId', configurableValues: [choice('os', 'Operating system', ['windows-server', 'rhel'])], measuredValues: [measured('licenceHours', 'Licensed hours', 'hour')], optional: false }],
  },
  {
    key: 'bandwidth', name: 'Internet bandwidth', associatedType: 'NETWORK', description: 'Outbound traffic to the internet.',
    components: [
      { name: 'Egress', referenceField: 'egress', configurableValues: [int('includedGb', 'Included GB', 0, 100000, 1000)], measuredValues: [measured('egressGb', 'GB out', 'GB')], optional: false },
      { name: 'Burst', referenceField: 'burst', configurableValues: [], measuredValues: [measured('burstMbps', 'Burst above commit', 'Mbps')], optional: true },
    ],
  },
  {
    key: 'snapshot', name: 'Snapshots', associatedType: 'SNAPSHOT', description: 'Point-in-time copies of disks and servers.',
    components: [{ name: 'Storage', referenceField: 'sizeGb', configurableValues: [], measuredValues: [measured('snapshotGbMonths', 'GB-months', 'GB-month')], optional: false }],
  },
];

type OfferTemplate = Pick<StoredProductOffer, 'name' | 'billingPeriod' | 'unitType' | 'componentConfig' | 'active'> & { key: string; product: ProductKey; price: number };

// Snapshots have no offer yet: a product that is not in use.
const OFFERS: readonly OfferTemplate[] = [
  { key: 'server-small-hourly', product: 'server', name: 'Small server, hourly', billingPeriod: 'HOURLY', unitType: 'NONCARRYOVER', price: 0.02, active: true, componentConfig: [{ componentName: 'CPU', key: 'cpus', value: '1' }, { componentName: 'RAM', key: 'ramGb', value: '2' }] },
  { key: 'server-standard-monthly', product: 'server', name: 'Standard server, monthly', billingPeriod: 'MONTHLY', unitType: 'NONCARRYOVER', price: 24, active: true, componentConfig: [{ componentName: 'CPU', key: 'cpus', value: '2' }, { componentName: 'RAM', key: 'ramGb', value: '4' }] },
  { key: 'server-large-annual', product: 'server', name: 'Large server, yearly', billingPeriod: 'ANNUALLY', unitType: 'NONCARRYOVER', price: 960, active: true, componentConfig: [{ componentName: 'CPU', key: 'cpus', value: '8' }, { componentName: 'RAM', key: 'ramGb', value: '32' }] },
  { key: 'server-standard-2024', product: 'server', name: 'Standard server, monthly (2024 price)', billingPeriod: 'MONTHLY', unitType: 'NONCARRYOVER', price: 28, active: false, componentConfig: [{ componentName: 'CPU', key: 'cpus', value: '2' }, { componentName: 'RAM', key: 'ramGb', value: '4' }] },
  { key: 'disk-standard', product: 'disk', name: 'Standard disk, per GB-month', billingPeriod: 'MONTHLY', unitType: 'NONCARRYOVER', price: 0.05, active: true, componentConfig: [{ componentName: 'Storage', key: 'tier', value: 'standard' }] },
  { key: 'disk-ssd', product: 'disk', name: 'SSD disk, per GB-month', billingPeriod: 'MONTHLY', unitType: 'NONCARRYOVER', price: 0.12, active: true, componentConfig: [{ componentName: 'Storage', key: 'tier', value: 'ssd' }] },
  { key: 'ip-monthly', product: 'ip', name: 'Public IPv4, monthly', billingPeriod: 'MONTHLY', unitType: 'NONCARRYOVER', price: 3, active: true, componentConfig: [] },
  { key: 'ip-setup', product: 'ip', name: 'Public IPv4, set-up fee', billingPeriod: 'ONE_OFF', unitType: 'NONCARRYOVER', price: 5, active: true, componentConfig: [] },
  { key: 'windows-hourly', product: 'image', name: 'Windows Server licence, hourly', billingPeriod: 'HOURLY', unitType: 'NONCARRYOVER', price: 0.04, active: true, componentConfig: [{ componentName: 'Licence', key: 'os', value: 'windows-server' }] },
  { key: 'bandwidth-monthly', product: 'bandwidth', name: '1 TB transfer, monthly', billingPeriod: 'MONTHLY', unitType: 'CARRYOVER', price: 9, active: true, componentConfig: [{ componentName: 'Egress', key: 'includedGb', value: '1000' }] },
  { key: 'bandwidth-daily', product: 'bandwidth', name: '50 GB transfer, daily', billingPeriod: 'DAILY', unitType: 'NONCARRYOVER', price: 0.6, active: true, componentConfig: [{ componentName: 'Egress', key: 'includedGb', value: '50' }] },
  { key: 'bandwidth-weekly', product: 'bandwidth', name: '250 GB transfer, weekly', billingPeriod: 'WEEKLY', unitType: 'CARRYOVER', price: 2.5, active: true, componentConfig: [{ componentName: 'Egress', key: 'includedGb', value: '250' }] },
];

/** Local price levels: the same catalogue costs a little more in some currencies. */
const PRICE_LEVEL: Record<string, number> = { GBP: 1, EUR: 1.15, USD: 1.25 };

export const demoProductId = (billingEntityKey: string, product: ProductKey) => stableId(`product:${billingEntityKey}:${product}`);
export const demoProductOfferId = (billingEntityKey: string, offer: string) => stableId(`product-offer:${billingEntityKey}:${offer}`);

export const productsSeed: SeedStep = {
  name: 'products',
  async run(context: SeedContext) {
    const random = context.random('products');
    const billingEntities = demoBillingEntities(context);
    const products: StoredProduct[] = [];
    const offers: StoredProductOffer[] = [];
    DEMO_BILLING_ENTITIES.forEach((demo, i) => {
      const billingEntity = billingEntities[i]!;
      const since = context.now.getTime() - random.int(300, 900) * DAY_MS;
      for (const product of PRODUCTS) {
        const at = new Date(since + random.int(0, 30) * DAY_MS).toISOString();
        const { key, ...fields } = product;
        products.push({ id: demoProductId(demo.key, key), ...fields, billingEntityId: billingEntity.id, createdAt: at, updatedAt: at });
      }
      for (const offer of OFFERS) {
        const created = since + random.int(30, 200) * DAY_MS;
        const { key, product, price, ...fields } = offer;
        const { code, decimalPlaces } = billingEntity.currency;
        offers.push({
          id: demoProductOfferId(demo.key, key),
          ...fields,
          description: null,
          productId: demoProductId(demo.key, product),
          billingEntityId: billingEntity.id,
          price: { amount: (price * (PRICE_LEVEL[code] ?? 1)).toFixed(decimalPlaces), currency: code },
          clusterIds: [],
          createdAt: new Date(created).toISOString(),
          updatedAt: new Date(created + random.int(0, 60) * DAY_MS).toISOString(),
        });
      }
    });
    await context.store.transaction(async (tx) => {
      await insertRows(tx.db, 'products', entityRows(productEntity, products as Product[]));
      await insertRows(tx.db, 'product_offers', entityRows(productOfferEntity, offers as ProductOffer[]));
    });
    context.progress('products', products.length + offers.length, products.length + offers.length);
    await chooseOffers(context);
  },
};

/**
 * Real references: the first customers (at most MAX_CUSTOMERS_WITH_OFFERS) choose one of their billing entity's
 * server offers or none, and every demo server is billed by its billing entity's hourly server offer.
 */
async function chooseOffers(context: SeedContext): Promise<void> {
  const random = context.random('products:customers');
  const byBillingEntity = new Map(DEMO_BILLING_ENTITIES.map((demo) => [demoBillingEntityId(demo.key), demo.key]));
  await context.store.transaction(async (tx) => {
    const customers = await tx.db
      .selectFrom('customers')
      .select(['id', 'billing_entity_id'])
      .where('status', 'in', ['ACTIVE', 'ADMIN', 'DISABLED'])
      .orderBy('id')
      .limit(MAX_CUSTOMERS_WITH_OFFERS)
      .execute();
    for (const [done, row] of customers.entries()) {
      const key = byBillingEntity.get(String(row.billing_entity_id));
      const offer = random.weighted<string | null>([['server-standard-monthly', 3], ['server-large-annual', 1], [null, 4]]);
      if (!key || !offer) continue;
      await tx.db.updateTable('customers').set({ product_offer_id: demoProductOfferId(key, offer) }).where('id', '=', row.id).execute();
      if (done % 500 === 0) context.progress('customer offers', done, customers.length);
    }
    for (const [billingEntityId, key] of byBillingEntity) {
      await tx.db.updateTable('servers').set({ product_offer_id: demoProductOfferId(key, 'server-small-hourly') }).where('billing_entity_id', '=', billingEntityId).execute();
    }
  });
  context.progress('customer offers', 1, 1);
}
