import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { query, state } from 'lit/decorators.js';
import { renderStatePanel } from '../base/state-panel.js';
import { afterNextPaint } from '../base/after-paint.js';
import { classifyError, isAbortError, type ClassifiedError } from '../api/errors.js';
import { methodOf, paginate, type Client, type FieldKind, type ListMetadata } from '@fco-admin/sdk';
import { FcoWidget } from '../base/widget-base.js';
import { baseStyles } from '../theme/styles.js';
import { showModal } from '../dialog/modal.js';
import type { FcoDataTable } from '../table/data-table.js';
import type { ColumnDef, FetchPage, FilterDef, SortState } from '../table/types.js';
import type { FcoRowOpenEvent } from '../events.js';
import type { Principal, Scope } from '../api/types.js';
import type { Localizer } from '../i18n/localizer.js';
import { defineAction, type ChoiceSource, type CreateSpec, type ListWidgetDefinition, type RelatedList } from './definition.js';
import { columnsOf, filtersOf } from './columns.js';
import type { RecordHost, RecordShape } from './record-dialog.js';
import { LazyRecordDialog } from './lazy-record-dialog.js';
import { widgetStyles } from './widget-styles.js';
import { LiveSubscription } from '../live/live-subscription.js';
import type { ChangeEvent } from '../live/types.js';

type Row = Record<string, unknown>;
/** The most rows a tree widget loads. */
const TREE_LIMIT = 5000;
/** Changes arriving within this time refresh the rows once (a bulk approval is one reload, not fifty). */
const LIVE_REFRESH_MS = 100;

/** The kind of object a definition's rows are in the change stream: its own, or its list's item schema. */
function changeKindOf(definition: ListWidgetDefinition): string | undefined {
  if (definition.kind) return definition.kind;
  // A list whose items the stream never announces (read-only resources) holds no stream open.
  return definition.list.changes ? definition.list.item : undefined;
}

interface Derived {
  columns: ColumnDef<Row>[];
  sort: SortState;
  fields: RecordShape['fields'];
  actions: RecordShape['actions'];
  create: CreateSpec<Row, any> | undefined;
}

/** A related list's columns and sort, computed once per list (stable identities keep its table still). */
const relatedShapes = new WeakMap<RelatedList<unknown, any>, { columns: ColumnDef<Row>[]; sort: SortState }>();
function relatedShape(related: RelatedList<unknown, any>) {
  let shape = relatedShapes.get(related);
  if (!shape) {
    shape = { columns: columnsOf(related.list, related.columns), sort: { field: related.sort[0], direction: related.sort[1] } };
    relatedShapes.set(related, shape);
  }
  return shape;
}

/** What follows from a definition alone, computed once per widget class (stable identities keep the table still). */
const derivedOf = new WeakMap<ListWidgetDefinition, Derived>();

function derive(definition: ListWidgetDefinition): Derived {
  const known = derivedOf.get(definition);
  if (known) return known;
  {
    const list: ListMetadata = definition.list;
    const columns = columnsOf(list, definition.columns);
    const fieldNames = [...new Set([...columns.map((c) => c.id), ...(definition.detail ?? [])])];
    const derived: Derived = {
      columns,
      sort: { field: definition.sort[0], direction: definition.sort[1] },
      // A detail field the list does not have (an invoice's items) shows as it comes, unless the widget renders it.
      fields: fieldNames.map((name) => [name, (list.fields[name] ?? 'mixed') as FieldKind] as const),
      actions: (definition.actions?.(defineAction) ?? []) as unknown as RecordShape['actions'],
      create: definition.create?.((create) => create) as CreateSpec<Row, any> | undefined,
    };
    derivedOf.set(definition, derived);
    return derived;
  }
}

/**
 * The base of every list widget: a definition (see definition.ts) is all a widget states. This class gates on the
 * definition's scopes, lists with the definition's operation through the shared data table, offers its filters
 * (choices for ids loaded by name where the caller may read them), and opens the shared record dialog on a row.
 *
 * @fires {FcoActionEvent} fco-action - Before an action is sent (cancelable: `preventDefault()` vetoes it).
 * @fires {FcoActionDoneEvent} fco-action-done - After the server accepted an action.
 * @fires {FcoLoadErrorEvent} fco-load-error - A list, read or write failed.
 * @fires {FcoRowOpenEvent} fco-row-open - A row's detail was opened.
 * @fires {FcoSelectionChangedEvent} fco-selection-changed - The selected rows changed (widgets with selection).
 * @csspart table - The data table.
 * @csspart dialog - The detail dialog.
 * @csspart state - The loading, forbidden or session-expired panel.
 * @cssprop --fco-table-height - Height of the table's scrolling body (default 420px).
 */
