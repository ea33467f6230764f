/**
 * The read-only detail of one record: each field with its label, formatted by kind; nested arrays of objects as a
 * small table (a server's NICs, a firewall's rules), nested objects as their own list.
 */
import { html, type TemplateResult } from 'lit';
import type { FieldKind } from '@fco-admin/sdk';
import type { Localizer } from '../i18n/localizer.js';
import { fieldLabel } from './columns.js';
import { formatCell } from './format.js';
import { scrollRegion } from './scroll-region.js';

function nestedTable(label: string, kind: { readonly [field: string]: FieldKind }, rows: Record<string, unknown>[], l: Localizer): TemplateResult {
  if (rows.length === 0) return html`${l.messages.none}`;
  const columns = Object.keys(kind);
  return scrollRegion(
    'nested-scroll',
    label,
    html`<table class="nested" aria-label=${label}>
      <thead>
        <tr>
          ${columns.map((c) => html`<th scope="col">${fieldLabel(l, c)}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${rows.map((row) => html`<tr>${columns.map((c) => html`<td>${formatCell(kind[c]!, row[c], l)}</td>`)}</tr>`)}
      </tbody>
    </table>`,
  );
}

function value(field: string, kind: FieldKind, raw: unknown, l: Localizer): string | TemplateResult {
  if (typeof kind === 'object' && raw !== null && raw !== undefined) {
    if ('array' in kind && typeof kind.array === 'object' && 'object' in kind.array) {
      return nestedTable(fieldLabel(l, field), kind.array.object, raw as Record<string, unknown>[], l);
    }
    if ('object' in kind) return renderFields(Object.entries(kind.object), raw as Record<string, unknown>, l);
  }
  return formatCell(kind, raw, l);
}

/** A field shown its own way; nothing (undefined) shows it as its kind would. */
type Render = (record: Record<string, unknown>, l: Localizer) => string | TemplateResult | undefined;

/**
 * A definition list of `fields` of `record`; `render` shows some fields their own way once they are there (a list's
 * row may lack what only the fresh read brings, such as an invoice's items).
 */
export function renderFields(
  fields: readonly (readonly [string, FieldKind])[],
  record: Record<string, unknown>,
  l: Localizer,
  render: { readonly [field: string]: Render | undefined } = {},
): TemplateResult {
  return html`<dl class="fields">
    ${fields.map(
      ([field, kind]) => html`<dt>${fieldLabel(l, field)}</dt>
        <dd data-field=${field}>${(record[field] !== undefined && render[field]?.(record, l)) || value(field, kind, record[field], l)}</dd>`,
    )}
  </dl>`;
}
