/**
 * Spec-driven helpers for the systematic tests (tenancy matrix, bad input): valid sample bodies generated from an
 * operation's request schema, and the list operation / owner field behind each kind of path id — derived from the
 * spec's paths, so a new operation is covered without editing a table.
 */
import { operations, resolve, type JsonSchema, type OperationSpec } from '../src/spec/document.js';

/** Supplies a real id for a body property named like `customerId` (null: any well-formed UUID will do). */
export type IdFor = (propertyName: string) => string | null;

const FALLBACK_UUID = '0b5f7a52-3c1e-4d59-9a57-6f1f2f0e9a11';

/** The schema with `$ref`s followed and `allOf` parts merged (enough for the request schemas of the spec). */
export function flatten(node: unknown): JsonSchema {
  const schema = resolve(node);
  if (!Array.isArray(schema.allOf)) return schema;
  const merged: JsonSchema = { ...schema, allOf: undefined };
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const part of (schema.allOf as unknown[]).map(flatten)) {
    Object.assign(merged, { ...part, properties: undefined, required: undefined });
    Object.assign(properties, part.properties ?? {});
    required.push(...((part.required as string[] | undefined) ?? []));
  }
  Object.assign(properties, schema.properties ?? {});
  required.push(...((schema.required as string[] | undefined) ?? []));
  return { ...merged, type: 'object', properties, required };
}

export function propertiesOf(schema: JsonSchema): Record<string, JsonSchema> {
  return (flatten(schema).properties ?? {}) as Record<string, JsonSchema>;
}

export function requiredOf(schema: JsonSchema): string[] {
  return (flatten(schema).required as string[] | undefined) ?? [];
}

/** The JSON type a schema declares (the first non-null one). */
export function typeOf(node: unknown): string | undefined {
  const schema = flatten(node);
  if (Array.isArray(schema.type)) return (schema.type as string[]).find((t) => t !== 'null');
  if (typeof schema.type === 'string') return schema.type;
  if (schema.properties) return 'object';
  const variants = (schema.oneOf ?? schema.anyOf) as unknown[] | undefined;
  if (variants) return variants.map(typeOf).find((t) => t && t !== 'null');
  if (schema.enum) return typeof (schema.enum as unknown[])[0];
  if (schema.const !== undefined) return typeof schema.const;
  return undefined;
}

/** A value of the wrong JSON type for a schema. */
export function wrongTypeValue(node: unknown): unknown {
  switch (typeOf(node)) {
    case 'string': return 12345;
    case 'integer': case 'number': return 'not-a-number';
    case 'boolean': return 'yes';
    case 'array': return { not: 'an array' };
    default: return ['not', 'an', 'object'];
  }
}

/** A small value that validates against the schema; `name` is the property it is for. */
export function sampleValue(node: unknown, idFor: IdFor, name = ''): unknown {
  const schema = flatten(node);
  if (schema.const !== undefined) return schema.const;
  const examples = schema.examples as unknown[] | undefined;
  if (/Id$/.test(name) && (schema.format === 'uuid' || resolve(node) !== schema || typeOf(schema) === 'string')) {
    const id = idFor(name);
    if (id) return id;
  }
  if (examples?.length) return examples[0];
  if (schema.example !== undefined) return schema.example;
  if (schema.default !== undefined && schema.default !== null) return schema.default;
  if (Array.isArray(schema.enum)) return (schema.enum as unknown[]).find((v) => v !== null);
  const variants = (schema.oneOf ?? schema.anyOf) as unknown[] | undefined;
  if (variants) return sampleValue(variants.find((v) => typeOf(v) !== 'null') ?? variants[0], idFor, name);
  switch (typeOf(schema)) {
    case 'object': {
      const out: Record<string, unknown> = {};
      const properties = propertiesOf(schema);
      const required = requiredOf(schema);
      // Merge patches have no required fields but must change something: set the first property.
      const names = required.length ? required : Object.keys(properties).slice(0, Math.max(1, Number(schema.minProperties ?? 1)));
      for (const key of names) if (properties[key]) out[key] = sampleValue(properties[key], idFor, key);
      const extra = schema.additionalProperties;
      if (Object.keys(out).length < Number(schema.minProperties ?? 0) && extra && typeof extra === 'object') out.sample = sampleValue(extra, idFor);
      return out;
    }
    case 'array': {
      const count = Number(schema.minItems ?? 0);
      return Array.from({ length: count }, () => sampleValue(schema.items, idFor, name));
    }
    case 'integer': case 'number': return Number(schema.minimum ?? 1);
    case 'boolean': return true;
    case 'string': return sampleString(schema);
    default: return null;
  }
}

function sampleString(schema: JsonSchema): string {
  switch (schema.format) {
    case 'uuid': return FALLBACK_UUID;
    case 'email': return 'sample@example.org';
    case 'uri': case 'url': return 'https://example.org/';
    case 'date-time': return '2026-01-01T00:00:00Z';
    case 'date': return '2026-01-01';
    default: return 'x'.repeat(Math.max(1, Number(schema.minLength ?? 1)));
  }
}

/** A valid body for an operation, or undefined when it takes none. */
export function sampleBody(op: OperationSpec, idFor: IdFor): unknown {
  return op.requestBody ? sampleValue(op.requestBody.schema, idFor) : undefined;
}

export function pathParams(op: OperationSpec): string[] {
  return op.parameters.filter((p) => p.in === 'path').map((p) => p.name);
}

function getAt(path: string): OperationSpec | undefined {
  return [...operations.values()].find((o) => o.method === 'get' && o.path === path);
}

/** The list operation a path id comes from: the GET on the path up to that id (`/v1/customers` for customerId). */
export function listOperationFor(op: OperationSpec, param: string): OperationSpec {
  const path = op.path.slice(0, op.path.indexOf(`/{${param}}`));
  const list = getAt(path);
  if (!list?.list) throw new Error(`${op.operationId}: no list operation at ${path} for {${param}}`);
  return list;
}

/**
 * The GET that reads the object a write addresses: the deepest readable object id in its path, or for objects
 * without an id (the caller's layout) the deepest single-object GET above it.
 */
export function readOperationFor(op: OperationSpec): OperationSpec | undefined {
  const segments = op.path.split('/');
  const prefixes = segments.map((_, i) => segments.slice(0, segments.length - i).join('/')).filter((p) => p.length > 1);
  const byId = prefixes.filter((p) => p.endsWith('}')).map(getAt).find((read) => read);
  return byId ?? prefixes.map(getAt).find((read) => read && !read.list);
}

/** The field of a list item naming the billing entity that owns it (null: the item is not tenant data). */
export function ownerField(list: OperationSpec): 'id' | 'billingEntityId' | 'ownerBillingEntityId' | null {
  const properties = propertiesOf(list.list!.itemSchema);
  if ('ownerBillingEntityId' in properties) return 'ownerBillingEntityId';
  if (list.path === '/v1/billing-entities') return 'id';
  // A publication's billingEntityId is the receiving billing entity; the image's owner owns it.
  if ('billingEntityId' in properties && !list.path.includes('{')) return 'billingEntityId';
  return null;
}
