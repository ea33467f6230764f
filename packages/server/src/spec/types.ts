/** Types of the spec's schemas, from the SDK's generated types (never written by hand). */
import type { components, operations } from '@fco-admin/sdk';

export type Schemas = components['schemas'];
export type Schema<Name extends keyof Schemas> = Schemas[Name];

/** The spec's operation ids (`listCustomers`, …), from the SDK's generated operations. */
export type OperationId = keyof operations & string;
