import type { TemplateResult } from 'lit';
import type { Localizer } from '../i18n/localizer.js';
import type { ListPage } from '../api/types.js';

/** What the table asks a widget's list call for. Exactly one of `offset` and `pageToken` is set. */
export interface PageQuery {
  filter: string | undefined;
  orderBy: string | undefined;
  pageSize: number;
  offset?: number;
  pageToken?: string;
  signal: AbortSignal;
}

/** A widget's list call (e.g. `(q) => client.customers.list(q)`). */
export type FetchPage<Row> = (query: PageQuery) => Promise<ListPage<Row>>;

/** One column. Cells render as text unless `render` returns a template (which must still bind user data as text). */
export interface ColumnDef<Row> {
  /** Stable id (also the key in the column chooser). */
  id: string;
  label: (localizer: Localizer) => string;
  /** The list field to sort by (one of the list's `x-fco-list.sortable`); absent: not sortable. */
  sortField?: string;
  /** CSS grid track, e.g. `minmax(12rem, 2fr)`. */
  width?: string;
  /** Hidden until the user adds it in the column chooser. */
  hiddenByDefault?: boolean;
  /** `end` for numbers, so their digits line up. */
  align?: 'end';
  value: (row: Row, localizer: Localizer) => string | TemplateResult;
}

export interface FilterOption {
  value: string;
  label: (localizer: Localizer) => string;
}

/** One control of the filter bar; the bar turns the values into the spec's filter grammar with the SDK's helper. */
export type FilterDef =
  | { kind: 'text'; id: string; label: (l: Localizer) => string; fields: string[] }
  | { kind: 'enum'; id: string; label: (l: Localizer) => string; field: string; options: FilterOption[] }
  | { kind: 'date-range'; id: string; label: (l: Localizer) => string; field: string; dateOnly?: boolean }
  | { kind: 'number-range'; id: string; label: (l: Localizer) => string; field: string; quoted?: boolean; integer?: boolean }
  | { kind: 'uuid'; id: string; label: (l: Localizer) => string; field: string }
  | { kind: 'boolean'; id: string; label: (l: Localizer) => string; field: string };

/** Values of the filter bar by filter id (ranges use `<id>.from` and `<id>.to`). */
export type FilterValues = Record<string, string>;

export type SortDirection = 'ascending' | 'descending';
export interface SortState {
  field: string;
  direction: SortDirection;
}