export abstract class FcoListWidget extends FcoWidget implements RecordHost {
  static override styles = [baseStyles, widgetStyles];

  /** The widget's declaration; each widget class sets it. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each widget narrows it to its own list
  static definition: ListWidgetDefinition<any>;

  @query('fco-data-table') protected table!: FcoDataTable<Row> | null;
  @query('dialog') private dialogElement!: HTMLDialogElement | null;

  /** Loaded choices by source, so ids show as names in filters and forms. */
  @state() private choices = new Map<ChoiceSource, readonly { value: string; label: string }[]>();
  private choicesFor_: Client | undefined;
  /** Choices only filters and forms use, waiting for the table's first page (the rows go first). */
  private choicesAfterRows: ChoiceSource[] = [];
  /**
   * The sources that will load and have not yet: their filters are lists with only "Any" meanwhile, so the control
   * does not change from an id field into a list under the user's eyes (one that fails stays an id field).
   */
  @state() private choicesAwaited = new Set<ChoiceSource>();
  /** This widget's columns: the definition's, with ids shown as names once the names are loaded. */
  private readonly columns = columnsOf(this.definition.list, this.definition.columns, (source, id) => this.nameOf(source, id));
  private listClient: Client | undefined;
  private fetchPage: FetchPage<Row> | undefined;
  /** A tree widget's rows (all of them), or its load failure; reloaded when data changes. */
  @state() private treeRows: Row[] | undefined;
  @state() private treeError: ClassifiedError | undefined;
  private treeLoaded: { client: Client; revision: number } | undefined;
  private treeAbort: AbortController | undefined;
  /** Per related list: its call for the record shown (see relatedFetchPage), made anew when the client changes. */
  private relatedFetch = new Map<string, { key: string; fetchPage: FetchPage<Row> }>();

  /** The element's default tag and the layout's widget type (the registry reads it). */
  static get tag(): string {
    return this.definition.tag;
  }

  /** Scopes the widget needs to show anything (the add-widget picker offers it only with all of them). */
  static get scopes(): readonly Scope[] {
    return this.definition.scopes;
  }

  /** The list it shows (the registry's shared tests and stories hold, empty or fail it). */
  static get lists(): readonly ListMetadata[] {
    return [this.definition.list];
  }

  protected readonly record = new LazyRecordDialog(this, () => this.shape, () => this.dialogElement, this.definition.tag);

  /** Changes made elsewhere to objects this widget lists: rows update in place, the open record says it changed. */
  private readonly live = new LiveSubscription(
    this,
    () => {
      const kind = changeKindOf(this.definition);
      return kind && this.readyClient && this.context ? { subscribe: this.context.subscribeChanges, kind } : undefined;
    },
    {
      change: (change) => this.changedElsewhere(change),
      reset: () => {
        this.record.reread();
        this.refreshSoon();
      },
    },
  );
  private liveRefresh: ReturnType<typeof setTimeout> | undefined;

  /** The open record's related lists (a customer's users) follow changes of their own kind while it shows. */
  private readonly relatedLive = (this.definition.related ?? [])
    .filter((related) => related.list.changes && related.list.item)
    .map(
      (related) =>
        new LiveSubscription(
          this,
          () =>
            this.dialogElement?.open && this.record.record && this.readyClient && this.context && this.can(related.scope)
              ? { subscribe: this.context.subscribeChanges, kind: related.list.item! }
              : undefined,
          { change: () => this.refreshRelated(related.list.id), reset: () => this.refreshRelated(related.list.id) },
        ),
    );

  private get shape(): RecordShape {
    const definition = this.definition;
    return {
      object: definition.object,
      get: definition.get,
      heading: definition.heading as RecordShape['heading'],
      fields: derive(definition).fields,
      render: { ...this.namesInDetail(), ...definition.detailRender } as RecordShape['render'],
      actions: derive(definition).actions,
      related: (item) => this.renderRelated(item),
    };
  }

