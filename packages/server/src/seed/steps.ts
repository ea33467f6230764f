/** The demo seed, step by step. An area adds its step here, after the steps whose rows it refers to. */
import { billingEntitiesSeed } from '../areas/billing-entities/seed.js';
import { customersSeed } from '../areas/customers/seed.js';
import { staffSeed } from '../areas/identity/seed.js';
import type { SeedStep } from './seed.js';
import { invoicesSeed } from '../areas/invoices/seed.js';
import { imagesSeed } from '../areas/images/seed.js';
import { hardwareSeed } from '../areas/hardware/seed.js';
import { resourcesSeed } from '../areas/resources/seed.js';
import { pluginsSeed } from '../areas/plugins/seed.js';
import { reportsSeed } from '../areas/reports/seed.js';
import { productsSeed } from '../areas/products/seed.js';
import { auditSeed } from '../areas/audit/seed.js';

export const seedSteps: readonly SeedStep[] = [billingEntitiesSeed, staffSeed, customersSeed, invoicesSeed, imagesSeed, hardwareSeed, resourcesSeed, pluginsSeed, reportsSeed, productsSeed, auditSeed];
