/**
 * Renders the record editor from the body's schema: each field's control and constraints follow its kind (required,
 * lengths, bounds, enums), objects become fieldsets, arrays of objects rows that can be added and removed, so the
 * browser checks what it can before anything is sent; the server's 422 messages show under the fields they name.
 * Controls carry `data-field` (their pointer), not `name`: a control named `name` or `action` would shadow that
 * property of its form for every script on the page.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { BodyField, FieldError } from '@fco-admin/sdk';
import type { Localizer } from '../i18n/localizer.js';
import { enumLabel } from '../widget/format.js';
import { getAt, objectOf, type FormTree } from './form-model.js';
import type { CustomControl } from '../widget/definition.js';

/** How one field is presented beyond its schema. */
export interface FieldPresentation {
  label: string;
  /** Named choices instead of a free field (billing entities by name for an id; several for an array of ids). */
  choices?: readonly { value: string; label: string }[];
  /** The enum whose labels name the values, for an inline enum of the body. */
  labels?: string;
  /** A text area (true) or a one-line field (false); by default long texts (over 1,000 characters) get a text area. */
  multiline?: boolean;
  /** Shown but not editable, with the reason (e.g. a product's type while it is in use). */
  locked?: string;
  /** The widget's own control for the field (e.g. a code editor). */
  control?: CustomControl<any>;
  /** A line of help under the field (what it is for, or whether a write-only value is set). */
  hint?: string;
  /** A write-only value (a password): typed hidden, never filled in from the record, not offered to autofill. */
  secret?: boolean;
  /** What choosing nothing means, for an optional choice (e.g. "All billing entities"; default "—"). */
  emptyLabel?: string;
}

export interface FormView {
  schema: Extract<BodyField, { kind: 'object' }>;
  tree: FormTree;
  /** Messages by pointer (from the server's 422, or the pattern check). */
  errors: ReadonlyMap<string, string>;
  /** The server's 422 errors by pointer, whole (custom controls show what they carry, e.g. a line and column). */
  fieldErrors?: ReadonlyMap<string, FieldError>;
  /** The record the form edits, for custom controls; undefined while creating. */
  record?: unknown;
  /** Presentation of a field by its pointer (top-level fields have the widget's; nested ones their label). */
  present: (pointer: string, name: string) => FieldPresentation;
  onInput: (pointer: string, value: FormTree) => void;
  localizer: Localizer;
  /** Prefix for element ids, unique within the shadow root. */
  idPrefix: string;
}

const idOf = (prefix: string, pointer: string) => `${prefix}${pointer.replaceAll('/', '-')}`;

function errorOf(view: FormView, pointer: string): { id?: string; message?: string } {
  const message = view.errors.get(pointer);
  return message ? { id: `${idOf(view.idPrefix, pointer)}-error`, message } : {};
}