  /** The loaded name of another object by its id (undefined until the names are loaded, or for an unknown id). */
  private nameOf(source: ChoiceSource, id: string): string | undefined {
    return this.choices.get(source)?.find((choice) => choice.value === id)?.label;
  }

  /** Fields holding another object's id show its name in the detail too, as their columns do once names are loaded. */
  private namesInDetail(): Record<string, (record: Row) => string | undefined> {
    const render: Record<string, (record: Row) => string | undefined> = {};
    for (const spec of this.definition.columns) {
      if (typeof spec !== 'object' || !spec.names) continue;
      const source = spec.names;
      const field = spec.field as string;
      render[field] = (record) => this.nameOf(source, String(record[field]));
    }
    return render;
  }

  protected get definition(): ListWidgetDefinition<any> {
    return (this.constructor as typeof FcoListWidget).definition;
  }

  protected get requiredScopes(): readonly Scope[] {
    return this.definition.scopes;
  }

  get recordClient(): Client | undefined {
    return this.readyClient;
  }

  get recordLocalizer(): Localizer {
    return this.localizer;
  }

  get recordPrincipal(): Principal | undefined {
    return this.context?.principal;
  }

  override can(scope: Scope): boolean {
    return super.can(scope);
  }

  override reportError(error: unknown) {
    return super.reportError(error);
  }

  choicesFor(source: ChoiceSource): readonly { value: string; label: string }[] | undefined {
    return this.choices.get(source);
  }

