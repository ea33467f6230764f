/**
 * Checks a parsed filter against a list's filterable fields and their types, and normalises values to what the
 * columns store (timestamps to ISO with milliseconds, booleans stay booleans for the compiler to map).
 */
import type { ListSpec } from '../../spec/document.js';
import type { CheckedFilter, FilterNode, FilterValue } from './ast.js';
import { fieldType, type FieldType } from './fields.js';
import { filterError } from './parser.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function describe(value: FilterValue): string {
  switch (value.kind) {
    case 'null':
      return 'null';
    case 'string':
      return JSON.stringify(value.value);
    default:
      return String(value.value);
  }
}

export function checkFilter(tree: FilterNode | null, list: ListSpec): CheckedFilter | null {
  if (!tree) return null;
  const types = new Map<string, FieldType>();
  for (const field of list.filterable) types.set(field, fieldType(list.itemSchema, field));
  const allowed = `; filterable fields: ${list.filterable.join(', ')}`;

  const visit = (node: FilterNode): CheckedFilter => {
    if (node.kind === 'not') return { kind: 'not', child: visit(node.child) };
    if (node.kind !== 'compare') return { kind: node.kind, children: node.children.map(visit) };
    const type = types.get(node.field);
    if (!type) throw filterError(`Unknown field "${node.field}"`, node.position, 'unknown_field', allowed);
    const { operator, value, field } = node;
    const bad = (why: string) => filterError(`${why} for "${field}"`, value.position, 'invalid_value');

    if (value.kind === 'null') {
      if (operator !== '=' && operator !== '!=') throw bad('null only compares with = or !=');
      if (!type.nullable) throw bad('"null" is not a possible value');
      return { kind: 'compare', field, operator, value: null };
    }
    if (operator === ':') {
      if (type.kind !== 'string' || value.kind !== 'string') throw bad('":" (contains) takes a quoted string and works on text fields only');
      return { kind: 'match', field, negated: false, mode: 'contains', text: value.value };
    }
    switch (type.kind) {
      case 'enum': {
        if (value.kind !== 'word' && value.kind !== 'string') throw bad(`${describe(value)} is not one of ${type.values!.join(', ')}`);
        if (!type.values!.includes(value.value)) throw bad(`${describe(value)} is not one of ${type.values!.join(', ')}`);
        if (operator !== '=' && operator !== '!=') throw bad(`"${operator}" does not apply to an enum; use = or !=`);
        return { kind: 'compare', field, operator, value: value.value };
      }
      case 'boolean':
        if (value.kind !== 'boolean') throw bad(`${describe(value)} is not true or false`);
        if (operator !== '=' && operator !== '!=') throw bad(`"${operator}" does not apply to true/false`);
        return { kind: 'compare', field, operator, value: value.value };
      case 'integer':
      case 'number':
        if (value.kind !== 'number' || (type.kind === 'integer' && !Number.isInteger(value.value))) throw bad(`${describe(value)} is not a ${type.kind}`);
        return { kind: 'compare', field, operator, value: value.value };
      case 'timestamp': {
        if (value.kind !== 'string' || !RFC3339.test(value.value) || Number.isNaN(Date.parse(value.value))) {
          throw bad(`${describe(value)} is not a quoted RFC 3339 timestamp`);
        }
        return { kind: 'compare', field, operator, value: new Date(value.value).toISOString() };
      }
      case 'date':
        if (value.kind !== 'string' || !DATE.test(value.value)) throw bad(`${describe(value)} is not a quoted date (YYYY-MM-DD)`);
        return { kind: 'compare', field, operator, value: value.value };
      case 'uuid':
        if (value.kind !== 'string' || !UUID.test(value.value)) throw bad(`${describe(value)} is not a quoted UUID`);
        if (operator !== '=' && operator !== '!=') throw bad(`"${operator}" does not apply to an id`);
        return { kind: 'compare', field, operator, value: value.value.toLowerCase() };
      case 'string': {
        if (value.kind !== 'string') throw bad(`${describe(value)} must be a quoted string`);
        const text = value.value;
        if ((operator === '=' || operator === '!=') && (text.startsWith('*') || text.endsWith('*')) && text !== '*') {
          const starts = text.endsWith('*');
          const ends = text.startsWith('*');
          const inner = text.slice(ends ? 1 : 0, starts ? -1 : undefined);
          const mode = starts && ends ? 'contains' : starts ? 'prefix' : 'suffix';
          return { kind: 'match', field, negated: operator === '!=', mode, text: inner };
        }
        return { kind: 'compare', field, operator, value: text };
      }
    }
  };
  return visit(tree);
}
