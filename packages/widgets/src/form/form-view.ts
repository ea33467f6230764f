/**
 * Renders the record editor's fields from their schema: the control and its constraints follow the field's kind
 * (required, lengths, pattern, bounds), so the browser checks them before anything is sent; the server's 422
 * messages show under the fields they name.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { BodyField } from '@fco-admin/sdk';
import type { Localizer } from '../i18n/localizer.js';
import { enumLabel } from '../widget/format.js';
import type { FormField, FormValue, FormValues } from './form-model.js';

/** How one field is presented beyond its schema. */
export interface FieldPresentation {
  label: string;
  /** Named choices instead of a free field (e.g. billing entities by name for an id). */
  choices?: readonly { value: string; label: string }[];
  /** The enum whose labels name the values, for an inline enum of the body. */
  labels?: string;
  multiline?: boolean;
}

export interface FormView {
  fields: readonly FormField[];
  values: FormValues;
  /** Messages by pointer (from the server's 422). */
  errors: ReadonlyMap<string, string>;
  present: (field: FormField) => FieldPresentation;
  onInput: (pointer: string, value: FormValue) => void;
  localizer: Localizer;
  /** Prefix for element ids, unique within the shadow root. */
  idPrefix: string;
}

const idOf = (prefix: string, pointer: string) => `${prefix}${pointer.replaceAll('/', '-')}`;

function control(field: FormField, view: FormView, describedBy: string | undefined): TemplateResult {
  const { schema, pointer } = field;
  const presentation = view.present(field);
  const value = view.values[pointer] ?? '';
  const invalid = view.errors.has(pointer) ? 'true' : nothing;
  const onInput = (event: Event) => {
    const target = event.target as HTMLInputElement;
    view.onInput(pointer, target.type === 'checkbox' ? target.checked : target.value);
  };
  const id = idOf(view.idPrefix, pointer);
  // `data-field`, not `name`: a control named `name` or `action` would shadow that property of its form.
  const name = pointer.slice(1);
  if (schema.kind === 'boolean') {
    return html`<input id=${id} data-field=${name} type="checkbox" .checked=${value === true} aria-invalid=${invalid} aria-describedby=${describedBy ?? nothing} @change=${onInput} />`;
  }
  const options = presentation.choices ?? (schema.kind === 'enum' ? schema.values.map((v) => ({ value: v, label: enumLabel(view.localizer, presentation.labels ?? schema.enum ?? '', v) })) : undefined);
  if (options) {
    return html`<select id=${id} data-field=${name} ?required=${field.required} aria-invalid=${invalid} aria-describedby=${describedBy ?? nothing} @change=${onInput}>
      ${field.required && value !== '' ? nothing : html`<option value="" ?selected=${value === ''}>${view.localizer.messages.none}</option>`}
      ${options.map((o) => html`<option value=${o.value} ?selected=${o.value === value}>${o.label}</option>`)}
    </select>`;
  }
  const limits = schema as Extract<BodyField, { minLength?: number }>;
  if (presentation.multiline || schema.kind === 'array' || (limits.maxLength ?? 0) > 1000) {
    return html`<textarea
      id=${id}
      data-field=${name}
      rows="4"
      ?required=${field.required}
      maxlength=${limits.maxLength ?? nothing}
      aria-invalid=${invalid}
      aria-describedby=${describedBy ?? nothing}
      .value=${String(value)}
      @input=${onInput}
    ></textarea>`;
  }
  const type = { email: 'email', uri: 'url', integer: 'number', number: 'number', date: 'date', 'date-time': 'datetime-local' }[schema.kind as string] ?? 'text';
  return html`<input
    id=${id}
    data-field=${name}
    type=${type}
    inputmode=${schema.kind === 'decimal' ? 'decimal' : nothing}
    step=${schema.kind === 'integer' ? '1' : schema.kind === 'number' ? 'any' : nothing}
    ?required=${field.required}
    minlength=${limits.minLength ?? nothing}
    maxlength=${limits.maxLength ?? nothing}
    min=${limits.minimum ?? nothing}
    max=${limits.maximum ?? nothing}
    aria-invalid=${invalid}
    aria-describedby=${describedBy ?? nothing}
    .value=${String(value)}
    @input=${onInput}
  />`;
}

function renderField(field: FormField, view: FormView): TemplateResult {
  const error = view.errors.get(field.pointer);
  const errorId = error ? `${idOf(view.idPrefix, field.pointer)}-error` : undefined;
  const label = view.present(field).label;
  const checkbox = field.schema.kind === 'boolean';
  return html`<label class=${checkbox ? 'check' : ''}
    >${checkbox ? control(field, view, errorId) : nothing}<span>${label}${field.required ? html`<span class="visually-hidden"> (${view.localizer.messages.required})</span> *` : nothing}</span
    >${checkbox ? nothing : control(field, view, errorId)}${error ? html`<span class="field-error" id=${errorId}>${error}</span>` : nothing}</label
  >`;
}

/** The fields in order; consecutive fields of one object share a fieldset named after it. */
export function renderFields(view: FormView, groupLabel: (name: string) => string): TemplateResult {
  const parts: TemplateResult[] = [];
  let loose: TemplateResult[] = [];
  const flush = () => {
    if (loose.length > 0) parts.push(html`<div class="form-grid">${loose}</div>`);
    loose = [];
  };
  for (let i = 0; i < view.fields.length; ) {
    const field = view.fields[i]!;
    const group = field.group;
    if (!group) {
      loose.push(renderField(field, view));
      i++;
      continue;
    }
    flush();
    const members: FormField[] = [];
    while (i < view.fields.length && view.fields[i]!.group?.pointer === group.pointer) members.push(view.fields[i++]!);
    const error = view.errors.get(group.pointer);
    parts.push(html`<fieldset class="group">
      <legend>${groupLabel(group.name)}</legend>
      ${error ? html`<p class="field-error">${error}</p>` : nothing}
      <div class="form-grid">${members.map((member) => renderField(member, view))}</div>
    </fieldset>`);
  }
  flush();
  return html`${parts}`;
}
