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
