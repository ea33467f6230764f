/**
 * A definition's column and filter specs turned into what the data table takes. Labels come from the catalogue by
 * field name, formats and controls from the field's kind, sortability from the list's `x-fco-list`.
 */
import type { FieldKind, ListMetadata } from '@fco-admin/sdk';
import type { ColumnDef, FilterDef } from '../table/types.js';
import type { Localizer } from '../i18n/localizer.js';
import type { ChoiceSource, ColumnSpec, FilterSpec, Text } from './definition.js';
import { defaultWidth, enumLabel, formatCell, isNumeric } from './format.js';

export function fieldLabel(l: Localizer, field: string): string {
  return (l.messages.fields as Record<string, string>)[field] ?? field;
}

function kindOf(list: ListMetadata, field: string): FieldKind {
  const kind = list.fields[field];
  if (kind === undefined) throw new Error(`${list.id} has no field ${field}`);
  return kind;
}

/** A loaded name for an id, when the widget has one. */
export type NameOf = (source: ChoiceSource, id: string) => string | undefined;

export function columnsOf<M extends ListMetadata>(list: M, specs: readonly ColumnSpec<M>[], nameOf?: NameOf): ColumnDef<Record<string, unknown>>[] {
  return specs.map((spec) => {
    const options = typeof spec === 'string' ? { field: spec } : spec;
    const field = options.field as string;
    const kind = kindOf(list, field);
    const label: Text = options.label ?? ((t) => (t.fields as Record<string, string>)[field] ?? field);
    const render = options.render as ((item: Record<string, unknown>, l: Localizer) => ReturnType<NonNullable<typeof options.render>>) | undefined;
    const names = 'names' in options ? options.names : undefined;
    const byName = names && nameOf ? (item: Record<string, unknown>) => nameOf(names, String(item[field])) : undefined;
    return {
      id: field,
      label: (l) => label(l.messages),
      ...(list.sortable.includes(field) ? { sortField: field } : {}),
      width: options.width ?? defaultWidth(kind),
      ...(options.hidden ? { hiddenByDefault: true } : {}),
      ...(isNumeric(kind) ? { align: 'end' as const } : {}),
      value: render ?? ((item, l) => byName?.(item) ?? formatCell(kind, item[field], l)),
    };
  });
}

/**
 * The filter bar's controls. A filter with `choices` (by field) is a list of those names (none while they load);
 * without them (no scope to load them, or they failed) it is a field for the id.
 */
export function filtersOf<M extends ListMetadata>(
  list: M,
  specs: readonly FilterSpec<M>[],
  licensee: boolean,
  choices: ReadonlyMap<string, readonly { value: string; label: string }[]> = new Map(),
): FilterDef[] {
  const defs: FilterDef[] = [];
  for (const spec of specs) {
    if (typeof spec === 'object' && 'search' in spec) {
      // One search per widget, always under the id `q` (hosts and tests address it).
      defs.push({ kind: 'text', id: 'q', label: (l) => spec.label(l.messages), fields: [...spec.search] });
      continue;
    }
    const options: { field: string; label?: Text; licenseeOnly?: boolean } = typeof spec === 'string' ? { field: spec } : spec;
    if (options.licenseeOnly && !licensee) continue;
    const field = options.field;
    const text = options.label;
    const label = (l: Localizer) => (text ? text(l.messages) : fieldLabel(l, field));
    const loaded = choices.get(field);
    if (loaded) {
      defs.push({ kind: 'enum', id: field, label, field, options: loaded.map((c) => ({ value: c.value, label: () => c.label })) });
    } else defs.push(filterOf(field, kindOf(list, field), label));
  }
  return defs;
}

function filterOf(field: string, kind: FieldKind, label: (l: Localizer) => string): FilterDef {
  if (typeof kind === 'object') {
    if ('enum' in kind) {
      const enumName = kind.enum;
      return { kind: 'enum', id: field, label, field, options: kind.values.map((value) => ({ value, label: (l) => enumLabel(l, enumName, value) })) };
    }
    throw new Error(`The list field ${field} cannot be filtered from the filter bar`);
  }
  switch (kind) {
    case 'boolean':
      return { kind: 'boolean', id: field, label, field };
    case 'uuid':
      return { kind: 'uuid', id: field, label, field };
    case 'date-time':
      return { kind: 'date-range', id: field, label, field };
    case 'date':
      return { kind: 'date-range', id: field, label, field, dateOnly: true };
    case 'integer':
    case 'number':
    case 'decimal':
      return { kind: 'number-range', id: field, label, field, quoted: kind === 'decimal', integer: kind === 'integer' };
    default:
      return { kind: 'text', id: field, label, fields: [field] };
  }
}
