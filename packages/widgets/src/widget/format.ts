/**
 * How a value of a spec field is shown, by the field's kind (from the SDK's metadata): one place for every table
 * cell and detail line. User data stays text; enums show their localised label.
 */
import { html, type TemplateResult } from 'lit';
import type { FieldKind } from '@fco-admin/sdk';
import type { Localizer, MoneyValue } from '../i18n/localizer.js';

export function enumLabel(l: Localizer, enumName: string, value: string): string {
  const labels = (l.messages.enums as Record<string, Record<string, string> | undefined>)[enumName];
  return labels?.[value] ?? value;
}

/** A value as plain text (for cells, titles and accessible names). */
export function formatText(kind: FieldKind, value: unknown, l: Localizer): string {
  if (value === null || value === undefined || value === '') return l.messages.none;
  if (typeof kind === 'object') {
    if ('enum' in kind) return enumLabel(l, kind.enum, String(value));
    if ('array' in kind) {
      const items = value as unknown[];
      if (typeof kind.array === 'object' && 'object' in kind.array) return l.number(items.length);
      return items.length === 0 ? l.messages.none : items.map((item) => formatText(kind.array, item, l)).join(', ');
    }
    return l.messages.none;
  }
  switch (kind) {
    case 'integer':
    case 'number':
      return l.number(value as number);
    case 'decimal':
      return l.decimal(value as string);
    case 'money':
      return l.money(value as MoneyValue);
    case 'boolean':
      return l.boolean(value as boolean);
    case 'date-time':
      return l.dateTime(value as string);
    case 'date':
      return l.date(value as string);
    case 'mixed':
      return typeof value === 'object' ? JSON.stringify(value) : String(value);
    default:
      return String(value);
  }
}

/** A table cell: enums as a small badge that CSS can colour by value (`[data-value="ERROR"]`), the rest as text. */
export function formatCell(kind: FieldKind, value: unknown, l: Localizer): string | TemplateResult {
  if (typeof kind === 'object' && 'enum' in kind && typeof value === 'string') {
    return html`<span class="status" data-value=${value}>${enumLabel(l, kind.enum, value)}</span>`;
  }
  return formatText(kind, value, l);
}

/** Numbers align right in tables so their digits line up. */
export function isNumeric(kind: FieldKind): boolean {
  return kind === 'integer' || kind === 'number' || kind === 'decimal' || kind === 'money';
}

/** A column width that suits the kind when the widget sets none. */
export function defaultWidth(kind: FieldKind): string {
  if (typeof kind === 'object') return 'enum' in kind ? '10rem' : '7rem';
  switch (kind) {
    case 'integer':
    case 'number':
    case 'boolean':
      return '7rem';
    case 'decimal':
    case 'money':
    case 'date':
      return '9rem';
    case 'date-time':
      return '12rem';
    case 'uuid':
      return '20rem';
    default:
      return 'minmax(10rem, 2fr)';
  }
}
