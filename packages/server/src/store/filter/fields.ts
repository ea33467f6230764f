/** Field types of a list, read from the item schema of the spec (what the filter checks values against). */
import { resolve, type JsonSchema } from '../../spec/document.js';

export type FieldKind = 'string' | 'enum' | 'timestamp' | 'date' | 'uuid' | 'integer' | 'number' | 'boolean';

export interface FieldType {
  kind: FieldKind;
  nullable: boolean;
  values?: readonly string[];
}

export function fieldType(itemSchema: JsonSchema, field: string): FieldType {
  const properties = (itemSchema.properties ?? {}) as Record<string, JsonSchema>;
  const raw = properties[field];
  if (!raw) throw new Error(`List field "${field}" is not a property of the item schema`);
  let nullable = false;
  let schema = unwrap(raw);
  const variants = (schema.oneOf ?? schema.anyOf) as JsonSchema[] | undefined;
  if (variants) {
    const concrete = variants.map(unwrap).filter((v) => v.type !== 'null');
    nullable = concrete.length < variants.length;
    schema = concrete[0] ?? {};
  }
  let type = schema.type;
  if (Array.isArray(type)) {
    nullable ||= type.includes('null');
    type = type.find((t) => t !== 'null');
  }
  const format = schema.format as string | undefined;
  if (Array.isArray(schema.enum)) return { kind: 'enum', nullable, values: schema.enum as string[] };
  if (type === 'integer') return { kind: 'integer', nullable };
  if (type === 'number') return { kind: 'number', nullable };
  if (type === 'boolean') return { kind: 'boolean', nullable };
  if (format === 'date-time') return { kind: 'timestamp', nullable };
  if (format === 'date') return { kind: 'date', nullable };
  if (format === 'uuid') return { kind: 'uuid', nullable };
  return { kind: 'string', nullable };
}

/** A property written as `allOf: [{ $ref }]` (the way to put a description beside a $ref) is typed by its one item. */
function unwrap(schema: JsonSchema): JsonSchema {
  let current = resolve(schema);
  while (Array.isArray(current.allOf) && current.allOf.length === 1) current = resolve(current.allOf[0] as JsonSchema);
  return current;
}
