/**
 * A report's inputs as a form for the shared form view: DATE a date, DATE_RANGE a from–to pair, BILLING_ENTITY and
 * CUSTOMER a choice by name (the widget supplies the choices), ENUM a choice of the options, INTEGER a whole number,
 * STRING text. The form starts from each input's default, and from what the server would use where the default is
 * null (the last 30 days, today), so the user sees what a run covers. Labels come from the catalogue by key, else
 * the server's English.
 */
import type { BodyField } from '@fco-admin/sdk';
import type { FieldPresentation } from '../form/form-view.js';
import { fromForm, toForm, type FormTree } from '../form/form-model.js';
import type { Localizer } from '../i18n/localizer.js';
import type { Report, ReportInput, ReportInputValue } from '../api/types.js';

type ObjectField = Extract<BodyField, { kind: 'object' }>;

export interface ReportForm {
  schema: ObjectField;
  /** Labels and presentation by pointer (`/period/from`). */
  fields: Record<string, Partial<FieldPresentation>>;
  tree: FormTree;
}

const DAY_MS = 86_400_000;
const isoDay = (date: Date) => date.toISOString().slice(0, 10);

/** A label from the catalogue's table for `key`, else the server's text. */
export function labelOf(table: Readonly<Record<string, string>>, key: string, fallback: string): string {
  return Object.hasOwn(table, key) ? table[key]! : fallback;
}

function schemaOf(input: ReportInput): BodyField {
  switch (input.type) {
    case 'DATE':
      return { kind: 'date' };
    case 'DATE_RANGE':
      return { kind: 'object', properties: { from: { kind: 'date' }, to: { kind: 'date' } }, required: ['from', 'to'] };
    case 'BILLING_ENTITY':
    case 'CUSTOMER':
      return { kind: 'uuid' };
    case 'ENUM':
      return { kind: 'enum', enum: null, values: input.options.map((o) => o.value) };
    case 'INTEGER':
      return { kind: 'integer', minimum: -1_000_000_000, maximum: 1_000_000_000 };
    case 'STRING':
      return { kind: 'text', maxLength: 200 };
  }
}

/** What an input starts with: its default, or what the server takes for none (dates), or nothing. */
function initialOf(input: ReportInput, today: Date): ReportInputValue | undefined {
  if (input.defaultValue !== null) return input.defaultValue;
  if (input.type === 'DATE_RANGE') return { from: isoDay(new Date(today.getTime() - 29 * DAY_MS)), to: isoDay(today) };
  if (input.type === 'DATE') return isoDay(today);
  return undefined;
}

export function reportForm(report: Report, l: Localizer, preset: Readonly<Record<string, ReportInputValue>> = {}, today = new Date()): ReportForm {
  const t = l.messages;
  const properties: Record<string, BodyField> = {};
  const required: string[] = [];
  const fields: Record<string, Partial<FieldPresentation>> = {};
  const initial: Record<string, unknown> = {};
  for (const input of report.inputs) {
    properties[input.key] = schemaOf(input);
    // An input with a default always has a value: no empty choice is offered for it.
    if (input.required || (input.defaultValue !== null && input.type !== 'DATE_RANGE')) required.push(input.key);
    fields[`/${input.key}`] = {
      label: labelOf(t.reportInputs, input.key, input.name),
      ...(input.type === 'ENUM' ? { choices: input.options.map((o) => ({ value: o.value, label: labelOf(t.reportOptions, o.value, o.label) })) } : {}),
      ...(input.type === 'BILLING_ENTITY' ? { emptyLabel: t.allBillingEntities } : {}),
      ...(input.type === 'CUSTOMER' ? { emptyLabel: t.allCustomers } : {}),
    };
    if (input.type === 'DATE_RANGE') {
      fields[`/${input.key}/from`] = { label: t.from };
      fields[`/${input.key}/to`] = { label: t.to };
    }
    const value = preset[input.key] ?? initialOf(input, today);
    if (value !== undefined) initial[input.key] = value;
  }
  const schema: ObjectField = { kind: 'object', properties, required };
  return { schema, fields, tree: toForm(schema, initial) };
}

/** The run's inputs from the form: what the user left empty is left out (the server takes the default). */
export function inputsOf(form: ReportForm): Record<string, ReportInputValue> {
  return (fromForm(form.schema, form.tree, true) ?? {}) as Record<string, ReportInputValue>;
}
