/** Every area's migration, in the order they run. An area adds its migration here (append; never reorder). */
import { billingEntitiesMigration } from '../areas/billing-entities/migration.js';
import { customersMigration } from '../areas/customers/migration.js';
import { identityMigration } from '../areas/identity/migration.js';
import { layoutMigration } from '../areas/layout/migration.js';
import { usersMigration } from '../areas/users/migration.js';
import type { Migration } from './schema.js';
import { invoicesMigration } from '../areas/invoices/migration.js';
import { imagesMigration } from '../areas/images/migration.js';
import { hardwareMigration } from '../areas/hardware/migration.js';
import { resourcesMigration } from '../areas/resources/migration.js';
import { pluginsMigration } from '../areas/plugins/migration.js';
import { reportsMigration } from '../areas/reports/migration.js';
import { productOfferUsageMigration, productsMigration } from '../areas/products/migration.js';
import { signInThrottleMigration } from '../identity/sign-in-throttle.js';

export const migrations: readonly Migration[] = [
  billingEntitiesMigration,
  identityMigration,
  customersMigration,
  usersMigration,
  layoutMigration,
  invoicesMigration,
  imagesMigration,
  hardwareMigration,
  resourcesMigration,
  pluginsMigration,
  reportsMigration,
  productsMigration,
  productOfferUsageMigration,
  signInThrottleMigration,
];
