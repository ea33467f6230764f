import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { repeat } from 'lit/directives/repeat.js';
import { adminContext, type AdminContext } from '../context/admin-context.js';
import { Localizer } from '../i18n/localizer.js';
import { baseStyles } from '../theme/styles.js';
import { tableStyles } from './table-styles.js';
import { PageCache } from './page-cache.js';
import { buildFilter, buildOrderBy } from './filter-query.js';
import { FilterBar } from './filter-bar.js';
import { gridCommand } from './grid-keys.js';
import { classifyError, isAbortError, type ClassifiedError } from '../api/errors.js';
import { FcoLoadErrorEvent, FcoRowOpenEvent, FcoSelectionChangedEvent } from '../events.js';
import { renderStatePanel } from '../base/state-panel.js';
import type { ColumnDef, FetchPage, FilterDef, SortState } from './types.js';
import { cssProperty } from './css-property.js';
import { rowStrings } from './row-template.js';
import { computeWindow, scrollTopFor, type RowWindow, type ViewportMetrics } from './viewport.js';

/** Row height in px; it must match `--_row-height` in the table's styles. */
export const ROW_HEIGHT = 32;
/**
 * The tallest scroll content the table creates. Chromium stops at about 33.5 million px and Firefox near 17.9
 * million; past this height the scroll range is scaled (see viewport.ts), so any number of rows stays reachable.
 */
export const MAX_SCROLL_HEIGHT = 16_000_000;
/** Rows rendered above and below the viewport, so short scrolls show rows at once. */
const OVERSCAN = 8;
/** A cell's placeholder until its page arrives. */
const skeleton = html`<span class="skeleton"></span>`;

type LoadStatus = 'loading' | 'ready' | 'error';

/**
 * The one data table every list widget uses: server-driven filter, sort and paging (offset seek for random access,
 * page tokens for sequential reads, a page cache keyed by offset), virtualized rows with a constant DOM size at any row count, a
 * filter bar, sortable headers, a column chooser, row selection, and ARIA grid keyboard navigation.
 *
 * @element fco-data-table
 * @prop {FetchPage} fetchPage - The list call (`(q) => client.customers.list(q)`).
 * @prop {ColumnDef[]} columns - The columns.
 * @prop {FilterDef[]} filters - The filter bar's controls.
 * @prop {string | undefined} baseFilter - A fixed filter ANDed with the user's (e.g. `status = "PENDING_APPROVAL"`).
 * @prop {SortState | undefined} defaultSort - The order the table opens in. A host binds it on every render of its
 *   own; only a different default replaces the sort the user picked.
 * @prop {SortState | undefined} sort - The current sort: the default until the user picks another in a header.
 * @prop {(row) => string} rowKey - A row's stable key (its id).
 * @prop {boolean} selectable - Whether rows have selection checkboxes.
 * @attr label - The grid's accessible name.
 * @attr page-size - Rows per request (default 100, at most 500).
 * @fires {FcoRowOpenEvent} fco-row-open - A row was opened with Enter or a click.
 * @fires {FcoSelectionChangedEvent} fco-selection-changed - The selected rows changed.
 * @fires {FcoLoadErrorEvent} fco-load-error - A page could not be loaded.
 * @csspart toolbar - The filter bar and column chooser.
 * @csspart grid - The grid.
 * @csspart header - The header row.
 * @csspart row - A data row.
 * @csspart cell - A data cell.
 * @cssprop --fco-table-height - Height of the scrolling body (default 420px).
 */
export class FcoDataTable<Row = unknown> extends LitElement {
  static override styles = [baseStyles, tableStyles];

  @consume({ context: adminContext, subscribe: true })
  @state()
  private context: AdminContext | undefined;

