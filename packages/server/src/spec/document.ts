/**
 * The OpenAPI document the server implements, and an index of its operations. Everything the HTTP layer enforces
 * (security scopes, parameters, bodies, list fields, declared headers) is read from here, so a route cannot forget it.
 */
import specJson from '@fco-admin/openapi/fco-admin.json' with { type: 'json' };

export type JsonSchema = Record<string, unknown>;
export type OpenApiDocument = { paths: Record<string, Record<string, unknown>>; components: Record<string, Record<string, unknown>> } & Record<string, unknown>;

export const spec = specJson as unknown as OpenApiDocument;

export const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export interface ParameterSpec {
  name: string;
  in: 'query' | 'path' | 'header';
  required: boolean;
  schema: JsonSchema;
}

export interface ListSpec {
  filterable: string[];
  sortable: string[];
  /** The schema of one item of the list (resolved, without `$ref` at the top). */
  itemSchema: JsonSchema;
}

export interface OperationSpec {
  operationId: string;
  method: HttpMethod;
  /** The path as written in the spec, `/v1/customers/{customerId}`. */
  path: string;
  /** JSON pointer of the operation inside the document (for Ajv `$ref`s). */
  pointer: string;
  /** null: public operation; otherwise the scopes a bearer token needs. */
  requiredScopes: string[] | null;
  parameters: ParameterSpec[];
  requestBody: { required: boolean; contentTypes: string[]; schemaPointer: string; schema: JsonSchema } | null;
  responses: Record<string, { headers: string[]; contentTypes: string[] }>;
  list: ListSpec | null;
  /** The schema of the JSON body of the success response, resolved (null when it has none). */
  responseSchema: JsonSchema | null;
  /** Whether the operation honours Idempotency-Key. */
  hasIdempotencyKey: boolean;
  /** Whether the operation writes a versioned object and so refuses to run without If-Match (428). */
  requiresIfMatch: boolean;
}

export function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Follows local `$ref`s (`#/components/...`) until a concrete object. */
export function resolve<T = JsonSchema>(node: unknown): T {
  let current = node as Record<string, unknown>;
  for (let hops = 0; hops < 20 && current && typeof current.$ref === 'string'; hops++) {
    const ref = current.$ref as string;
    if (!ref.startsWith('#/')) throw new Error(`Only local $refs are supported: ${ref}`);
    current = ref
      .slice(2)
      .split('/')
      .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce<any>((obj, key) => obj?.[key], spec) as Record<string, unknown>;
  }
  return current as T;
}

/** The object schema of a list item: follows `allOf: [PageMeta, {items}]` to the items' schema. */
function listItemSchema(responseSchema: JsonSchema): JsonSchema {
  const schema = resolve(responseSchema);
  const parts = (schema.allOf as JsonSchema[] | undefined) ?? [schema];
  for (const part of parts.map((p) => resolve(p))) {
    const items = (part.properties as Record<string, JsonSchema> | undefined)?.items;
    if (items) return resolve(resolve(items).items);
  }
  throw new Error('A list response has no items');
}

function indexOperations(): Map<string, OperationSpec> {
  const result = new Map<string, OperationSpec>();
  for (const [path, rawItem] of Object.entries(spec.paths)) {
    const item = resolve<Record<string, unknown>>(rawItem);
    const shared = ((item.parameters as unknown[]) ?? []).map((p) => resolve<ParameterSpec>(p));
    for (const method of HTTP_METHODS) {
      const op = item[method] as Record<string, any> | undefined;
      if (!op) continue;
      const own = ((op.parameters as unknown[]) ?? []).map((p) => resolve<ParameterSpec>(p));
      const byKey = new Map<string, ParameterSpec>();
      for (const p of [...shared, ...own]) byKey.set(`${p.in}:${p.name}`, { ...p, required: Boolean(p.required) });
      const security = (op.security ?? spec.security ?? []) as Array<Record<string, string[]>>;
      const requiredScopes = security.length === 0 ? null : (security[0]?.bearerAuth ?? []);
      const pointer = `#/paths/${escapePointer(path)}/${method}`;
      let requestBody: OperationSpec['requestBody'] = null;
      if (op.requestBody) {
        const body = resolve<Record<string, any>>(op.requestBody);
        const contentTypes = Object.keys(body.content ?? {});
        const first = contentTypes[0]!;
        requestBody = {
          required: Boolean(body.required),
          contentTypes,
          schemaPointer: `${pointer}/requestBody/content/${escapePointer(first)}/schema`,
          schema: resolve(body.content[first].schema),
        };
      }
      const responses: OperationSpec['responses'] = {};
      let responseSchema: JsonSchema | null = null;
      for (const [status, raw] of Object.entries((op.responses ?? {}) as Record<string, unknown>)) {
        const response = resolve<Record<string, any>>(raw);
        responses[status] = { headers: Object.keys(response.headers ?? {}), contentTypes: Object.keys(response.content ?? {}) };
        const json = response.content?.['application/json']?.schema;
        if (status.startsWith('2') && json && !responseSchema) responseSchema = resolve(json);
      }
      let list: ListSpec | null = null;
      if (op['x-fco-list']) {
        const ok = resolve<Record<string, any>>(op.responses['200']);
        list = {
          filterable: op['x-fco-list'].filterable ?? [],
          sortable: op['x-fco-list'].sortable ?? [],
          itemSchema: listItemSchema(ok.content['application/json'].schema),
        };
      }
      result.set(op.operationId, {
        operationId: op.operationId,
        method,
        path,
        pointer,
        requiredScopes,
        parameters: [...byKey.values()],
        requestBody,
        responses,
        list,
        responseSchema,
        hasIdempotencyKey: byKey.has('header:Idempotency-Key'),
        requiresIfMatch: byKey.get('header:If-Match')?.required === true,
      });
    }
  }
  return result;
}

export const operations: ReadonlyMap<string, OperationSpec> = indexOperations();

export function operation(operationId: string): OperationSpec {
  const op = operations.get(operationId);
  if (!op) throw new Error(`The spec has no operation "${operationId}"`);
  return op;
}

/** The name under components/schemas of a schema (resolved, as `ListSpec.itemSchema`), if it has one. */
export function schemaNameOf(schema: JsonSchema): string | undefined {
  return Object.entries(spec.components.schemas ?? {}).find(([, candidate]) => resolve(candidate) === schema)?.[0];
}

/** The kinds of object the change stream reports (the spec's `ChangeKind` enum). */
export const CHANGE_KINDS: readonly string[] = resolve<{ enum: string[] }>({ $ref: '#/components/schemas/ChangeKind' }).enum;

/** The catalogue of scopes (the spec's `Scope` enum). */
export const ALL_SCOPES: readonly string[] = resolve<{ enum: string[] }>({ $ref: '#/components/schemas/Scope' }).enum;

/** `/v1/customers/{customerId}` → `/v1/customers/:customerId` (Hono's syntax). */
export function honoPath(path: string): string {
  return path.replace(/\{([^}]+)\}/g, ':$1');
}
