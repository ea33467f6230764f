/** Every Admin area the server implements. An area adds itself here (and its migration in store/migrations.ts). */
import type { Area } from './area.js';
import { customersArea } from './customers/routes.js';
import { identityArea } from './identity/routes.js';
import { usersArea } from './users/routes.js';
import { invoicesArea } from './invoices/routes.js';
import { imagesArea } from './images/routes.js';
import { layoutArea } from './layout/routes.js';
import { billingEntitiesArea } from './billing-entities/routes.js';
import { productsArea } from './products/routes.js';
import { resourcesArea } from './resources/routes.js';
import { hardwareArea } from './hardware/routes.js';
import { pluginsArea } from './plugins/routes.js';
import { reportsArea } from './reports/routes.js';
import { auditArea } from './audit/routes.js';
import { changesArea } from './changes/routes.js';

export const areas: readonly Area[] = [identityArea, customersArea, usersArea, invoicesArea, imagesArea, layoutArea, billingEntitiesArea, resourcesArea, hardwareArea, pluginsArea, reportsArea, productsArea, auditArea, changesArea];
