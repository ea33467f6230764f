// Runtime metadata read from the spec, for code that builds user interfaces from it (the widgets' tables, filter
// bars, detail views and forms). Rendered into src/generated/metadata.ts by generate.mjs:
//   - every named enum schema as a readonly tuple of its values, in the spec's order (`ServerStatus`);
//   - every list operation (`x-fco-list`) as `<operationId>` with the kind of each item field and which fields
//     filter and sort (`listServers.sortable`), so a widget's columns, filters and sort are checked by `tsc`;
//   - every JSON request body as `<operationId>Body` with the kind and constraints of each field (forms).
// Each is its own export so a bundle keeps only what it uses.

const SCALAR_FORMATS = { 'date-time': 'date-time', date: 'date', uuid: 'uuid', email: 'email', uri: 'uri' };
/** Schemas the kit's conventions give a meaning of their own (DESIGN.md: money is a decimal string + currency). */
const NAMED_KINDS = { Decimal: 'decimal', Money: 'money' };

export class MetadataError extends Error {}

const refName = (ref) => ref.split('/').at(-1);

/**
 * Follows `$ref`s and the one-item `allOf` wrappers the spec uses to put a description beside a `$ref`; returns the
 * schema and the name of the last named schema passed (enums and conventions are recognised by name).
 */
function unwrap(spec, schema, resolve) {
  let current = schema;
  let name;
  for (;;) {
    if (typeof current?.$ref === 'string') {
      name = refName(current.$ref);
      current = resolve(spec, current);
    } else if (Array.isArray(current?.allOf) && current.allOf.length === 1) current = current.allOf[0];
    else return { schema: current ?? {}, name };
  }
}

/** A `oneOf`/`anyOf` of one schema and `null`, or `type: [t, 'null']`: the schema, and that it may be null. */
function nonNull(spec, schema, resolve) {
  const variants = schema.oneOf ?? schema.anyOf;
  if (Array.isArray(variants)) {
    const concrete = variants.filter((v) => unwrap(spec, v, resolve).schema.type !== 'null');
    if (concrete.length === 1) return { ...unwrap(spec, concrete[0], resolve), nullable: concrete.length < variants.length };
    return { schema, nullable: false, name: undefined, mixed: true };
  }
  if (Array.isArray(schema.type)) {
    const types = schema.type.filter((t) => t !== 'null');
    return { schema: { ...schema, type: types.length === 1 ? types[0] : types }, nullable: types.length < schema.type.length };
  }
  return { schema, nullable: false };
}

/**
 * The kind of one field: a scalar kind name, `{ enum, values }`, `{ array: kind }` or `{ object: { field: kind } }`.
 * With `constraints`, scalars become `{ kind, ...limits }` and objects carry `required` (for forms).
 */
function fieldOf(spec, raw, resolve, where, constraints, enums, depth = 0) {
  if (depth > 10) throw new MetadataError(`${where}: nested too deeply`);
  const outer = unwrap(spec, raw, resolve);
  const inner = nonNull(spec, outer.schema, resolve);
  const name = inner.name ?? outer.name;
  const schema = inner.schema;
  const limits = (kind) => {
    if (!constraints) return kind;
    const field = { kind };
    for (const key of ['minLength', 'maxLength', 'minimum', 'maximum', 'pattern', 'minItems', 'maxItems']) {
      if (schema[key] !== undefined) field[key] = schema[key];
    }
    if (inner.nullable) field.nullable = true;
    return field;
  };
  if (inner.mixed) return limits('mixed');
  if (name && NAMED_KINDS[name]) return limits(NAMED_KINDS[name]);
  if (Array.isArray(schema.enum)) {
    if (!name && !constraints) throw new MetadataError(`${where}: a list field's enum must be a named schema (its labels are looked up by name)`);
    const enumField = name ? { enum: name, values: { $enum: name } } : { enum: null, values: schema.enum };
    if (name) enums.add(name);
    return constraints ? { ...limits('enum'), ...enumField } : enumField;
  }
  switch (schema.type) {
    case 'integer':
    case 'number':
    case 'boolean':
      return limits(schema.type);
    case 'string':
      return limits(SCALAR_FORMATS[schema.format] ?? 'text');
    case 'array': {
      const items = fieldOf(spec, schema.items ?? {}, resolve, `${where}[]`, constraints, enums, depth + 1);
      return constraints ? { ...limits('array'), items } : { array: items };
    }
    case 'object': {
      const properties = {};
      for (const [key, value] of Object.entries(schema.properties ?? {})) {
        properties[key] = fieldOf(spec, value, resolve, `${where}.${key}`, constraints, enums, depth + 1);
      }
      if (!constraints) return { object: properties };
      return { ...limits('object'), properties, required: schema.required ?? [] };
    }
    default:
      return limits('mixed');
  }
}

