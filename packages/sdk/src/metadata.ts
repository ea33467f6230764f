// Types over the generated runtime metadata (src/generated/metadata.ts) and the lookup of a method by operationId:
// what code that builds user interfaces from the spec needs to stay checked by the compiler.
import { operationTable } from './generated/operations.js';
import type { Client, OperationId, OperationMethod, OperationResult } from './types.js';

/** The kind of one field of a list item (see the header of src/generated/metadata.ts). */
export type FieldKind =
  | 'text'
  | 'uuid'
  | 'email'
  | 'uri'
  | 'integer'
  | 'number'
  | 'boolean'
  | 'date-time'
  | 'date'
  | 'decimal'
  | 'money'
  | 'mixed'
  | { readonly enum: string; readonly values: readonly string[] }
  | { readonly array: FieldKind }
  | { readonly object: { readonly [field: string]: FieldKind } };

/** A list operation's metadata: `metadata.listServers`. */
export interface ListMetadata {
  readonly id: OperationId;
  /** The spec's schema name of the items (`Customer`): the `kind` of their changes in the change stream. */
  readonly item?: string;
  /** The change stream announces writes of these items (their schema is a `ChangeKind`); absent: it never does. */
  readonly changes?: true;
  readonly fields: { readonly [field: string]: FieldKind };
  readonly filterable: readonly string[];
  readonly sortable: readonly string[];
}

/** The item type of a list, from the operation's answer: `ListItem<typeof metadata.listServers>` is `Server`. */
export type ListItem<M extends ListMetadata> = OperationResult<M['id']> extends { items: readonly (infer Item)[] } ? Item : never;
/** A field the list can sort by; anything else fails to compile. */
export type SortableField<M extends ListMetadata> = M['sortable'][number];
/** A field the list's `filter` accepts. */
export type FilterableField<M extends ListMetadata> = M['filterable'][number];
/** A field of the list's items. */
export type ItemField<M extends ListMetadata> = keyof M['fields'] & keyof ListItem<M> & string;
/** The kind of one field of a list's items. */
export type KindOf<M extends ListMetadata, F extends keyof M['fields']> = M['fields'][F];

/** A request body's field, with the constraints a form checks before sending (`metadata.updateNodeBody`). */
export type BodyField =
  | {
      readonly kind: Exclude<FieldKind, object>;
      readonly nullable?: boolean;
      readonly minLength?: number;
      readonly maxLength?: number;
      readonly minimum?: number;
      readonly maximum?: number;
      readonly pattern?: string;
    }
  | { readonly kind: 'enum'; readonly enum: string | null; readonly values: readonly string[]; readonly nullable?: boolean }
  | { readonly kind: 'array'; readonly items: BodyField; readonly minItems?: number; readonly maxItems?: number; readonly nullable?: boolean }
  | {
      readonly kind: 'object';
      readonly properties: { readonly [field: string]: BodyField };
      readonly required: readonly string[];
      readonly nullable?: boolean;
    };

const methods = new Map<string, [group: string, name: string, pathParams: readonly string[]]>();
for (const [group, entries] of Object.entries(operationTable)) {
  for (const [name, descriptor] of Object.entries(entries)) {
    methods.set(descriptor.id, [group, name, ('pathParams' in descriptor ? descriptor.pathParams : undefined) ?? []]);
  }
}

/** The client's method for an operation, by its operationId: `methodOf(client, 'listServers')`. */
export function methodOf<Id extends OperationId>(client: Client, id: Id): OperationMethod<Id> {
  const entry = methods.get(id);
  if (!entry) throw new TypeError(`No operation ${JSON.stringify(id)} in the spec`);
  const group = (client as unknown as Record<string, Record<string, unknown>>)[entry[0]];
  return group?.[entry[1]] as OperationMethod<Id>;
}

/** The names of an operation's path parameters, in path order (`getServer` → `['serverId']`). */
export function pathParamsOf(id: OperationId): readonly string[] {
  const entry = methods.get(id);
  if (!entry) throw new TypeError(`No operation ${JSON.stringify(id)} in the spec`);
  return entry[2];
}
