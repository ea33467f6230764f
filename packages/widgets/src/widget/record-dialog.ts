/**
 * The detail dialog of a list widget, shared by all: opening a row reads the record fresh (the version every write
 * is based on, so its actions stay disabled until the read arrived), shows its fields, and runs its actions — a form
 * generated from the request body, a confirmation for destructive ones, the cancelable `fco-action` first and
 * `fco-action-done` after, the merge view on a 412, the server's 422 messages on the fields they name. It also
 * creates records: the create form, then the new record as the server returned it.
 */
import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { etagOf, methodOf, pathParamsOf, PreconditionFailedError, ValidationError, type BodyField, type Client, type FieldError, type FieldKind, type OperationId } from '@fco-admin/sdk';
import type { Localizer } from '../i18n/localizer.js';
import type { Principal, Scope } from '../api/types.js';
import type { ClassifiedError } from '../api/errors.js';
import { FcoActionDoneEvent, FcoActionEvent, type FcoAction } from '../events.js';
import { fieldsOf, fromForm, getAt, patchOf, patternMismatches, pick, setAt, toForm, withoutError, type FormTree } from '../form/form-model.js';
import { renderObject, type FieldPresentation } from '../form/form-view.js';
import { mergeConflict, renderMergeView, type Conflict } from '../form/merge-view.js';
import type { ActionEnv, ActionSpec, ChoiceSource, CreateSpec, CustomControl, OwnForm, Text } from './definition.js';
import { fieldLabel } from './columns.js';
import { renderFields } from './record-view.js';
import type { ChangeEvent } from '../live/types.js';

type Item = Record<string, unknown> & { id?: unknown };
type AnyAction = ActionSpec<Item, any>;
type AnyCreate = CreateSpec<Item, any>;
/** A form field spec as the dialog reads it (the definition's is typed by the body; here any body will do). */
interface FieldSpec {
  field: string;
  label?: Text;
  choices?: ChoiceSource;
  options?: (item: Item, l: Localizer, env: ActionEnv) => { value: string; label: string }[];
  labels?: string;
  multiline?: boolean;
  locked?: (item: Item, env: ActionEnv) => Text | undefined;
  control?: CustomControl<any>;
}
const specsOf = (form: { fields: readonly unknown[] }) => form.fields.map((f) => (typeof f === 'string' ? { field: f } : f) as FieldSpec);

/** What the dialog needs from the widget that owns it. */
export interface RecordHost extends ReactiveControllerHost, EventTarget {
  readonly recordClient: Client | undefined;
  readonly recordLocalizer: Localizer;
  can(scope: Scope): boolean;
  reportError(error: unknown): ClassifiedError;
  /** Choices loaded for form fields that name other objects. */
  choicesFor(source: ChoiceSource): readonly { value: string; label: string }[] | undefined;
  /** The signed-in principal (for actions that depend on who acts). */
  readonly recordPrincipal: Principal | undefined;
  readonly renderRoot: HTMLElement | DocumentFragment;
}

export interface RecordShape {
  /** The kind of object (`node`), for events. */
  object: string;
  get: OperationId;
  heading: (item: Item) => string | TemplateResult;
  fields: readonly (readonly [string, FieldKind])[];
  /** Fields shown their own way (an invoice's items in its currency; undefined: as their kind would, see renderFields). */
  render: { readonly [field: string]: ((item: Item, l: Localizer) => string | TemplateResult | undefined) | undefined };
  actions: readonly AnyAction[];
  /** Lists of other objects shown under the fields (rendered by the widget, which owns the tables). */
  related: (item: Item) => TemplateResult | typeof nothing;
}

/** An action (or a create) under way: its form, or its confirmation. */
interface Step {
  action: AnyAction | AnyCreate;
  stage: 'form' | 'confirm';
  /** The body the form produced, kept while the confirmation is asked. */
  body?: Record<string, unknown>;
}

