/**
 * What the browser side of the tests sends to, and gets back from, the store commands that run in the test server's
 * process (store-commands.ts). Kept apart so browser code never pulls in the server's sources.
 */
import type { Schemas } from '@fco-admin/sdk';

/** What `fco-store-insert-customer` receives from a test: the raw strings, unchecked. */
export interface StoredCustomerInput {
  /** A demo billing entity's key: licensee, alpha, alpha-kids, beta or gamma. */
  billingEntity: string;
  status: Schemas['CustomerStatus'];
  organisationName: string;
  email: string;
  statusReason?: string;
  adminUser: { firstName: string; lastName: string; email: string };
}

export interface StoredCustomer {
  customerId: string;
  adminUserId: string;
}
