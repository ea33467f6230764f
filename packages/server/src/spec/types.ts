/** Types of the spec's schemas, from the SDK's generated types (never written by hand). */
import type { components } from '@fco-admin/sdk';

export type Schemas = components['schemas'];
export type Schema<Name extends keyof Schemas> = Schemas[Name];
