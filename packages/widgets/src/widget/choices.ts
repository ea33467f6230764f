/** Choice sources shared by widgets: other objects offered by name where a field holds their id. */
import type { Client } from '@fco-admin/sdk';
import type { Scope } from '../api/types.js';
import type { ChoiceSource } from './definition.js';

/**
 * Objects offered by name, read in one page of up to 500: a list longer than that is not offered (the field stays an
 * id field), so a choice never silently leaves some out.
 */
function byName<Item extends { id: string }>(
  scope: Scope,
  list: (client: Client, signal: AbortSignal) => Promise<{ items: Item[]; totalSize: number }>,
  name: (item: Item) => string,
): ChoiceSource {
  return {
    scope,
    load: async (client, signal) => {
      const page = await list(client, signal);
      if (page.totalSize > page.items.length) throw new RangeError('Too many to offer as a list');
      return page.items.map((item) => ({ value: item.id, label: name(item) }));
    },
  };
}

const pageSize = 500;

/** Billing entities by name (a licensee's tree is small: one page holds it; a larger one stays an id field). */
export const billingEntityChoices = byName('billing-entities:read', (client, signal) =>
  client.billingEntities.list({ orderBy: 'name', pageSize, signal }), (be) => be.name);

/** Clusters by name (hardware is the licensee's: a few dozen clusters at most). */
export const clusterChoices = byName('hardware:read', (client, signal) =>
  client.hardware.listClusters({ orderBy: 'name', pageSize, signal }), (cluster) => cluster.name);

/** Active product offers by name (what a customer may be put on). */
export const productOfferChoices = byName('products:read', (client, signal) =>
  client.productOffers.list({ filter: 'active = true', orderBy: 'name', pageSize, signal }), (offer) => offer.name);

/** Customers by name, where the caller has few enough to list (otherwise the field takes a customer's id). */
export const customerChoices = byName(
  'customers:read',
  (client, signal) => client.customers.list({ filter: 'status != "DELETED"', orderBy: 'organisationName', pageSize, signal }),
  (customer) => customer.organisationName,
);

/** Products by name (a billing entity's catalogue is small). */
export const productChoices = byName('products:read', (client, signal) =>
  client.products.list({ orderBy: 'name', pageSize, signal }), (product) => product.name);

/** FDL code blocks by name (a billing entity has a handful). */
export const fdlCodeBlockChoices = byName('plugins:read', (client, signal) =>
  client.plugins.listFdlCodeBlocks({ orderBy: 'name', pageSize, signal }), (block) => block.name);
