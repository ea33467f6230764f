/**
 * The detail dialog of a list widget, shared by all: opening a row reads the record fresh (its ETag is what every
 * write is based on, so its actions stay disabled until the read arrived), shows its fields, and runs its actions —
 * a form generated from the request body, a confirmation for destructive ones, the cancelable `fco-action` first and
 * `fco-action-done` after, the merge view on a 412, the server's 422 messages on the fields they name.
 */
import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { methodOf, pathParamsOf, PreconditionFailedError, ValidationError, type Client, type FieldKind, type OperationId } from '@fco-admin/sdk';
import type { Localizer } from '../i18n/localizer.js';
import type { Scope } from '../api/types.js';
import type { ClassifiedError } from '../api/errors.js';
import { FcoActionDoneEvent, FcoActionEvent, type FcoAction } from '../events.js';
import { bodyOf, formFields, formValues, patternMismatches, type FormField, type FormValue, type FormValues } from '../form/form-model.js';
import { renderFields as renderFormFields } from '../form/form-view.js';
import { mergeConflict, renderMergeView, type Conflict } from '../form/merge-view.js';
import type { ActionSpec, ChoiceSource, Text } from './definition.js';
import { fieldLabel } from './columns.js';
import { renderFields } from './record-view.js';

type Item = Record<string, unknown> & { id?: unknown };
type AnyAction = ActionSpec<Item, any>;
/** A form field spec as the dialog reads it (the definition's is typed by the body; here any body will do). */
type FieldSpec = string | { field: string; label?: Text; choices?: ChoiceSource; labels?: string; multiline?: boolean };
const specsOf = (action: AnyAction) => (action.form?.fields ?? []) as readonly FieldSpec[];

/** What the dialog needs from the widget that owns it. */
export interface RecordHost extends ReactiveControllerHost, EventTarget {
  readonly recordClient: Client | undefined;
  readonly recordLocalizer: Localizer;
  can(scope: Scope): boolean;
  reportError(error: unknown): ClassifiedError;
  /** Choices loaded for form fields that name other objects, by field name. */
  choicesFor(source: ChoiceSource): readonly { value: string; label: string }[] | undefined;
  readonly renderRoot: HTMLElement | DocumentFragment;
}

export interface RecordShape {
  /** The kind of object (`node`), for events. */
  object: string;
  get: OperationId;
  heading: (item: Item) => string | TemplateResult;
  fields: readonly (readonly [string, FieldKind])[];
  actions: readonly AnyAction[];
  /** Lists of other objects shown under the fields (rendered by the widget, which owns the tables). */
  related: (item: Item) => TemplateResult | typeof nothing;
}

interface Step {
  action: AnyAction;
  stage: 'form' | 'confirm';
  /** The body the form produced, kept while the confirmation is asked. */
  body?: Record<string, unknown>;
}

export class RecordDialog implements ReactiveController {
  /** The record as last read or written by the client: the version every action is based on (its ETag). */
  private item: Item | undefined;
  private fresh = false;
  private step: Step | undefined;
  private fields: FormField[] = [];
  private values: FormValues = {};
  private base: FormValues = {};
  private errors = new Map<string, string>();
  private conflict: Conflict | undefined;
  private message: string | undefined;
  private busy = false;
  private focusPending = false;
  private readonly titleId: string;

  constructor(
    private readonly host: RecordHost,
    private readonly shape: () => RecordShape,
    private readonly dialog: () => HTMLDialogElement | null,
    idPrefix: string,
  ) {
    host.addController(this);
    this.titleId = `${idPrefix}-title`;
  }

  get labelledBy(): string {
    return this.titleId;
  }

  /** The record shown, as last read (undefined while closed). */
  get record(): Item | undefined {
    return this.item;
  }

  hostUpdated(): void {
    if (!this.focusPending) return;
    const target = this.dialog()?.querySelector<HTMLElement>('[data-focus], form input:not([type="hidden"]), form select, form textarea');
    if (target) {
      this.focusPending = false;
      target.focus();
    }
  }

  private update(): void {
    this.host.requestUpdate();
  }

  /** Shows `row` at once and reads it fresh; actions wait for the read. */
  open(row: Item): void {
    this.item = row;
    this.fresh = false;
    this.reset();
    this.update();
    void this.read(row);
  }

  private reset(): void {
    this.step = undefined;
    this.errors = new Map();
    this.conflict = undefined;
    this.message = undefined;
    this.busy = false;
  }

