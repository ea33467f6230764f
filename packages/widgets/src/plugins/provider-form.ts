/**
 * A configuration provider's values as a form: one field per value, its control and checks from the value's
 * validator (the server checks them again). REGEX: text matching the pattern (anchored, as the server applies it);
 * ENUM: a choice of the options; NUMERIC_INT and NUMERIC_DOUBLE: numbers within min and max; BOOLEAN: a checkbox;
 * PASSWORD: write only, typed hidden and never filled in (the hint says whether one is set); BIG_TEXT: a text area;
 * DATE: a date. The API takes every value as text, so the form's values go back as text.
 */
import type { BodyField } from '@fco-admin/sdk';
import type { FieldPresentation } from '../form/form-view.js';
import type { Localizer } from '../i18n/localizer.js';
import type { OwnForm } from '../widget/definition.js';
import type { ConfigurationProvider, ConfigurationValue } from '../api/types.js';

type ObjectField = Extract<BodyField, { kind: 'object' }>;

const bound = (value: string | undefined) => (value === undefined || Number.isNaN(Number(value)) ? {} : { value: Number(value) });

/** The pattern as the server applies it (the whole value must match), when the browser can compile it too. */
function anchored(pattern: string | undefined): { pattern?: string } {
  if (!pattern) return {};
  const whole = `^(?:${pattern})$`;
  try {
    new RegExp(whole, 'u');
    return { pattern: whole };
  } catch {
    return {}; // the server says what is wrong with it
  }
}

function schemaOf(value: ConfigurationValue): BodyField {
  const args = value.validatorArgs ?? {};
  const min = bound(args.min);
  const max = bound(args.max);
  const range = { ...('value' in min ? { minimum: min.value } : {}), ...('value' in max ? { maximum: max.value } : {}) };
  switch (value.validator) {
    case 'ENUM':
      return { kind: 'enum', enum: null, values: args.options ?? [] };
    case 'NUMERIC_INT':
      return { kind: 'integer', ...range };
    case 'NUMERIC_DOUBLE':
      return { kind: 'number', ...range };
    case 'BOOLEAN':
      return { kind: 'boolean' };
    case 'DATE':
      return { kind: 'date' };
    case 'REGEX':
      return { kind: 'text', maxLength: 2000, ...anchored(args.pattern) };
    case 'BIG_TEXT':
      return { kind: 'text', maxLength: 100_000 };
    case 'PASSWORD':
      return { kind: 'text', maxLength: 2000 };
  }
}

function presentationOf(value: ConfigurationValue, l: Localizer): Partial<FieldPresentation> {
  const t = l.messages;
  const secret = value.validator === 'PASSWORD' ? (value.hasValue ? t.secretSet : t.secretNotSet) : undefined;
  const hint = [value.description, secret].filter(Boolean).join(' ');
  return {
    label: value.name,
    ...(hint ? { hint } : {}),
    ...(value.validator === 'PASSWORD' ? { secret: true } : {}),
    multiline: value.validator === 'BIG_TEXT',
  };
}

/** The provider's values as the form's schema and presentation (under `values`, keyed by value key). */
export function providerForm(provider: ConfigurationProvider, l: Localizer): OwnForm {
  const properties: Record<string, BodyField> = {};
  const required: string[] = [];
  const fields: Record<string, Partial<FieldPresentation>> = {};
  for (const value of provider.values) {
    properties[value.key] = schemaOf(value);
    // A set password stays when its field is left empty; a checkbox always has a value.
    if (value.required && value.validator !== 'BOOLEAN' && !(value.validator === 'PASSWORD' && value.hasValue)) required.push(value.key);
    fields[`/values/${value.key}`] = presentationOf(value, l);
  }
  const values: ObjectField = { kind: 'object', properties, required };
  return { body: { kind: 'object', properties: { values }, required: ['values'] }, fields };
}

/** What the form starts from: each value as its control holds it; passwords always empty. */
export function providerInitial(provider: ConfigurationProvider): Record<string, unknown> {
  return {
    values: Object.fromEntries(
      provider.values.map((v) => [v.key, v.validator === 'BOOLEAN' ? v.value === 'true' : v.validator === 'PASSWORD' ? '' : (v.value ?? '')]),
    ),
  };
}

/** The form's changed values as the API takes them: text, or null to clear one. */
export function valuesAsText(values: unknown): Record<string, string | null> {
  const entries = Object.entries((values ?? {}) as Record<string, unknown>);
  return Object.fromEntries(entries.map(([key, value]) => [key, value === null || value === undefined ? null : String(value)]));
}