interface FormState {
  schema: Extract<BodyField, { kind: 'object' }>;
  specs: Map<string, FieldSpec>;
  /** The record's own presentation of fields, by pointer (see OwnForm). */
  own: OwnForm['fields'];
  tree: FormTree;
  /** What the edit started from: the base of a patch and of the merge view. */
  base: FormTree;
}

export class RecordDialog implements ReactiveController {
  /** The record as last read or written by the client: the version every action is based on (its ETag). */
  private item: Item | undefined;
  private fresh = false;
  private step: Step | undefined;
  private form: FormState | undefined;
  private errors = new Map<string, string>();
  /** The server's 422 errors by pointer, whole (what custom controls show beyond the message). */
  private fieldErrors = new Map<string, FieldError>();
  private conflict: Conflict | undefined;
  private message: string | undefined;
  /** Someone else changed or deleted the record while it was open (from the change stream). */
  private notice: string | undefined;
  /** The record was deleted elsewhere: nothing can be done with it any more. */
  private gone = false;
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

  /** The record shown, as last read (undefined while closed or creating). */
  get record(): Item | undefined {
    return this.item;
  }

  hostUpdated(): void {
    if (!this.focusPending) return;
    const target = this.dialog()?.querySelector<HTMLElement>('[data-focus], form :is(input, select, textarea):not(:disabled)');
    if (target) {
      this.focusPending = false;
      target.focus();
    }
  }

  private update(): void {
    this.host.requestUpdate();
  }

  private get env(): ActionEnv {
    return { principal: this.host.recordPrincipal, choices: (source) => this.host.choicesFor(source) };
  }

  /** Shows `row` at once and reads it fresh; actions wait for the read. */
  open(row: Item): void {
    this.item = row;
    this.fresh = false;
    this.gone = false;
    this.reset();
    this.update();
    void this.read(row);
  }

  /** The create form, with `initial` values (the create's own, and what the widget knows, like its customer). */
  create(spec: AnyCreate, initial: Record<string, unknown>): void {
    this.item = undefined;
    this.fresh = true;
    this.gone = false;
    this.reset();
    this.startForm(spec, initial);
    this.focusPending = true;
    this.update();
  }

  private reset(): void {
    this.step = undefined;
    this.form = undefined;
    this.errors = new Map();
    this.fieldErrors = new Map();
    this.conflict = undefined;
    this.message = undefined;
    this.notice = undefined;
    this.busy = false;
  }

  /**
   * Another session changed or deleted the record shown: the dialog says so, shows the new version, and an edit
   * under way continues on it (the merge view lists what the server changed) instead of failing with 412 on save.
   */
  changedElsewhere(change: ChangeEvent): void {
    const item = this.item;
    if (!item || String(item.id) !== change.id || this.busy) return;
    if (change.change === 'deleted') {
      this.reset();
      this.gone = true;
      this.notice = this.host.recordLocalizer.messages.deletedElsewhere;
      this.update();
      return;
    }
    // The version shown already (this dialog's own save coming back through the stream).
    if (change.etag !== undefined && change.etag === etagOf(item)) return;
    void this.takeNewVersion(item);
  }

  /** Reads the record again: changes to it may have been missed (the change stream was reset). */
  reread(): void {
    if (this.item && !this.busy && !this.gone) void this.takeNewVersion(this.item);
  }

  private async takeNewVersion(shown: Item): Promise<void> {
    const fresh = await this.read(shown);
    if (!fresh || fresh !== this.item || this.busy) return;
    const etag = etagOf(fresh);
    if (etag !== undefined && etag === etagOf(shown)) return;
    const step = this.step;
    if (step?.stage === 'form' && this.form && isPatch(step.action)) {
      const conflict = this.rebase(step.action, fresh);
      // Only fields outside the form changed: nothing to choose, the save simply goes on the new version.
      if (conflict.conflicts.length + conflict.takenFromServer.length === 0) this.conflict = undefined;
    } else if (step) {
      // A confirmation (or a form) about the old version: back to the record, as it now is.
      this.step = undefined;
      this.form = undefined;
    }
    // The merge view, when it shows, says it itself.
    this.notice = this.host.recordLocalizer.messages.changedElsewhere;
    this.update();
  }