function control(schema: BodyField, pointer: string, required: boolean, presentation: FieldPresentation, view: FormView, describedBy: string | undefined): TemplateResult {
  const value = getAt(view.tree, pointer) ?? '';
  const invalid = view.errors.has(pointer) ? 'true' : nothing;
  const id = idOf(view.idPrefix, pointer);
  const field = pointer.slice(1);
  const disabled = presentation.locked !== undefined;
  const described = [describedBy, presentation.hint ? `${id}-hint` : undefined, disabled ? `${id}-locked` : undefined].filter(Boolean).join(' ') || nothing;
  const text = (event: Event) => view.onInput(pointer, (event.target as HTMLInputElement).value);
  if (presentation.control) {
    return presentation.control({
      id,
      labelId: `${id}-label`,
      label: presentation.label,
      value: typeof value === 'string' ? value : '',
      disabled,
      invalid: view.errors.has(pointer),
      describedBy: typeof described === 'string' ? described : undefined,
      error: view.fieldErrors?.get(pointer),
      record: view.record,
      localizer: view.localizer,
      input: (next) => view.onInput(pointer, next),
    });
  }
  if (schema.kind === 'boolean') {
    return html`<input id=${id} data-field=${field} type="checkbox" ?disabled=${disabled} .checked=${value === true} aria-invalid=${invalid} aria-describedby=${described}
      @change=${(e: Event) => view.onInput(pointer, (e.target as HTMLInputElement).checked)} />`;
  }
  if (schema.kind === 'array') {
    const lines = Array.isArray(value) ? (value as string[]) : [];
    if (presentation.choices) {
      // Several of a few named objects (clusters for an offer): a multiple choice.
      return html`<select id=${id} data-field=${field} multiple ?disabled=${disabled} aria-invalid=${invalid} aria-describedby=${described}
        @change=${(e: Event) => view.onInput(pointer, [...(e.target as HTMLSelectElement).selectedOptions].map((o) => o.value))}>
        ${presentation.choices.map((o) => html`<option value=${o.value} ?selected=${lines.includes(o.value)}>${o.label}</option>`)}
      </select>`;
    }
    // Plain values, one per line (allowed origins).
    return html`<textarea id=${id} data-field=${field} rows="3" ?disabled=${disabled} aria-invalid=${invalid} aria-describedby=${described}
      .value=${lines.join('\n')} @input=${(e: Event) => view.onInput(pointer, (e.target as HTMLTextAreaElement).value.split('\n'))}></textarea>`;
  }
  const options =
    presentation.choices ??
    (schema.kind === 'enum' ? schema.values.map((v) => ({ value: v, label: enumLabel(view.localizer, presentation.labels ?? schema.enum ?? '', v) })) : undefined);
  if (options) {
    return html`<select id=${id} data-field=${field} ?required=${required} ?disabled=${disabled} aria-invalid=${invalid} aria-describedby=${described} @change=${text}>
      ${required && value !== '' ? nothing : html`<option value="" ?selected=${value === ''}>${presentation.emptyLabel ?? view.localizer.messages.none}</option>`}
      ${options.map((o) => html`<option value=${o.value} ?selected=${o.value === value}>${o.label}</option>`)}
    </select>`;
  }
  const limits = schema as Extract<BodyField, { minLength?: number }>;
  if (presentation.multiline ?? (limits.maxLength ?? 0) > 1000) {
    return html`<textarea id=${id} data-field=${field} rows="4" ?required=${required} ?disabled=${disabled} maxlength=${limits.maxLength ?? nothing}
      aria-invalid=${invalid} aria-describedby=${described} .value=${String(value)} @input=${text}></textarea>`;
  }
  const type = presentation.secret ? 'password' : ({ email: 'email', uri: 'url', integer: 'number', number: 'number', date: 'date', 'date-time': 'datetime-local' }[schema.kind as string] ?? 'text');
  return html`<input
    id=${id}
    data-field=${field}
    type=${type}
    autocomplete=${presentation.secret ? 'new-password' : nothing}
    inputmode=${schema.kind === 'decimal' ? 'decimal' : nothing}
    step=${schema.kind === 'integer' ? '1' : schema.kind === 'number' ? 'any' : nothing}
    ?required=${required}
    ?disabled=${disabled}
    minlength=${limits.minLength ?? nothing}
    maxlength=${limits.maxLength ?? nothing}
    min=${limits.minimum ?? nothing}
    max=${limits.maximum ?? nothing}
    aria-invalid=${invalid}
    aria-describedby=${described}
    .value=${String(value)}
    @input=${text}
  />`;
}

