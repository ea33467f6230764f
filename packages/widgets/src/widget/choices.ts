/** Choice sources shared by widgets: other objects offered by name where a field holds their id. */
import type { ChoiceSource } from './definition.js';

/** Billing entities by name (a licensee's tree is small: one page holds it; a larger one stays an id field). */
export const billingEntityChoices: ChoiceSource = {
  scope: 'billing-entities:read',
  load: async (client, signal) => {
    const page = await client.billingEntities.list({ orderBy: 'name', pageSize: 500, signal });
    if (page.totalSize > page.items.length) throw new RangeError('Too many billing entities to offer as a list');
    return page.items.map((be) => ({ value: be.id, label: be.name }));
  },
};

/** Clusters by name (hardware is the licensee's: a few dozen clusters at most). */
export const clusterChoices: ChoiceSource = {
  scope: 'hardware:read',
  load: async (client, signal) => {
    const page = await client.hardware.listClusters({ orderBy: 'name', pageSize: 500, signal });
    if (page.totalSize > page.items.length) throw new RangeError('Too many clusters to offer as a list');
    return page.items.map((cluster) => ({ value: cluster.id, label: cluster.name }));
  },
};

/** Active product offers by name (what a customer may be put on). */
export const productOfferChoices: ChoiceSource = {
  scope: 'products:read',
  load: async (client, signal) => {
    const page = await client.productOffers.list({ filter: 'active = true', orderBy: 'name', pageSize: 500, signal });
    if (page.totalSize > page.items.length) throw new RangeError('Too many product offers to offer as a list');
    return page.items.map((offer) => ({ value: offer.id, label: offer.name }));
  },
};

/** Customers by name, where the caller has few enough to list (otherwise the field takes a customer's id). */
export const customerChoices: ChoiceSource = {
  scope: 'customers:read',
  load: async (client, signal) => {
    const page = await client.customers.list({ filter: 'status != "DELETED"', orderBy: 'organisationName', pageSize: 500, signal });
    if (page.totalSize > page.items.length) throw new RangeError('Too many customers to offer as a list');
    return page.items.map((customer) => ({ value: customer.id, label: customer.organisationName }));
  },
};

/** Products by name (a billing entity's catalogue is small). */
export const productChoices: ChoiceSource = {
  scope: 'products:read',
  load: async (client, signal) => {
    const page = await client.products.list({ orderBy: 'name', pageSize: 500, signal });
    if (page.totalSize > page.items.length) throw new RangeError('Too many products to offer as a list');
    return page.items.map((product) => ({ value: product.id, label: product.name }));
  },
};

/** FDL code blocks by name (a billing entity has a handful). */
export const fdlCodeBlockChoices: ChoiceSource = {
  scope: 'plugins:read',
  load: async (client, signal) => {
    const page = await client.plugins.listFdlCodeBlocks({ orderBy: 'name', pageSize: 500, signal });
    if (page.totalSize > page.items.length) throw new RangeError('Too many code blocks to offer as a list');
    return page.items.map((block) => ({ value: block.id, label: block.name }));
  },
};