  /** Keeps the user's edits on top of `fresh`: fields only the server changed take its values, the others are listed. */
  private rebase(action: AnyAction | AnyCreate, fresh: Item): Conflict {
    const form = this.form!;
    const initial = 'form' in action && (action as AnyAction).form?.initial;
    const theirs = toForm(form.schema, initial ? initial(fresh) : fresh);
    const merged = mergeConflict(form.schema, form.base, form.tree, theirs);
    this.form = { ...form, tree: merged.tree, base: theirs };
    this.conflict = merged.conflict;
    this.step = { action, stage: 'form' };
    return merged.conflict;
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

  private startForm(action: AnyAction | AnyCreate, initial: unknown): void {
    const form = action.form!;
    const specs = specsOf(form);
    const own = 'bodyOf' in form && form.bodyOf && this.item ? form.bodyOf(this.item, this.host.recordLocalizer) : undefined;
    const picked = pick(form.body, specs.map((f) => f.field));
    // A record's own schema for some fields (a provider's values) replaces what the spec says of them.
    const schema = own
      ? { ...picked, properties: { ...picked.properties, ...own.body.properties }, required: [...new Set([...picked.required, ...own.body.required])] }
      : picked;
    const tree = toForm(schema, initial);
    this.form = { schema, specs: new Map(specs.map((f) => [f.field, f])), own: own?.fields, tree, base: tree };
    this.step = { action, stage: 'form' };
  }

  private start(action: AnyAction): void {
    const item = this.item;
    if (!item) return;
    this.reset();
    if (action.form) this.startForm(action, action.form.initial ? action.form.initial(item) : item);
    else if (action.confirm) this.step = { action, stage: 'confirm' };
    else {
      void this.perform(action, undefined);
      return;
    }
    this.focusPending = true;
    this.update();
  }

  private back(): void {
    if (!this.item) {
      this.dialog()?.close(); // cancelling a create closes it
      return;
    }
    this.reset();
    this.focusPending = true;
    this.update();
  }

  private submitForm(event: SubmitEvent): void {
    event.preventDefault();
    const step = this.step;
    const form = this.form;
    if (!step || !form) return;
    const t = this.host.recordLocalizer.messages;
    const mismatches = patternMismatches(form.schema, form.tree);
    if (mismatches.length > 0) {
      this.errors = new Map(mismatches.map((pointer) => [pointer, t.invalidFormat]));
      this.message = t.fixFields;
      this.update();
      return;
    }
    const patch = isPatch(step.action);
    const body = patch ? patchOf(form.schema, form.base, form.tree) : ((fromForm(form.schema, form.tree, true) ?? {}) as Record<string, unknown>);
    if (patch && Object.keys(body).length === 0) {
      this.back();
      return;
    }
    if ('confirm' in step.action && step.action.confirm) {
      this.step = { ...step, stage: 'confirm', body };
      this.focusPending = true;
      this.update();
    } else void this.perform(step.action, body);
  }

  private async perform(action: AnyAction | AnyCreate, body: Record<string, unknown> | undefined): Promise<void> {
    const item = this.item;
    const client = this.host.recordClient;
    if (!client || this.busy) return;
    const { object } = this.shape();
    const described: FcoAction = {
      type: action.id,
      object,
      ...(item ? { objectId: String(item.id) } : {}),
      ...(body ? { body } : {}),
      ...('describe' in action && item ? (action.describe?.(item, body) ?? {}) : {}),
    };
    if (!this.host.dispatchEvent(new FcoActionEvent(described))) return;
    this.busy = true;
    this.message = undefined;
    this.update();
    try {
      // Without a record the dialog is creating one.
      const result = item ? await (action as AnyAction).run({ client, item, body }) : await (action as AnyCreate).run({ client, body: body ?? {} });
      if (result && typeof result === 'object' && !('closes' in action && action.closes)) {
        this.item = result;
        this.fresh = true;
        this.reset();
        this.focusPending = true;
      } else {
        this.item = undefined;
        this.dialog()?.close();
      }
      this.host.dispatchEvent(new FcoActionDoneEvent({ ...described, ...(result && typeof result === 'object' && 'id' in result ? { objectId: String(result.id) } : {}) }));
    } catch (error) {
      await this.failed(action, error);
    } finally {
      this.busy = false;
      this.update();
    }
  }

  private async failed(action: AnyAction | AnyCreate, error: unknown): Promise<void> {
    const t = this.host.recordLocalizer.messages;
    const item = this.item;
    if (error instanceof PreconditionFailedError && item) {
      const fresh = await this.read(item);
      if (!fresh) return;
      if (this.form && isPatch(action)) {
        // Someone saved first: keep the user's edits on top of the new version.
        this.rebase(action, fresh);
      } else {
        this.step = undefined;
        this.form = undefined;
        this.message = t.changedMeanwhile;
      }
      return;
    }
    const failure = this.host.reportError(error);
    if (error instanceof ValidationError && this.form) {
      // Each message on the field (or the group of fields) its pointer names.
      const known = new Set(this.form ? [...fieldsOf(this.form.schema, this.form.tree).keys(), ...groupPointers(this.form.schema)] : []);
      const placed = error.fieldErrors.filter((e) => known.has(e.pointer) || getAt(this.form!.tree, e.pointer) !== undefined);
      this.errors = new Map(placed.map((e) => [e.pointer, e.message]));
      this.fieldErrors = new Map(placed.map((e) => [e.pointer, e]));
      this.step = { action, stage: 'form' };
      this.message = placed.length < error.fieldErrors.length || placed.length === 0 ? `${t.errorKind[failure.kind]} ${failure.message}` : t.fixFields;
      return;
    }
    this.message = `${t.errorKind[failure.kind]} ${failure.message}`;
    // Refused in this state (the last admin, a billing entity with customers): asking again would be refused again,
    // so the confirmation gives way to the record, with the server's reason above it. A transient failure (the
    // network, a 5xx) keeps the confirmation, so trying again is one click.
    if (failure.kind === 'refused' && this.step?.stage === 'confirm' && item) {
      this.step = undefined;
      this.form = undefined;
      this.focusPending = true;
    }
  }

  // ---- rendering ----

  render(): TemplateResult | typeof nothing {
    const item = this.item;
    const step = this.step;
    if (!item && !step) return nothing;
    const shape = this.shape();
    const l = this.host.recordLocalizer;
    const t = l.messages;
    const heading = item ? shape.heading(item) : step!.action.label(t);
    return html`<h2 id=${this.titleId}>${heading}</h2>
      ${this.notice && !this.conflict ? html`<p class="notice" role="status" data-notice>${this.notice}</p>` : nothing}
      ${this.fresh || this.message ? nothing : html`<p class="muted" role="status">${t.readingFresh}</p>`}
      ${this.message ? html`<p class="error-text" role="alert">${this.message}</p>` : nothing}
      ${step?.stage === 'form'
        ? this.renderForm(step.action)
        : step?.stage === 'confirm' && item
          ? this.renderConfirm(step, item)
          : item
            ? html`${renderFields(shape.fields, item, l, shape.render)}${shape.related(item)}${this.renderActions(shape, item)}`
            : nothing}`;
  }

  private renderActions(shape: RecordShape, item: Item): TemplateResult {
    const t = this.host.recordLocalizer.messages;
    const offered = this.gone ? [] : shape.actions.filter((a) => this.host.can(a.scope) && (a.when?.(item, this.env) ?? true));
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
    const action = step.action as AnyAction;
    return html`<p>${action.confirm?.(t, item, step.body, this.env)}</p>
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

  private presentation(pointer: string, name: string): FieldPresentation {
    const l = this.host.recordLocalizer;
    const t = l.messages;
    const top = pointer.split('/').length === 2;
    const spec = top ? this.form?.specs.get(name) : undefined;
    const item = this.item;
    const choices = spec?.choices ? this.host.choicesFor(spec.choices) : spec?.options && item ? spec.options(item, l, this.env) : undefined;
    const locked = spec?.locked && item ? spec.locked(item, this.env)?.(t) : undefined;
    return {
      label: spec?.label ? spec.label(t) : fieldLabel(l, name),
      ...(choices ? { choices } : {}),
      ...(spec?.labels ? { labels: spec.labels } : {}),
      ...(spec?.multiline ? { multiline: true } : {}),
      ...(locked ? { locked } : {}),
      ...(spec?.control ? { control: spec.control } : {}),
      ...this.form?.own?.[pointer],
    };
  }

  private renderForm(action: AnyAction | AnyCreate): TemplateResult {
    const l = this.host.recordLocalizer;
    const t = l.messages;
    const form = this.form!;
    const patch = isPatch(action);
    const display = (value: FormTree): string =>
      typeof value === 'boolean' ? l.boolean(value) : Array.isArray(value) ? (value.length ? value.map((v) => (typeof v === 'string' ? v : '…')).join(', ') : t.none) : typeof value === 'string' && value !== '' ? value : t.none;
    return html`<form aria-label=${action.label(t)} @submit=${(e: SubmitEvent) => this.submitForm(e)}>
      ${this.conflict
        ? renderMergeView(this.conflict, (pointer) => getAt(form.tree, pointer), t, (pointer) => fieldLabel(l, pointer.split('/').at(-1) ?? pointer), display, (pointer, value) =>
            this.input(pointer, value),
          )
        : nothing}
      ${renderObject(form.schema, '', {
        schema: form.schema,
        tree: form.tree,
        errors: this.errors,
        fieldErrors: this.fieldErrors,
        record: this.item,
        localizer: l,
        idPrefix: `${this.titleId}-f`,
        onInput: (pointer, value) => this.input(pointer, value),
        present: (pointer, name) => this.presentation(pointer, name),
      })}
      <div class="actions">
        <button type="submit" class="primary" data-action="save" ?disabled=${this.busy || !this.fresh}>
          ${this.conflict ? t.saveAgain : action.form && 'submitLabel' in action.form && action.form.submitLabel ? action.form.submitLabel(t) : patch ? t.save : action.label(t)}
        </button>
        <button type="button" data-action="cancel" @click=${() => this.back()}>${t.cancel}</button>
      </div>
    </form>`;
  }

  private input(pointer: string, value: FormTree): void {
    if (!this.form) return;
    this.form = { ...this.form, tree: setAt(this.form.tree, pointer, value) };
    this.errors = withoutError(this.errors, pointer);
    this.fieldErrors = withoutError(this.fieldErrors, pointer);
    this.update();
  }
}

/** An edit whose form sends only what changed (and so can be merged with what changed on the server). */
function isPatch(action: AnyAction | AnyCreate): boolean {
  return 'patch' in (action.form ?? {}) && (action.form as { patch?: boolean }).patch === true;
}

/** Pointers of the objects and arrays in a form (their fieldsets show messages about them as a whole). */
function groupPointers(schema: BodyField, pointer = ''): string[] {
  if (schema.kind === 'object') {
    return [pointer, ...Object.entries(schema.properties).flatMap(([key, child]) => groupPointers(child, `${pointer}/${key}`))];
  }
  if (schema.kind === 'array') return [pointer];
  return [];
}