function itemSchemaOf(spec, operation, resolve, where) {
  const response = resolve(spec, operation.responses?.['200'] ?? {});
  const list = unwrap(spec, response.content?.['application/json']?.schema ?? {}, resolve).schema;
  const parts = Array.isArray(list.allOf) ? list.allOf.map((p) => unwrap(spec, p, resolve).schema) : [list];
  const items = parts.map((p) => p.properties?.items).find(Boolean);
  if (!items?.items) throw new MetadataError(`${where}: x-fco-list on an operation whose 200 answer has no items array`);
  return unwrap(spec, items.items, resolve);
}

/** Everything metadata.ts holds, as plain data (the generator's tests read this). */
export function buildMetadata(spec, resolve) {
  const enums = new Set();
  const lists = [];
  const bodies = [];
  // Objects whose writes the change stream announces (GET /v1/changes), by schema name.
  const changeKinds = new Set(spec.components?.schemas?.ChangeKind ? unwrap(spec, { $ref: '#/components/schemas/ChangeKind' }, resolve).schema.enum ?? [] : []);
  for (const [path, rawItem] of Object.entries(spec.paths ?? {})) {
    const pathItem = resolve(spec, rawItem);
    for (const [method, operation] of Object.entries(pathItem)) {
      if (typeof operation !== 'object' || !operation?.operationId) continue;
      const where = `${method.toUpperCase()} ${path} (${operation.operationId})`;
      const list = operation['x-fco-list'];
      if (list) {
        const item = itemSchemaOf(spec, operation, resolve, where);
        const fields = {};
        for (const [key, value] of Object.entries(item.schema.properties ?? {})) {
          fields[key] = fieldOf(spec, value, resolve, `${where} item.${key}`, false, enums);
        }
        for (const field of [...(list.filterable ?? []), ...(list.sortable ?? [])]) {
          if (!(field in fields)) throw new MetadataError(`${where}: x-fco-list names "${field}", which the item schema lacks`);
        }
        const changes = changeKinds.has(item.name) ? { changes: true } : {};
        lists.push({ id: operation.operationId, item: item.name, ...changes, fields, filterable: list.filterable ?? [], sortable: list.sortable ?? [] });
      }
      const content = operation.requestBody && resolve(spec, operation.requestBody).content;
      const jsonType = content && Object.keys(content).find((type) => /^application\/(?:[\w.+-]+\+)?json$/.test(type));
      if (jsonType) {
        const body = fieldOf(spec, content[jsonType].schema ?? {}, resolve, `${where} body`, true, enums);
        bodies.push({ id: operation.operationId, body });
      }
    }
  }
  const enumValues = [...enums].sort().map((name) => {
    const schema = unwrap(spec, { $ref: `#/components/schemas/${name}` }, resolve).schema;
    return { name, values: schema.enum };
  });
  return { enums: enumValues, lists, bodies };
}

const literal = (value) => {
  if (Array.isArray(value)) return `[${value.map(literal).join(', ')}]`;
  if (value && typeof value === 'object') {
    if (typeof value.$enum === 'string') return value.$enum; // a reference to the enum's own export
    return `{ ${Object.entries(value).map(([k, v]) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k)}: ${literal(v)}`).join(', ')} }`;
  }
  return JSON.stringify(value);
};

export function renderMetadata({ enums, lists, bodies }, header) {
  const lines = [
    header,
    '// Field kinds: text, uuid, email, uri, integer, number, boolean, date-time, date, decimal (a decimal string),',
    '// money ({ amount, currency }), mixed; { enum, values }; { array: kind }; { object: { field: kind } }.',
    '',
  ];
  for (const { name, values } of enums) lines.push(`export const ${name} = ${literal(values)} as const;`);
  lines.push('');
  for (const { id, item, changes, fields, filterable, sortable } of lists) {
    lines.push(`/** \`${id}\`: ${item ?? 'its'} items${changes ? ' (their writes are in the change stream)' : ''}, and the fields its filter and orderBy accept. */`);
    lines.push(`export const ${id} = ${literal({ id, ...(item ? { item } : {}), ...(changes ? { changes } : {}), fields, filterable, sortable })} as const;`);
  }
  lines.push('');
  for (const { id, body } of bodies) {
    lines.push(`export const ${id}Body = ${literal(body)} as const;`);
  }
  lines.push('');
  return lines.join('\n');
}
