import { html, nothing, type TemplateResult } from 'lit';
import { query, state } from 'lit/decorators.js';
import { methodOf, type Client, type FieldKind, type ListMetadata } from '@fco-admin/sdk';
import { FcoWidget } from '../base/widget-base.js';
import { baseStyles } from '../theme/styles.js';
import { showModal } from '../dialog/modal.js';
import type { FcoDataTable } from '../table/data-table.js';
import type { ColumnDef, FetchPage, FilterDef, SortState } from '../table/types.js';
import type { FcoRowOpenEvent } from '../events.js';
import type { Scope } from '../api/types.js';
import type { Localizer } from '../i18n/localizer.js';
import { defineAction, type ChoiceSource, type ListWidgetDefinition } from './definition.js';
import { columnsOf, filtersOf } from './columns.js';
import { RecordDialog, type RecordHost, type RecordShape } from './record-dialog.js';
import { widgetStyles } from './widget-styles.js';

type Row = Record<string, unknown>;

interface Derived {
  columns: ColumnDef<Row>[];
  sort: SortState;
  fields: RecordShape['fields'];
  actions: RecordShape['actions'];
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
      fields: fieldNames.map((name) => [name, list.fields[name] as FieldKind] as const),
      actions: (definition.actions?.(defineAction) ?? []) as unknown as RecordShape['actions'],
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
  /** This widget's columns: the definition's, with ids shown as names once the names are loaded. */
  private readonly columns = columnsOf(this.definition.list, this.definition.columns, (source, id) =>
    this.choices.get(source)?.find((choice) => choice.value === id)?.label,
  );
  private listClient: Client | undefined;
  private fetchPage: FetchPage<Row> | undefined;
  /** List calls of related lists, by list operation, for the current client. */
  private relatedFetch = new Map<string, FetchPage<Row>>();

  /** The element's default tag and the layout's widget type (the registry reads it). */
  static get tag(): string {
    return this.definition.tag;
  }

  /** Scopes the widget needs to show anything (the add-widget picker offers it only with all of them). */
  static get scopes(): readonly Scope[] {
    return this.definition.scopes;
  }

  protected readonly record = new RecordDialog(this, () => this.shape, () => this.dialogElement, this.definition.tag);

  private get shape(): RecordShape {
    const definition = this.definition;
    return {
      object: definition.object,
      get: definition.get,
      heading: definition.heading as RecordShape['heading'],
      fields: derive(definition).fields,
      actions: derive(definition).actions,
      related: (item) => this.renderRelated(item),
    };
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

  protected override willUpdate(): void {
    const client = this.readyClient;
    if (client !== this.listClient) {
      this.listClient = client;
      // The definition's list operation, whichever it is (each widget's definition is typed by its own).
      const list = client ? (methodOf as (client: Client, id: string) => FetchPage<Row>)(client, this.definition.list.id) : undefined;
      this.fetchPage = list;
      this.relatedFetch = new Map();
    }
    if (client && client !== this.choicesFor_) {
      this.choicesFor_ = client;
      this.loadChoices(client);
    }
  }

  /** Every choice source the filters and forms name, loaded once per session where the principal may read them. */
  private loadChoices(client: Client): void {
    const sources = new Set<ChoiceSource>();
    for (const spec of this.definition.filters ?? []) if (typeof spec === 'object' && 'choices' in spec && spec.choices) sources.add(spec.choices);
    for (const spec of this.definition.columns) if (typeof spec === 'object' && spec.names) sources.add(spec.names);
    for (const action of derive(this.definition).actions) {
      for (const field of action.form?.fields ?? []) if (typeof field === 'object' && field.choices) sources.add(field.choices);
    }
    for (const source of sources) {
      if (!this.can(source.scope)) continue;
      source.load(client, new AbortController().signal).then(
        (loaded) => {
          if (client !== this.readyClient) return;
          this.choices = new Map(this.choices).set(source, loaded);
          this.table?.requestUpdate(); // cells that show names for ids
        },
        () => undefined, // the field stays a plain id field
      );
    }
  }

  private get filters(): FilterDef[] {
    const licensee = this.context?.principal?.billingEntity.isMaster ?? false;
    const byField = new Map<string, readonly { value: string; label: string }[]>();
    for (const spec of this.definition.filters ?? []) {
      if (typeof spec === 'object' && 'choices' in spec && spec.choices) {
        const loaded = this.choices.get(spec.choices);
        if (loaded) byField.set(spec.field as string, loaded);
      }
    }
    return filtersOf(this.definition.list, this.definition.filters ?? [], licensee, byField);
  }

  protected override render(): TemplateResult {
    const gate = this.renderGate();
    if (gate) return gate;
    const derived = derive(this.definition);
    return html`<fco-data-table
        part="table"
        label=${this.widgetTitle}
        ?selectable=${this.definition.selectable ?? false}
        .fetchPage=${this.fetchPage}
        .columns=${this.columns}
        .filters=${this.filters}
        .sort=${derived.sort}
        .baseFilter=${this.baseFilter}
        .onTotalChange=${this.onTotal}
        @fco-row-open=${this.onRowOpen}
      ></fco-data-table>
      <dialog part="dialog" aria-labelledby=${this.record.labelledBy}>${this.record.render()}</dialog>`;
  }

  /** The definition's fixed filter; widgets with an attribute that narrows the list (a customer's users) add to it. */
  protected get baseFilter(): string | undefined {
    return this.definition.baseFilter;
  }

  private readonly onTotal = (total: number): void => this.totalChanged(total, this.table?.isFiltered ?? false);

  /** The table learnt how many rows match (`filtered`: narrowed by the user's filters). */
  protected totalChanged(_total: number, _filtered: boolean): void {}

  /** The record's related lists (a customer's users), each the other widget's columns over the record's rows. */
  private renderRelated(item: Row): TemplateResult | typeof nothing {
    // The dialog is labelled by the record's heading; each related grid by its list's title.
    const client = this.readyClient;
    const related = (this.definition.related ?? []).filter((r) => r.definition.scopes.every((scope: Scope) => this.can(scope)));
    if (!client || related.length === 0) return nothing;
    const titles = this.t.widgetTitles as Record<string, string>;
    return html`${related.map((r) => {
      const definition = r.definition;
      let fetchPage = this.relatedFetch.get(definition.list.id);
      if (!fetchPage) {
        fetchPage = (methodOf as (client: Client, id: string) => FetchPage<Row>)(client, definition.list.id);
        this.relatedFetch.set(definition.list.id, fetchPage);
      }
      const title = titles[definition.tag] ?? definition.tag;
      return html`<section class="related">
        <h3>${title}</h3>
        <fco-data-table
          class="related"
          page-size="50"
          label=${title}
          .fetchPage=${fetchPage}
          .columns=${derive(definition).columns}
          .sort=${derive(definition).sort}
          .baseFilter=${r.filter(item)}
        ></fco-data-table>
      </section>`;
    })}`;
  }

  private onRowOpen(event: FcoRowOpenEvent): void {
    if (event.composedPath()[0] !== this.table) return; // a nested table inside the dialog opens nothing here
    this.record.open(event.row as Row);
    void this.updateComplete.then(() => showModal(this.dialogElement, () => this.table?.focusActiveCell()));
  }
}