  @property({ attribute: false }) fetchPage: FetchPage<Row> | undefined;
  @property({ attribute: false }) columns: ColumnDef<Row>[] = [];
  @property({ attribute: false }) filters: FilterDef[] = [];
  @property({ attribute: false }) baseFilter: string | undefined;
  @property({ attribute: false }) defaultSort: SortState | undefined;
  @property({ attribute: false }) sort: SortState | undefined;
  @property({ attribute: false }) rowKey: (row: Row) => string = (row) => String((row as { id?: unknown }).id);
  @property({ type: Boolean }) selectable = false;
  @property() label = '';
  @property({ type: Number, attribute: 'page-size' }) pageSize = 100;
  /** Called with the server's `totalSize` whenever it changes (e.g. for a count badge). */
  @property({ attribute: false }) onTotalChange: ((total: number) => void) | undefined;

  @state() private status: LoadStatus = 'loading';
  @state() private error: ClassifiedError | undefined;
  @state() private total = 0;
  @state() private estimated = false;
  /** Bumped when the filter bar applies new values (a query change). */
  @state() private filterRevision = 0;
  private readonly filterBar = new FilterBar(this, () => this.filterRevision++);
  @state() private hiddenColumns = new Set<string>();
  @state() private selected = new Map<string, Row>();
  @state() private activeRow = 0;
  @state() private activeCol = 0;
  /** Bumped when a page arrives, so visible skeleton rows re-render with data. */
  @state() private pagesLoaded = 0;

  private bodyElement: HTMLElement | null = null;

  /** The body's scroll position and height, mirrored from scroll and resize events. */
  @state() private bodyScrollTop = 0;
  @state() private viewportHeight = 0;

  private cache: PageCache<Row> | undefined;
  /** A refresh's pages while they load; the rows shown stay those of `cache` until then. */
  private nextCache: PageCache<Row> | undefined;
  private first = 0;
  private last = 0;
  private resizeObserver: ResizeObserver | undefined;
  private scrollFrame = 0;
  private ensureTimer: ReturnType<typeof setTimeout> | undefined;
  /** A deliberate move asked for its pages: the render waits one task so the request leaves first. */
  private requestGoesFirst = false;
  private pendingFocus = false;
  private reportedTotal: number | undefined;
  private seenRevision: number | undefined;
  private readonly fallbackLocalizer = new Localizer('en');

  /** The scrolling body: rendered once and kept in every state, so looked up once. */
  private get body(): HTMLElement | null {
    return (this.bodyElement ??= this.renderRoot?.querySelector<HTMLElement>('.body') ?? null);
  }

  private get localizer(): Localizer {
    return this.context?.localizer ?? this.fallbackLocalizer;
  }

  /** Number of rows matching the current filter (the server's `totalSize`, corrected as pages arrive). */
  get totalSize(): number {
    return this.total;
  }

  /** Whether `totalSize` is still the server's estimate (a large filtered list); it becomes exact at the last page. */
  get totalSizeEstimated(): boolean {
    return this.estimated;
  }

  /** Whether the user narrowed the rows with the filter bar (the total is then not the widget's whole count). */
  get isFiltered(): boolean {
    return this.filterBar.active;
  }

  /** The selected rows that are loaded. */
  get selectedRows(): Row[] {
    return [...this.selected.values()];
  }

  /** The row at `index` if its page is loaded. */
  rowAt(index: number): Row | undefined {
    return this.cache?.row(index);
  }

  /** Reloads from the server (e.g. after an action changed rows), keeping the place in the list. */
  refresh(): void {
    this.reload(true);
  }

  /** Scrolls row `index` into view and makes it the active row. */
  scrollToRow(index: number): void {
    this.moveTo(index, this.activeCol, false);
  }