  private async read(row: Item): Promise<Item | undefined> {
    const client = this.host.recordClient;
    const { get } = this.shape();
    if (!client) return undefined;
    try {
      const [param] = pathParamsOf(get);
      // Any get operation of the spec: typed per widget by its definition, read generically here.
      const read = (methodOf as (client: Client, id: string) => (options: Record<string, unknown>) => Promise<Item>)(client, get);
      const fresh = await read({ [param!]: row.id });
      if (this.item?.id !== fresh.id) return undefined; // another row was opened meanwhile
      this.item = fresh;
      this.fresh = true;
      this.update();
      return fresh;
    } catch (error) {
      const failure = this.host.reportError(error);
      if (this.item?.id === row.id) {
        this.message = `${this.host.recordLocalizer.messages.errorKind[failure.kind]} ${failure.message}`;
        this.update();
      }
      return undefined;
    }
  }

  private start(action: AnyAction): void {
    const item = this.item;
    if (!item) return;
    this.reset();
    if (action.form) {
      this.fields = formFields(action.form.body, specsOf(action).map((f) => (typeof f === 'string' ? f : f.field)));
      this.values = formValues(this.fields, action.form.initial ? action.form.initial(item) : item);
      this.base = { ...this.values };
      this.step = { action, stage: 'form' };
    } else if (action.confirm) {
      this.step = { action, stage: 'confirm' };
    } else {
      void this.perform(action, undefined);
      return;
    }
    this.focusPending = true;
    this.update();
  }

  private back(): void {
    this.reset();
    this.focusPending = true;
    this.update();
  }

  private submitForm(event: SubmitEvent): void {
    event.preventDefault();
    const step = this.step;
    if (!step?.action.form) return;
    const t = this.host.recordLocalizer.messages;
    const mismatches = patternMismatches(this.fields, this.values);
    if (mismatches.length > 0) {
      this.errors = new Map(mismatches.map((pointer) => [pointer, t.invalidFormat]));
      this.message = t.fixFields;
      this.update();
      return;
    }
    const body = bodyOf(this.fields, this.values, step.action.form.patch ? this.base : undefined);
    if (step.action.form.patch && Object.keys(body).length === 0) {
      this.back();
      return;
    }
    if (step.action.confirm) {
      this.step = { ...step, stage: 'confirm', body };
      this.focusPending = true;
      this.update();
    } else void this.perform(step.action, body);
  }

  private async perform(action: AnyAction, body: Record<string, unknown> | undefined): Promise<void> {
    const item = this.item;
    const client = this.host.recordClient;
    if (!item || !client || this.busy) return;
    const { object } = this.shape();
    const described: FcoAction = { type: action.id, object, objectId: String(item.id), ...(body ? { body } : {}), ...(action.describe?.(item, body) ?? {}) };
    if (!this.host.dispatchEvent(new FcoActionEvent(described))) return;
    this.busy = true;
    this.message = undefined;
    this.update();
    try {
      const result = await action.run({ client, item, body });
      if (result && typeof result === 'object' && !action.closes) {
        this.item = result;
        this.reset();
        this.focusPending = true;
      } else {
        this.item = undefined;
        this.dialog()?.close();
      }
      this.host.dispatchEvent(new FcoActionDoneEvent(described));
    } catch (error) {
      await this.failed(action, error);
    } finally {
      this.busy = false;
      this.update();
    }
  }

  private async failed(action: AnyAction, error: unknown): Promise<void> {
    const t = this.host.recordLocalizer.messages;
    const item = this.item;
    if (error instanceof PreconditionFailedError && item) {
      const fresh = await this.read(item);
      if (!fresh) return;
      if (this.step?.stage === 'form' || (this.step?.body && action.form?.patch)) {
        // Someone saved first: keep the user's edits on top of the new version.
        const theirs = formValues(this.fields, action.form?.initial ? action.form.initial(fresh) : fresh);
        const merged = mergeConflict(this.base, this.values, theirs);
        this.values = merged.values;
        this.conflict = merged.conflict;
        this.base = theirs;
        this.step = { action, stage: 'form' };
      } else {
        this.step = undefined;
        this.message = t.changedMeanwhile;
      }
      return;
    }
    const failure = this.host.reportError(error);
    if (error instanceof ValidationError && this.step?.action.form) {
      // A field's own pointer, or the pointer of the object its fields share (shown on the fieldset).
      const known = new Set(this.fields.flatMap((f) => (f.group ? [f.pointer, f.group.pointer] : [f.pointer])));
      this.errors = new Map(error.fieldErrors.filter((e) => known.has(e.pointer)).map((e) => [e.pointer, e.message]));
      const unplaced = error.fieldErrors.filter((e) => !this.errors.has(e.pointer));
      this.step = { action, stage: 'form' };
      this.message = unplaced.length > 0 || this.errors.size === 0 ? `${t.errorKind[failure.kind]} ${failure.message}` : t.fixFields;
      return;
    }
    this.message = `${t.errorKind[failure.kind]} ${failure.message}`;
  }