function renderLeaf(schema: BodyField, pointer: string, name: string, required: boolean, view: FormView): TemplateResult {
  const presentation = view.present(pointer, name);
  const error = errorOf(view, pointer);
  const checkbox = schema.kind === 'boolean';
  const id = idOf(view.idPrefix, pointer);
  const mark = required ? html`<span class="visually-hidden"> (${view.localizer.messages.required})</span> *` : nothing;
  const locked = presentation.locked ? html`<span class="muted" id=${`${id}-locked`}>${presentation.locked}</span>` : nothing;
  const hint = presentation.hint ? html`<span class="hint" id=${`${id}-hint`}>${presentation.hint}</span>` : nothing;
  const message = error.message ? html`<span class="field-error" id=${error.id}>${error.message}</span>` : nothing;
  if (presentation.control) {
    // A custom control is no labelable element: its label is referenced by id instead of wrapping it. The control
    // carries `data-field` itself, like every control.
    return html`<div class="custom-field">
      <span class="field-label" id=${`${id}-label`}>${presentation.label}${mark}</span>
      ${control(schema, pointer, required, presentation, view, error.id)}${hint}${locked}${message}
    </div>`;
  }
  return html`<label class=${checkbox ? 'check' : ''}
    >${checkbox ? control(schema, pointer, required, presentation, view, error.id) : nothing}<span>${presentation.label}${mark}</span
    >${checkbox ? nothing : control(schema, pointer, required, presentation, view, error.id)}${hint}${locked}${message}</label
  >`;
}

/** Rows of an array of objects: each row its fields, with Remove; Add appends an empty row. */
function renderRows(schema: Extract<BodyField, { kind: 'array' }>, pointer: string, name: string, view: FormView): TemplateResult {
  const t = view.localizer.messages;
  const presentation = view.present(pointer, name);
  const rows = (getAt(view.tree, pointer) as FormTree[] | undefined) ?? [];
  const row = objectOf(schema.items)!;
  const error = errorOf(view, pointer);
  const disabled = presentation.locked !== undefined;
  const empty = Object.fromEntries(Object.entries(row.properties).map(([key, child]) => [key, child.kind === 'boolean' ? false : child.kind === 'array' ? [] : '']));
  return html`<fieldset class="group rows" data-field=${pointer.slice(1)} ?disabled=${disabled}>
    <legend>${presentation.label}</legend>
    ${presentation.locked ? html`<p class="muted">${presentation.locked}</p>` : nothing}
    ${error.message ? html`<p class="field-error">${error.message}</p>` : nothing}
    ${rows.map(
      (_, index) => html`<div class="row-fields" role="group" aria-label=${`${presentation.label} ${index + 1}`}>
        <div class="row-body">${renderObject(row, `${pointer}/${index}`, view)}</div>
        <button type="button" class="icon danger" data-action="remove-row" aria-label=${t.removeRow(presentation.label, String(index + 1))}
          @click=${() => view.onInput(pointer, rows.filter((__, i) => i !== index))}>✕</button>
      </div>`,
    )}
    <button type="button" data-action="add-row" @click=${() => view.onInput(pointer, [...rows, empty])}>${t.addRow(presentation.label)}</button>
  </fieldset>`;
}

/** The fields of an object: plain ones in a grid, objects and rows in fieldsets of their own. */
export function renderObject(schema: Extract<BodyField, { kind: 'object' }>, pointer: string, view: FormView): TemplateResult {
  const loose: TemplateResult[] = [];
  const groups: TemplateResult[] = [];
  for (const [name, child] of Object.entries(schema.properties)) {
    const at = `${pointer}/${name}`;
    const object = objectOf(child);
    if (object) {
      const presentation = view.present(at, name);
      const error = errorOf(view, at);
      groups.push(html`<fieldset class="group" data-field=${at.slice(1)}>
        <legend>${presentation.label}</legend>
        ${error.message ? html`<p class="field-error">${error.message}</p>` : nothing}
        ${renderObject(object, at, view)}
      </fieldset>`);
    } else if (child.kind === 'array' && objectOf(child.items)) {
      groups.push(renderRows(child, at, name, view));
    } else loose.push(renderLeaf(child, at, name, schema.required.includes(name), view));
  }
  return html`${loose.length > 0 ? html`<div class="form-grid">${loose}</div>` : nothing}${groups}`;
}
