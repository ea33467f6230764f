import { filter } from '@fco-admin/sdk';
import type { FilterDef, FilterValues, SortState } from './types.js';

type Expression = ReturnType<typeof filter.eq>;

/** The first local midnight after `day` (`YYYY-MM-DD`), so a "to" date includes that whole day. */
function dayAfter(day: string): Date {
  const date = new Date(`${day}T00:00:00`);
  date.setDate(date.getDate() + 1);
  return date;
}

function expressionOf(def: FilterDef, values: FilterValues): Expression | undefined {
  switch (def.kind) {
    case 'text': {
      const text = values[def.id]?.trim();
      if (!text) return undefined;
      return filter.or(...def.fields.map((field) => filter.contains(field, text)));
    }
    case 'enum': {
      const value = values[def.id];
      if (!value) return undefined;
      // Enum values are bare words in the grammar; the SDK quotes strings, which the grammar accepts for enums too.
      return filter.eq(def.field, value);
    }
    case 'uuid': {
      const value = values[def.id]?.trim();
      return value ? filter.eq(def.field, value) : undefined;
    }
    case 'boolean': {
      const value = values[def.id];
      return value === 'true' || value === 'false' ? filter.eq(def.field, value === 'true') : undefined;
    }
    case 'date-range': {
      const from = values[`${def.id}.from`];
      const to = values[`${def.id}.to`];
      // Date fields compare as `YYYY-MM-DD` strings, so the "to" day is included with <=.
      if (def.dateOnly) return filter.and(from ? filter.ge(def.field, from) : undefined, to ? filter.le(def.field, to) : undefined);
      return filter.between(def.field, from ? new Date(`${from}T00:00:00`) : undefined, to ? dayAfter(to) : undefined);
    }
    case 'number-range': {
      const bound = (key: string) => {
        const text = values[`${def.id}.${key}`]?.trim();
        if (!text) return undefined;
        const number = Number(text);
        if (!Number.isFinite(number) || (def.integer && !Number.isInteger(number))) throw new RangeError(`“${text}” is not a number`);
        // Decimal strings compare by value on the server; they are written quoted in the grammar.
        return def.quoted ? text : number;
      };
      const from = bound('from');
      const to = bound('to');
      return filter.and(from === undefined ? undefined : filter.ge(def.field, from), to === undefined ? undefined : filter.le(def.field, to));
    }
  }
}

/** The `filter` parameter for the bar's values, ANDed with the widget's fixed base filter. */
export function buildFilter(base: string | undefined, defs: readonly FilterDef[], values: FilterValues): string | undefined {
  const parts = defs.map((def) => expressionOf(def, values));
  const userPart = filter.and(...parts);
  if (!base) return userPart?.toString();
  if (!userPart) return base;
  return `(${base}) AND (${userPart.toString()})`;
}

/** The `orderBy` parameter for a sort state. */
export function buildOrderBy(sort: SortState | undefined): string | undefined {
  if (!sort) return undefined;
  return sort.direction === 'descending' ? `${sort.field} desc` : sort.field;
}