  // ---- rendering ----

  render(): TemplateResult | typeof nothing {
    const item = this.item;
    if (!item) return nothing;
    const shape = this.shape();
    const l = this.host.recordLocalizer;
    const t = l.messages;
    const step = this.step;
    return html`<h2 id=${this.titleId}>${shape.heading(item)}</h2>
      ${this.fresh || this.message ? nothing : html`<p class="muted" role="status">${t.readingFresh}</p>`}
      ${this.message ? html`<p class="error-text" role="alert">${this.message}</p>` : nothing}
      ${step?.stage === 'form'
        ? this.renderForm(step.action)
        : step?.stage === 'confirm'
          ? this.renderConfirm(step, item)
          : html`${renderFields(shape.fields, item, l)}${shape.related(item)}${this.renderActions(shape, item)}`}`;
  }

  private renderActions(shape: RecordShape, item: Item): TemplateResult {
    const t = this.host.recordLocalizer.messages;
    const offered = shape.actions.filter((a) => this.host.can(a.scope) && (a.when?.(item) ?? true));
    return html`<div class="actions">
      ${offered.map(
        (action) => html`<button
          type="button"
          class=${action.danger ? 'danger' : ''}
          data-action=${action.id}
          ?disabled=${!this.fresh || this.busy}
          @click=${() => this.start(action)}
        >
          ${action.label(t)}
        </button>`,
      )}
      <button type="button" data-action="close" data-focus @click=${() => this.dialog()?.close()}>${t.close}</button>
    </div>`;
  }

  private renderConfirm(step: Step, item: Item): TemplateResult {
    const t = this.host.recordLocalizer.messages;
    const { action } = step;
    return html`<p>${action.confirm?.(t, item, step.body)}</p>
      <div class="actions">
        <button
          type="button"
          class=${action.danger ? 'primary danger' : 'primary'}
          data-action="confirm"
          data-focus
          ?disabled=${this.busy || !this.fresh}
          @click=${() => void this.perform(action, step.body)}
        >
          ${t.confirm}
        </button>
        <button type="button" data-action="cancel" @click=${() => this.back()}>${t.cancel}</button>
      </div>`;
  }

  private renderForm(action: AnyAction): TemplateResult {
    const l = this.host.recordLocalizer;
    const t = l.messages;
    const specs = new Map(specsOf(action).flatMap((f) => (typeof f === 'string' ? [] : [[f.field, f] as const])));
    return html`<form aria-label=${action.label(t)} @submit=${(e: SubmitEvent) => this.submitForm(e)}>
      ${this.conflict
        ? renderMergeView(
            this.conflict,
            this.values,
            t,
            (pointer) => fieldLabel(l, pointer.split('/').at(-1) ?? pointer),
            (value) => (typeof value === 'boolean' ? l.boolean(value) : value === '' ? t.none : value),
            (pointer, value) => this.input(pointer, value),
          )
        : nothing}
      ${renderFormFields(
        {
          fields: this.fields,
          values: this.values,
          errors: this.errors,
          localizer: l,
          idPrefix: `${this.titleId}-f`,
          onInput: (pointer, value) => this.input(pointer, value),
          present: (field) => {
            const spec = field.group ? undefined : specs.get(field.name);
            const choices = spec?.choices ? this.host.choicesFor(spec.choices) : undefined;
            return {
              label: spec?.label ? spec.label(t) : fieldLabel(l, field.name),
              ...(choices ? { choices } : {}),
              ...(spec?.labels ? { labels: spec.labels } : {}),
              ...(spec?.multiline ? { multiline: true } : {}),
            };
          },
        },
        (name) => specs.get(name)?.label?.(t) ?? fieldLabel(l, name),
      )}
      <div class="actions">
        <button type="submit" class="primary" data-action="save" ?disabled=${this.busy || !this.fresh}>
          ${this.conflict ? t.saveAgain : action.form?.patch ? t.save : action.label(t)}
        </button>
        <button type="button" data-action="cancel" @click=${() => this.back()}>${t.cancel}</button>
      </div>
    </form>`;
  }

  private input(pointer: string, value: FormValue): void {
    this.values = { ...this.values, [pointer]: value };
    if (this.errors.has(pointer)) {
      this.errors = new Map(this.errors);
      this.errors.delete(pointer);
    }
    this.update();
  }
}