  /** The title the container shows for this widget (also the table's accessible name). */
  get widgetTitle(): string {
    return (this.t.widgetTitles as Record<string, string>)[this.definition.tag] ?? this.definition.tag;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.definition.load?.();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.liveRefresh);
    this.liveRefresh = undefined;
  }

  private changedElsewhere(change: ChangeEvent): void {
    this.record.changedElsewhere(change);
    // Whichever the change, the rows in view are read again: an update may also move a row out of a filtered list
    // (an approved customer leaves the pending ones), and a creation may land on the page shown.
    this.refreshSoon();
  }

  /** The dialog opened or closed: what listens while it shows follows. */
  private readonly dialogToggled = (): void => this.requestUpdate();

  private refreshRelated(listId: string): void {
    for (const table of this.renderRoot.querySelectorAll<FcoDataTable>(`dialog fco-data-table[data-list="${listId}"]`)) table.refresh();
  }

  private refreshSoon(): void {
    if (this.liveRefresh !== undefined) return;
    this.liveRefresh = setTimeout(() => {
      this.liveRefresh = undefined;
      if (this.definition.tree) {
        if (this.fetchPage) void this.loadTree(this.fetchPage);
      } else this.table?.refresh();
    }, LIVE_REFRESH_MS);
  }

  protected override willUpdate(): void {
    const client = this.readyClient;
    if (client !== this.listClient) {
      this.listClient = client;
      // The definition's list operation, whichever it is (each widget's definition is typed by its own).
      const list = client ? (methodOf as (client: Client, id: string) => FetchPage<Row>)(client, this.definition.list.id) : undefined;
      this.fetchPage = list;
      this.relatedFetch = new Map();
    }
    if (this.definition.tree && client && this.fetchPage) {
      const revision = this.context?.revision ?? 0;
      if (client !== this.treeLoaded?.client || revision !== this.treeLoaded.revision) {
        this.treeLoaded = { client, revision };
        void this.loadTree(this.fetchPage);
      }
    }
    if (client && client !== this.choicesFor_) {
      this.choicesFor_ = client;
      this.loadChoices(client);
    }
  }

  /** Every row of a hierarchy, in pages, sorted as the definition says (the tree orders siblings itself). */
  private async loadTree(list: FetchPage<Row>): Promise<void> {
    this.treeAbort?.abort();
    const controller = new AbortController();
    this.treeAbort = controller;
    this.treeError = undefined;
    const rows: Row[] = [];
    try {
      const pages = paginate.pages((q: { pageToken?: string }) => list({ filter: undefined, orderBy: undefined, pageSize: 500, signal: controller.signal, ...q }), {
        pageSize: 500,
        signal: controller.signal,
      });
      for await (const page of pages) {
        rows.push(...page.items);
        if (rows.length >= TREE_LIMIT) break;
      }
      if (this.treeAbort === controller) this.treeRows = rows;
    } catch (error) {
      if (isAbortError(error) || this.treeAbort !== controller) return;
      this.treeError = classifyError(error);
      this.reportError(error);
    }
  }

  /**
   * Every choice source the filters, columns and forms name, loaded once per session where the principal may read
   * them. Names the columns show load with the first page; the others wait until it is in, except in a tree widget
   * (it loads every row at once and has no filter bar).
   */
  private loadChoices(client: Client): void {
    const sources = new Set<ChoiceSource>();
    const shown = new Set<ChoiceSource>();
    for (const spec of this.definition.filters ?? []) if (typeof spec === 'object' && 'choices' in spec && spec.choices) sources.add(spec.choices);
    for (const spec of this.definition.columns) if (typeof spec === 'object' && spec.names) shown.add(spec.names);
    const derived = derive(this.definition);
    for (const form of [...derived.actions.map((a) => a.form), derived.create?.form]) {
      for (const field of form?.fields ?? []) if (typeof field === 'object' && field.choices) sources.add(field.choices);
    }
    this.choicesAfterRows = [];
    const loading = [...new Set([...shown, ...sources])].filter((source) => this.can(source.scope));
    this.choicesAwaited = new Set(loading);
    for (const source of loading) {
      if (shown.has(source) || this.definition.tree) this.loadChoice(client, source);
      else this.choicesAfterRows.push(source);
    }
  }

  private loadChoice(client: Client, source: ChoiceSource): void {
    source.load(client, new AbortController().signal).then(
      (loaded) => {
        if (client !== this.readyClient) return;
        this.choices = new Map(this.choices).set(source, loaded);
        this.settleChoice(source);
        this.table?.requestUpdate(); // cells that show names for ids
      },
      () => {
        if (client === this.readyClient) this.settleChoice(source); // the filter becomes a plain id field
      },
    );
  }

  private settleChoice(source: ChoiceSource): void {
    const awaited = new Set(this.choicesAwaited);
    awaited.delete(source);
    this.choicesAwaited = awaited;
  }

  /**
   * The table's first page arrived or failed: the choices that waited for it load once its rows are painted (their
   * requests take the main thread a few milliseconds, which the first rows would otherwise wait for).
   */
  private readonly firstRowsSettled = (): void => {
    const client = this.readyClient;
    const waiting = this.choicesAfterRows.splice(0);
    if (!client || waiting.length === 0) return;
    afterNextPaint(() => {
      // Another session meanwhile queued its own (loadChoices).
      if (client === this.readyClient) for (const source of waiting) this.loadChoice(client, source);
    });
  };

  private get filters(): FilterDef[] {
    const licensee = this.context?.principal?.billingEntity.isMaster ?? false;
    const byField = new Map<string, readonly { value: string; label: string }[]>();
    for (const spec of this.definition.filters ?? []) {
      if (typeof spec === 'object' && 'choices' in spec && spec.choices) {
        const loaded = this.choices.get(spec.choices) ?? (this.choicesAwaited.has(spec.choices) ? [] : undefined);
        if (loaded) byField.set(spec.field as string, loaded);
      }
    }
    return filtersOf(this.definition.list, this.definition.filters ?? [], licensee, byField);
  }

  protected override render(): TemplateResult {
    const gate = this.renderGate();
    if (gate) return gate;
    const derived = derive(this.definition);
    const create = derived.create && this.can(derived.create.scope) ? derived.create : undefined;
    const t = this.t;
    const tree = this.definition.tree;
    const body = tree
      ? this.treeError
        ? renderStatePanel('error', html`${t.error} ${t.errorKind[this.treeError.kind]}`, () => this.treeLoaded && this.fetchPage && void this.loadTree(this.fetchPage), t.retry)
        : !this.treeRows
          ? renderStatePanel('loading', t.loading)
          : this.treeRows.length === 0
            ? renderStatePanel('empty', t.empty)
            : html`<fco-tree-grid
                part="table"
                label=${this.widgetTitle}
                .rows=${this.treeRows}
                .columns=${this.columns}
                .parentKey=${(row: Row) => (row[tree.parent] as string | null) ?? null}
                @fco-row-open=${this.onRowOpen}
              ></fco-tree-grid>`
      : undefined;
    return html`${create
        ? html`<div class="widget-actions">
            <button type="button" class="primary" data-action=${create.id} @click=${() => this.startCreate(create)}>${create.label(this.t)}</button>
          </div>`
        : nothing}${body ??
      html`<fco-data-table
        part="table"
        label=${this.widgetTitle}
        ?selectable=${this.definition.selectable ?? false}
        .fetchPage=${this.fetchPage}
        .columns=${this.columns}
        .filters=${this.filters}
        .defaultSort=${derived.sort}
        .baseFilter=${this.baseFilter}
        .onTotalChange=${this.onTotal}
        @fco-row-open=${this.onRowOpen}
        @fco-load-error=${this.firstRowsSettled}
      ></fco-data-table>`}
      <dialog part="dialog" aria-labelledby=${ifDefined(this.record.labelledBy)} @close=${this.dialogToggled}>${this.record.render()}</dialog>`;
  }

  /** The definition's fixed filter; widgets with an attribute that narrows the list (a customer's users) add to it. */
  protected get baseFilter(): string | undefined {
    return this.definition.baseFilter;
  }

  private readonly onTotal = (total: number): void => {
    this.firstRowsSettled();
    this.totalChanged(total, this.table?.isFiltered ?? false);
  };

  /** The table learnt how many rows match (`filtered`: narrowed by the user's filters). */
  protected totalChanged(_total: number, _filtered: boolean): void {}

  /** The record's related lists (a customer's users), each the other widget's columns over the record's rows. */
  private renderRelated(item: Row): TemplateResult | typeof nothing {
    // The dialog is labelled by the record's heading; each related grid by its list's title.
    const client = this.readyClient;
    const related = (this.definition.related ?? []).filter((r) => this.can(r.scope));
    if (!client || related.length === 0) return nothing;
    return html`${related.map((r) => {
      const fetchPage = this.relatedFetchPage(client, r, item);
      const shape = relatedShape(r);
      return html`<section class="related">
        <h3>${r.title(this.t)}</h3>
        <fco-data-table
          class="related"
          data-list=${r.list.id}
          page-size="50"
          label=${r.title(this.t)}
          .fetchPage=${fetchPage}
          .columns=${shape.columns}
          .defaultSort=${shape.sort}
          .baseFilter=${r.filter?.(item)}
        ></fco-data-table>
      </section>`;
    })}`;
  }

  /**
   * A related list's call for the record shown. The same function while the record is the same: a new one is a new
   * query to the table, which would load again from its first row on every render of this widget.
   */
  private relatedFetchPage(client: Client, related: RelatedList<unknown, any>, item: Row): FetchPage<Row> {
    const params = related.params?.(item);
    const key = JSON.stringify(params ?? {});
    let known = this.relatedFetch.get(related.list.id);
    if (known?.key !== key) {
      const list = (methodOf as (client: Client, id: string) => FetchPage<Row>)(client, related.list.id);
      known = { key, fetchPage: params ? (q) => list({ ...q, ...params }) : list };
      this.relatedFetch.set(related.list.id, known);
    }
    return known.fetchPage;
  }

  /** Values a create form starts with beyond the definition's (a widget narrowed by an attribute fills it in). */
  protected createInitial(): Record<string, unknown> {
    return {};
  }

  private async startCreate(create: CreateSpec<Row, any>): Promise<void> {
    const opener = this.renderRoot.querySelector<HTMLElement>(`.widget-actions [data-action="${create.id}"]`);
    const dialog = await this.record.load();
    dialog?.create(create, { ...(create.form.initial?.() ?? {}), ...this.createInitial() });
    await this.updateComplete;
    showModal(this.dialogElement, () => opener?.focus());
    this.dialogToggled();
  }

  private onRowOpen(event: FcoRowOpenEvent): void {
    const source = event.composedPath()[0];
    // A nested table inside the dialog opens nothing here.
    if (source !== this.table && source !== this.renderRoot.querySelector('fco-tree-grid')) return;
    void this.openRecord(event.row as Row);
  }

  private async openRecord(row: Row): Promise<void> {
    const dialog = await this.record.load();
    dialog?.open(row);
    await this.updateComplete;
    showModal(this.dialogElement, () => this.table?.focusActiveCell());
    this.dialogToggled();
  }
}