  /** Puts keyboard focus back on the active row's cell (e.g. when a detail dialog closes). */
  focusActiveCell(): void {
    this.moveTo(this.activeRow, this.activeCol, true);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resizeObserver?.disconnect();
    this.resizeObserver = undefined;
    cancelAnimationFrame(this.scrollFrame);
    this.cache?.dispose();
    this.cache = undefined;
    this.nextCache?.dispose();
    this.nextCache = undefined;
    clearTimeout(this.ensureTimer);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasUpdated) this.observeSize();
    if (this.hasUpdated && !this.cache) this.reload(false);
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('defaultSort')) this.sort = this.defaultSort;
    const queryChanged =
      changed.has('fetchPage') ||
      changed.has('baseFilter') ||
      changed.has('sort') ||
      changed.has('filterRevision') ||
      changed.has('pageSize');
    const revision = this.context?.revision;
    const dataChanged = this.seenRevision !== undefined && revision !== this.seenRevision;
    this.seenRevision = revision;
    if (queryChanged && this.fetchPage) this.reload(false);
    else if (dataChanged && this.fetchPage && this.cache) this.reload(true);
    if (changed.has('columns')) {
      this.hiddenColumns = new Set(this.columns.filter((c) => c.hiddenByDefault).map((c) => c.id));
    }
    if (changed.has('columns') || changed.has('hiddenColumns') || changed.has('selectable')) {
      const tracks = this.visibleColumns.map((c) => c.width ?? 'minmax(8rem, 1fr)');
      if (this.selectable) tracks.unshift('3rem');
      // A custom property set through the CSSOM: allowed under a CSP without 'unsafe-inline'.
      this.style.setProperty('--_columns', tracks.join(' '));
    }
  }

  protected override firstUpdated(): void {
    this.observeSize();
  }

  /** Follows the scrolling body's height (the number of rendered rows depends on it). */
  private observeSize(): void {
    if (this.resizeObserver || !this.body) return;
    this.resizeObserver = new ResizeObserver(() => {
      if (this.body) this.viewportHeight = this.body.clientHeight;
    });
    this.resizeObserver.observe(this.body); // reports the initial size too
  }

  protected override updated(changed: PropertyValues): void {
    if (changed.has('total') || changed.has('status')) {
      // A short list takes the room of its rows (at least three), not the whole height a long one scrolls in.
      const rows = this.status === 'ready' ? Math.max(3, this.total) : Number.POSITIVE_INFINITY;
      if (Number.isFinite(rows)) this.style.setProperty('--_content-height', `${rows * ROW_HEIGHT + 2}px`);
      else this.style.removeProperty('--_content-height');
    }
    if (this.status === 'ready' && this.total !== this.reportedTotal) {
      this.reportedTotal = this.total;
      this.onTotalChange?.(this.total);
    }
    if (this.pendingFocus) this.focusPending();
  }

  private get visibleColumns(): ColumnDef<Row>[] {
    return this.columns.filter((c) => !this.hiddenColumns.has(c.id));
  }

  /** The grid's columns: the visible ones and the selection column. */
  private get columnCount(): number {
    return this.visibleColumns.length + (this.selectable ? 1 : 0);
  }

  private get filterText(): string | undefined {
    return buildFilter(this.baseFilter, this.filters, this.filterBar.applied);
  }

  private reload(keepPlace: boolean): void {
    const fetchPage = this.fetchPage;
    if (!fetchPage) return;
    this.nextCache?.dispose();
    this.nextCache = undefined;
    let filterText: string | undefined;
    try {
      filterText = this.filterText;
    } catch (error) {
      this.cache?.dispose();
      this.fail({ kind: 'invalid-request', message: error instanceof Error ? error.message : String(error) });
      return;
    }
    const cache = new PageCache<Row>(fetchPage, filterText, buildOrderBy(this.sort), Math.min(this.pageSize, 500), () => {
      if (cache !== this.cache) return;
      this.takeTotal(cache);
      this.pagesLoaded++;
    });
    const previous = this.cache;
    // A refresh of rows on screen keeps showing them until their new versions arrive: rows change in place, without
    // a flash of skeletons, and the scroll position and selection stay.
    const inPlace = keepPlace && previous !== undefined && this.status === 'ready';
    if (inPlace) this.nextCache = cache;
    else {
      previous?.dispose();
      this.cache = cache;
    }
    if (!keepPlace) {
      this.status = 'loading';
      this.activeRow = 0;
      this.first = 0;
      this.last = 0;
      this.selected = new Map();
      if (this.body) this.body.scrollTop = 0;
      this.bodyScrollTop = 0;
    }
    const first = keepPlace ? this.first : 0;
    const last = keepPlace ? Math.max(this.last, first) : 0;
    const settle = () => {
      if (cache === this.cache) return true;
      if (cache !== this.nextCache) return false;
      this.nextCache = undefined;
      previous?.dispose();
      this.cache = cache;
      this.pagesLoaded++;
      return true;
    };
    cache.ensure(first, last).then(
      () => {
        if (!settle()) return;
        this.takeTotal(cache);
        this.status = 'ready';
        this.error = undefined;
      },
      (error: unknown) => {
        if (isAbortError(error) || !settle()) return;
        this.fail(classifyError(error));
      },
    );
  }

  /** The scroll range follows the cache's total, an estimate included, and shrinks or grows as it is corrected. */
  private takeTotal(cache: PageCache<Row>): void {
    this.total = cache.totalSize ?? 0;
    this.estimated = cache.totalSizeEstimated;
    if (this.activeRow >= this.total) this.activeRow = Math.max(0, this.total - 1);
  }

  private fail(failure: ClassifiedError): void {
    this.status = 'error';
    this.error = failure;
    if (failure.kind === 'unauthenticated') this.context?.reportUnauthenticated(failure.message);
    this.dispatchEvent(new FcoLoadErrorEvent(failure.kind, failure.message, failure.code, failure.requestId));
  }

  /** Loads the pages of the visible range once scrolling pauses, so a fast fling does not fetch every page passed. */
  private scheduleEnsure(): void {
    clearTimeout(this.ensureTimer);
    this.ensureTimer = setTimeout(() => this.ensureRendered(), 60);
  }

  private ensureRendered(): void {
    clearTimeout(this.ensureTimer);
    const cache = this.cache;
    if (!cache) return;
    cache.ensure(this.first, this.last).catch((error: unknown) => {
      if (cache !== this.cache || isAbortError(error)) return;
      this.fail(classifyError(error));
    });
  }

  /**
   * A move by key or `scrollToRow` loads the pages it lands on at once, before the rows are rendered: rendering a
   * screenful takes about as long as the request, so the two overlap instead of following each other.
   */
  private loadBeforeRender(): void {
    if (this.status !== 'ready' || !this.lacksPages(computeWindow(this.metrics))) return;
    this.ensureRendered();
    this.requestGoesFirst = true;
  }

  protected override scheduleUpdate(): void | Promise<unknown> {
    if (!this.requestGoesFirst) return super.scheduleUpdate();
    this.requestGoesFirst = false;
    // The request is a few promise steps from `fetch`; one task later it has left.
    return new Promise((resolve) => setTimeout(resolve)).then(() => super.scheduleUpdate());
  }

  private get metrics(): ViewportMetrics {
    return {
      total: this.total,
      rowHeight: ROW_HEIGHT,
      scrollTop: this.bodyScrollTop,
      viewportHeight: this.viewportHeight || ROW_HEIGHT * 12,
      maxHeight: MAX_SCROLL_HEIGHT,
      overscan: OVERSCAN,
    };
  }

  private readonly onScroll = (): void => {
    // One update per frame however many scroll events arrive.
    if (this.scrollFrame) return;
    this.scrollFrame = requestAnimationFrame(() => {
      this.scrollFrame = 0;
      if (this.body) this.bodyScrollTop = this.body.scrollTop;
    });
  };

  /** Keeps the active cell in step with the focus (clicks, Tab, assistive technology). */
  private onFocusIn(event: FocusEvent): void {
    const cell = (event.target as HTMLElement).closest<HTMLElement>('[data-col]');
    const row = cell?.closest<HTMLElement>('[data-row]');
    if (!cell || !row) return;
    this.activeRow = Number(row.dataset.row);
    this.activeCol = Number(cell.dataset.col);
  }

  /** Records the rendered range and loads what it lacks once scrolling pauses. */
  private trackWindow(window: RowWindow): void {
    if (this.lacksPages(window)) this.scheduleEnsure();
  }

  /** Records `window` as the rendered range; whether a page of it is not loaded. */
  private lacksPages(window: RowWindow): boolean {
    this.first = window.first;
    this.last = window.first + window.count - 1;
    return this.cache !== undefined && window.count > 0 && (!this.cache.has(this.first) || !this.cache.has(this.last));
  }

  private focusPending(): void {
    const cell = this.renderRoot.querySelector<HTMLElement>(
      `.body [data-row="${this.activeRow}"] [data-col="${this.activeCol}"]`,
    );
    if (!cell) return;
    this.pendingFocus = false;
    // The table placed the row already; a browser scroll on top would fight the scaled scroll mapping.
    cell.focus({ preventScroll: true });
  }

  private moveTo(row: number, col: number, focus: boolean): void {
    const lastRow = this.total - 1;
    this.activeRow = Math.max(0, Math.min(row, lastRow));
    this.activeCol = Math.max(0, Math.min(col, this.columnCount - 1));
    this.pendingFocus = focus;
    this.scrollRowIntoView(this.activeRow);
    this.loadBeforeRender();
    this.requestUpdate();
    if (focus) void this.focusWhenRendered(this.activeRow);
  }

  private scrollRowIntoView(index: number): void {
    const body = this.body;
    if (!body) return;
    const target = scrollTopFor(index, { ...this.metrics, scrollTop: body.scrollTop });
    if (target === undefined) return;
    body.scrollTop = target;
    this.bodyScrollTop = body.scrollTop;
  }

  /** Focuses the active cell once its row is rendered (after a long jump that takes a few frames). */
  private async focusWhenRendered(index: number): Promise<void> {
    for (let frame = 0; frame < 120 && this.pendingFocus && index === this.activeRow; frame++) {
      await new Promise((resolve) => requestAnimationFrame(resolve));
      this.focusPending();
      if (frame % 10 === 9) this.scrollRowIntoView(index);
    }
  }

  private onKeyDown(event: KeyboardEvent): void {
    const pageRows = Math.max(1, Math.floor((this.body?.clientHeight ?? ROW_HEIGHT * 10) / ROW_HEIGHT) - 1);
    const command = gridCommand(event, { row: this.activeRow, col: this.activeCol }, { rows: this.total, cols: this.columnCount, pageRows }, this.selectable);
    if (!command) return;
    event.preventDefault();
    if ('open' in command) this.open(this.activeRow);
    else if ('toggle' in command) this.toggleSelected(this.activeRow);
    else this.moveTo(command.move.row, command.move.col, true);
  }

  private open(index: number): void {
    const row = this.cache?.row(index);
    if (row === undefined) return;
    this.dispatchEvent(new FcoRowOpenEvent(row, index));
  }

  private toggleSelected(index: number): void {
    const row = this.cache?.row(index);
    if (row === undefined) return;
    const key = this.rowKey(row);
    const next = new Map(this.selected);
    if (next.has(key)) next.delete(key);
    else next.set(key, row);
    this.selected = next;
    this.dispatchEvent(new FcoSelectionChangedEvent([...next.values()]));
  }

  private toggleSort(column: ColumnDef<Row>): void {
    const field = column.sortField;
    if (!field) return;
    const current = this.sort?.field === field ? this.sort.direction : undefined;
    this.sort =
      current === undefined
        ? { field, direction: 'ascending' }
        : current === 'ascending'
          ? { field, direction: 'descending' }
          : undefined;
  }

  private toggleColumn(id: string, visible: boolean): void {
    const next = new Set(this.hiddenColumns);
    if (visible) next.delete(id);
    else next.add(id);
    this.hiddenColumns = next;
    this.activeCol = 0;
  }

  protected override render(): TemplateResult {
    return html`${this.renderToolbar()}${this.renderState()}${this.renderGrid()}`;
  }

  private renderToolbar(): TemplateResult {
    const l = this.localizer;
    const t = l.messages;
    return html`<div class="toolbar" part="toolbar">
      ${this.filterBar.render(this.filters, this.label, l)}
      <span class="summary" role="status" data-state=${this.status === 'loading' ? 'loading' : nothing}
        >${this.status === 'ready' ? (this.estimated ? t.rowsEstimated : t.rows)(this.total, l.number(this.total)) : this.status === 'loading' ? t.loading : ''}
        ${this.selected.size > 0 ? html` · ${t.rowsSelected(l.number(this.selected.size))}` : nothing}</span>
      <details class="columns">
        <summary>${t.columns}</summary>
        <div class="menu" role="group" aria-label=${this.label ? `${t.chooseColumns}: ${this.label}` : t.chooseColumns}>
          ${this.columns.map(
            (c) =>
              html`<label
                ><input
                  type="checkbox"
                  .checked=${!this.hiddenColumns.has(c.id)}
                  @change=${(e: Event) => this.toggleColumn(c.id, (e.target as HTMLInputElement).checked)}
                />${c.label(l)}</label
              >`,
          )}
        </div>
      </details>
    </div>`;
  }

  private renderState(): TemplateResult | typeof nothing {
    const t = this.localizer.messages;
    if (this.status === 'error') {
      // Nothing went wrong that a retry would mend: the search needs more of its text (the filter bar still holds it).
      if (this.error?.code === 'search_too_short') return renderStatePanel('empty', t.searchTooShort);
      const kind = this.error?.kind ?? 'server';
      return renderStatePanel('error', html`${t.error} ${t.errorKind[kind]}`, () => this.reload(false), t.retry);
    }
    if (this.status === 'ready' && this.total === 0) {
      return renderStatePanel('empty', this.isFiltered ? t.emptyFiltered : t.empty);
    }
    return nothing;
  }

  private renderGrid(): TemplateResult {
    const l = this.localizer;
    const columns = this.visibleColumns;
    const loading = this.status === 'loading';
    // The grid stays in the DOM in every state (hidden when there is nothing to show), so the scrolling body, its
    // scroll position and its size observer survive a reload or an empty result.
    const hidden = this.status === 'error' || (this.status === 'ready' && this.total === 0);
    return html`<div class="scroll-x" ?hidden=${hidden}>
        <div
          role="grid"
          part="grid"
          aria-label=${this.label || nothing}
          aria-rowcount=${loading || this.estimated ? -1 : this.total + 1}
          aria-colcount=${this.columnCount}
          aria-busy=${loading ? 'true' : 'false'}
          aria-multiselectable=${this.selectable ? 'true' : nothing}
        >
          <div role="rowgroup" class="head">
            <div role="row" class="row" part="header" aria-rowindex="1">
              ${this.selectable
                ? html`<div role="columnheader" class="cell check" aria-colindex="1">
                    <span class="visually-hidden">${l.messages.selectRow}</span>
                  </div>`
                : nothing}
              ${columns.map((c, i) => this.renderHeader(c, i + 1 + (this.selectable ? 1 : 0)))}
            </div>
          </div>
          <div class="body" @scroll=${this.onScroll} @keydown=${this.onKeyDown} @focusin=${this.onFocusIn}>
            ${this.renderWindow(columns)}
          </div>
        </div>
      </div>`;
  }

  /**
   * The rows in and around the viewport: a constant number of elements whatever the row count. While the first page
   * loads, loading rows painted by one element per column (a screenful of rows of cells would be some three hundred
   * elements to style and lay out while the page is on its way, and the first rows would wait for them).
   */
  private renderWindow(columns: ColumnDef<Row>[]): TemplateResult {
    if (this.status === 'loading') {
      // A bar where each column's values will be: at its start, at its end for end-aligned values (numbers).
      return html`<div class="loading-rows" aria-hidden="true">
        ${this.selectable ? html`<span></span>` : nothing}${columns.map((c) => html`<span class=${c.align === 'end' ? 'end' : nothing}></span>`)}
      </div>`;
    }
    const metrics = this.metrics;
    const window = computeWindow(metrics);
    this.trackWindow(window);
    // If the active row scrolled away, the first rendered row takes the tab stop so the grid stays reachable.
    const tabRow =
      this.activeRow >= window.first && this.activeRow < window.first + window.count ? this.activeRow : window.first;
    const indexes = Array.from({ length: window.count }, (_, i) => window.first + i);
    const strings = rowStrings(
      this.selectable,
      columns.map((c) => c.align === 'end'),
    );
    return html`<div class="canvas" ${cssProperty('height', `${window.contentHeight}px`)}>
      <div role="rowgroup" class="rows" ${cssProperty('transform', `translateY(${window.blockTop}px)`)}>
        ${repeat(
          indexes,
          (index) => index,
          (index) => this.renderRow(index, columns, tabRow, strings),
        )}
      </div>
    </div>`;
  }

  private renderHeader(column: ColumnDef<Row>, colIndex: number): TemplateResult {
    const l = this.localizer;
    const label = column.label(l);
    const sorted = column.sortField && this.sort?.field === column.sortField ? this.sort.direction : undefined;
    return html`<div
      role="columnheader"
      class=${column.align === 'end' ? 'cell end' : 'cell'}
      aria-colindex=${colIndex}
      aria-sort=${column.sortField ? (sorted ?? 'none') : nothing}
    >
      ${column.sortField
        ? html`<button type="button" title=${l.messages.sortBy(label)} @click=${() => this.toggleSort(column)}>
            <span class="text">${label}</span><span class="sort-indicator" aria-hidden="true"
              >${sorted === 'ascending' ? '▲' : sorted === 'descending' ? '▼' : '↕'}</span
            >
          </button>`
        : html`<span class="text" title=${label}>${label}</span>`}
    </div>`;
  }

  /**
   * One template for loading and loaded rows, so a row's DOM (and the focus inside it) survives its page arriving; one
   * template for the whole row (row-template.ts).
   */
  private renderRow(index: number, columns: ColumnDef<Row>[], tabRow: number, strings: TemplateStringsArray): TemplateResult {
    const l = this.localizer;
    const row = this.cache?.row(index);
    const offset = this.selectable ? 1 : 0;
    const tabIndexOf = (col: number) => (index === tabRow && col === this.activeCol ? 0 : -1);
    const key = row === undefined ? undefined : this.rowKey(row);
    const isSelected = key !== undefined && this.selected.has(key);
    const values: unknown[] = [
      index + 2,
      this.selectable && row !== undefined ? String(isSelected) : nothing,
      row === undefined ? 'true' : nothing,
      index,
      key ?? nothing,
      (e: MouseEvent) => this.onRowClick(e, index),
    ];
    if (this.selectable) {
      values.push(
        tabIndexOf(0),
        row === undefined
          ? skeleton
          : html`<input
              type="checkbox"
              tabindex="-1"
              aria-label=${l.messages.selectRow}
              .checked=${isSelected}
              @click=${(e: Event) => {
                e.stopPropagation();
                this.toggleSelected(index);
              }}
            />`,
      );
    }
    columns.forEach((c, i) => values.push(tabIndexOf(i + offset), row === undefined ? skeleton : c.value(row, l)));
    return html(strings, ...values);
  }

  private onRowClick(event: MouseEvent, index: number): void {
    const cell = (event.target as HTMLElement).closest<HTMLElement>('[data-col]');
    this.activeRow = index;
    this.activeCol = Number(cell?.dataset.col ?? 0);
    this.open(index);
  }
}
