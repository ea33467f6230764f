import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { Client, OperationId } from '@fco-admin/sdk';
import { FcoWidget } from '../base/widget-base.js';
import { baseStyles } from '../theme/styles.js';
import { renderStatePanel } from '../base/state-panel.js';
import { FcoCountChangedEvent, FcoNavigateEvent } from '../events.js';
import { en } from '../i18n/messages.js';
import type { Layout, LayoutTab, LayoutWidget, Scope } from '../api/types.js';
import { widgetRegistry, type RegisteredWidget } from '../registry.js';
import type { DragKind, LayoutEditor, LayoutEditorHost, ToolbarPage } from './layout-editor.js';

type EditorModule = typeof import('./layout-editor.js');
import { pageStyles } from './page-styles.js';
import { loadOnce } from '../base/load-once.js';

const registered = new Map<string, RegisteredWidget>(widgetRegistry.map((widget) => [widget.tag, widget]));

/**
 * The Admin page's tab container: renders the caller's layout (`GET /v1/layout`, the role's default until customised)
 * and shows the selected tab's panel only. A tab's widgets are created the first time the tab is shown and kept
 * afterwards, so a tab nobody opens costs nothing; widgets that feed a tab badge (customers awaiting approval) start
 * at once. The user customises the layout (see layout-editor.ts): tabs added, renamed, reordered and deleted; widgets
 * added from every type the caller's permissions allow, renamed, reordered, moved to another tab and removed.
 *
 * @element fco-admin-page
 * @attr hash-navigation - Select the tab named by the URL hash (`#customers`) and write the hash on selection.
 * @attr selected-tab - The selected tab's id.
 * @prop {Record<string, string>} widgetTags - Tag to create per layout type when the host registered widgets under other names (`{'fco-customers': 'acme-customers'}`).
 * @prop {Layout | undefined} layout - The layout shown (read only).
 * @fires {FcoNavigateEvent} fco-navigate - A tab was selected.
 * @fires {FcoActionEvent} fco-action - Before the layout is saved or reset (cancelable).
 * @fires {FcoActionDoneEvent} fco-action-done - After the server saved or reset it.
 * @fires {FcoLayoutChangedEvent} fco-layout-changed - The saved layout changed.
 * @fires {FcoLoadErrorEvent} fco-load-error - The layout could not be loaded or saved.
 * @csspart tablist - The row of tabs.
 * @csspart tab - A tab.
 * @csspart badge - A tab's count badge.
 * @csspart panel - A tab's panel.
 * @csspart widget - The frame around one widget.
 * @csspart toolbar - The customisation toolbar.
 * @csspart state - The loading, error, forbidden or session-expired panel.
 */
export class FcoAdminPage extends FcoWidget implements LayoutEditorHost {
  static override styles = [baseStyles, pageStyles];
  /** The layout it shows, saves and resets (x-fco-widgets is tested against it). */
  static readonly calls: readonly OperationId[] = ['getLayout', 'replaceLayout', 'resetLayout'];
  protected readonly requiredScopes: readonly Scope[] = ['layout:read'];

  @property({ type: Boolean, attribute: 'hash-navigation' }) hashNavigation = false;
  @property({ attribute: false }) widgetTags: Record<string, string> = {};
  @property({ attribute: 'selected-tab' }) selectedTab: string | undefined;

  @state() private saved: Layout | undefined;
  @state() private loadError: string | undefined;
  @state() private counts = new Map<string, number>();
  @state() private typeToAdd = '';

  private loadedWith: Client | undefined;
  /** Widget elements by `tabId/widgetId`, kept across renders so they keep their state. */
  private readonly elements = new Map<string, HTMLElement>();
  /** Tabs shown at least once: their widgets exist (hidden when another tab is selected). */
  private readonly visited = new Set<string>();
  /** Loaded at the first "Customise": most visitors never change their layout, so the editor is a chunk of its own. */
  private editor: LayoutEditor | undefined;
  /** The customising controls, from the editor's chunk. */
  private editorView: EditorModule | undefined;
  /** What those controls use of the page. */
  private readonly toolbarPage: ToolbarPage = {
    t: () => this.t,
    tabs: () => this.tabs,
    selectedTab: () => this.selectedTab,
    typeToAdd: () => this.typeToAdd,
    chooseTypeToAdd: (type) => (this.typeToAdd = type),
    addableTypes: () => this.addableTypes(),
    tabTitle: (tab) => this.tabTitle(tab),
    titleOfType: (type) => this.titleOfType(type),
    moveTab: (from, to) => this.moveTab(from, to),
    moveWidget: (tab, from, to) => this.moveWidget(tab, from, to),
    addWidget: (tabId) => this.addWidget(tabId),
    addTab: () => this.addTab(),
    requestUpdate: () => this.requestUpdate(),
  };
  @state() private editorLoadFailed = false;

  /** The layout shown (the saved one, or the draft while customising). */
  get layout(): Layout | undefined {
    const draft = this.editor?.draft;
    return this.saved && draft ? { ...this.saved, tabs: draft } : this.saved;
  }

  get savedLayout(): Layout | undefined {
    return this.saved;
  }

  get editorClient(): Client | undefined {
    return this.readyClient;
  }

  override reportError(error: unknown) {
    return super.reportError(error);
  }

  private get tabs(): LayoutTab[] {
    return this.editor?.draft ?? this.saved?.tabs ?? [];
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('hashchange', this.onHashChange);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('hashchange', this.onHashChange);
  }

  protected override willUpdate(): void {
    const client = this.readyClient;
    if (client && client !== this.loadedWith) {
      this.loadedWith = client;
      void this.load(client);
    }
    if (this.selectedTab) this.visited.add(this.selectedTab);
  }

  private async load(client: Client): Promise<void> {
    this.loadError = undefined;
    try {
      this.acceptLayout(await client.layout.get());
    } catch (error) {
      const failure = this.reportError(error);
      this.loadError = `${this.t.errorKind[failure.kind]} ${failure.message}`;
    }
  }

  acceptLayout(layout: Layout): void {
    this.saved = layout;
    // Drop the elements of widgets no longer in the layout.
    const keys = new Set(layout.tabs.flatMap((tab) => tab.widgets.map((widget) => this.key(tab, widget))));
    for (const key of this.elements.keys()) if (!keys.has(key)) this.elements.delete(key);
    const hashTab = this.hashNavigation ? decodeURIComponent(location.hash.slice(1)) : '';
    const wanted = layout.tabs.find((t) => t.id === hashTab)?.id ?? this.selectedTab;
    this.selectedTab = layout.tabs.some((t) => t.id === wanted) ? wanted : layout.tabs[0]?.id;
  }

  private readonly onHashChange = (): void => {
    if (!this.hashNavigation) return;
    const id = decodeURIComponent(location.hash.slice(1));
    if (id !== this.selectedTab && this.tabs.some((t) => t.id === id)) this.select(id, false);
  };

  private select(tabId: string, writeHash = true): void {
    const tab = this.tabs.find((t) => t.id === tabId);
    if (!tab) return;
    this.selectedTab = tabId;
    if (this.hashNavigation && writeHash && location.hash !== `#${tabId}`) location.hash = tabId;
    this.dispatchEvent(new FcoNavigateEvent(tab.id, this.tabTitle(tab)));
  }

  // ---- rendering ----

  protected override render() {
    const gate = this.renderGate();
    if (gate) return gate;
    const t = this.t;
    if (this.loadError) {
      return renderStatePanel('error', this.loadError, () => this.loadedWith && void this.load(this.loadedWith), t.retry);
    }
    if (!this.saved) return renderStatePanel('loading', t.loading);
    const customising = this.editor?.active ?? false;
    return html`<div class=${customising ? 'customising' : ''}>
      <div class="bar">
        <div role="tablist" part="tablist" aria-label=${t.tabs} @keydown=${this.onTabKeyDown}>
          ${this.tabs.map((tab, index) => this.renderTab(tab, index))}
        </div>
        ${this.can('layout:write') && !customising
          ? html`<button type="button" data-action="customise" @click=${() => void this.customise()}>${t.customise}</button>`
          : nothing}
        ${this.editorLoadFailed && !customising ? html`<p class="error-text" role="alert">${t.error}</p>` : nothing}
      </div>
      ${customising && this.editor && this.editorView ? this.editorView.renderToolbar(this.toolbarPage, this.editor) : nothing}
      <div class="visually-hidden" role="status" aria-live="polite">${this.editor?.announcement ?? ''}</div>
      ${this.tabs.length === 0 && !customising ? renderStatePanel('empty', t.noTabs) : this.tabs.map((tab) => this.renderPanel(tab))}
    </div>`;
  }

  private renderTab(tab: LayoutTab, index: number): TemplateResult {
    const selected = tab.id === this.selectedTab;
    const count = tab.widgets.reduce((sum, w) => sum + (this.counts.get(this.key(tab, w)) ?? 0), 0);
    const drag = this.editor?.drag;
    const dropTarget = drag?.kind === 'tab' && drag.over === index && drag.from !== index;
    return html`<button
      type="button"
      role="tab"
      part="tab"
      class=${dropTarget ? 'drop-target' : ''}
      id=${`tab-${tab.id}`}
      data-tab=${tab.id}
      data-drag-kind="tab"
      aria-selected=${selected ? 'true' : 'false'}
      aria-controls=${`panel-${tab.id}`}
      tabindex=${selected ? 0 : -1}
      @click=${() => this.select(tab.id)}
      @pointerdown=${(e: PointerEvent) => this.editor?.pointerDown(e, 'tab', index)}
      @pointermove=${this.onPointerMove}
      @pointerup=${this.onPointerUp}
      @pointercancel=${() => this.editor?.pointerCancel()}
    >
      <span>${this.tabTitle(tab)}</span>
      ${count > 0 ? html`<span class="badge" part="badge" data-badge>${this.localizer.number(count)}</span>` : nothing}
    </button>`;
  }

  private renderPanel(tab: LayoutTab): TemplateResult {
    const selected = tab.id === this.selectedTab;
    return html`<div
      role="tabpanel"
      part="panel"
      class="panel"
      id=${`panel-${tab.id}`}
      aria-labelledby=${`tab-${tab.id}`}
      ?hidden=${!selected}
      @fco-count-changed=${(e: FcoCountChangedEvent) => this.onCount(e, tab)}
    >
      ${tab.widgets.length === 0 ? html`<p class="state">${this.t.emptyTab}</p>` : nothing}
      ${tab.widgets.map((widget, index) => this.renderWidget(tab, widget, index, selected || this.visited.has(tab.id)))}
    </div>`;
  }

  private renderWidget(tab: LayoutTab, widget: LayoutWidget, index: number, shown: boolean): TemplateResult {
    const t = this.t;
    const title = widget.title ?? this.titleOfType(widget.type);
    const headingId = `w-${tab.id}-${widget.id}`;
    const drag = this.editor?.drag;
    const dropTarget = drag?.kind === 'widget' && drag.over === index && drag.from !== index;
    const customising = this.editor?.active ?? false;
    return html`<section
      class="widget ${dropTarget ? 'drop-target' : ''}"
      part="widget"
      data-drag-kind="widget"
      data-widget=${widget.id}
      data-type=${widget.type}
      aria-labelledby=${headingId}
    >
      <header>
        ${customising
          ? html`<button
              type="button"
              class="icon handle"
              data-action="widget-drag"
              aria-label=${t.dragHandle(title)}
              aria-keyshortcuts="Alt+ArrowUp Alt+ArrowDown"
              @keydown=${(e: KeyboardEvent) => this.onHandleKeyDown(e, tab, index)}
              @pointerdown=${(e: PointerEvent) => this.editor?.pointerDown(e, 'widget', index)}
              @pointermove=${this.onPointerMove}
              @pointerup=${this.onPointerUp}
              @pointercancel=${() => this.editor?.pointerCancel()}
            >
              ⠿
            </button>`
          : nothing}
        <h2 id=${headingId}>${title}</h2>
        ${customising && this.editor && this.editorView ? this.editorView.renderWidgetTools(this.toolbarPage, this.editor, tab, widget, index, title) : nothing}
      </header>
      ${shown || registered.get(widget.type)?.showsCount ? this.elementFor(tab, widget) : nothing}
    </section>`;
  }

  // ---- widgets ----

  private key(tab: LayoutTab, widget: LayoutWidget): string {
    return `${tab.id}/${widget.id}`;
  }

  private tagOf(type: string): string {
    return this.widgetTags[type] ?? type;
  }

  /**
   * Every registered widget type the caller's permissions allow, plus the host's own types, by title; a type may be
   * added again (a removed widget comes back without a reset, and one may sit on two tabs).
   */
  private addableTypes(): string[] {
    const ours = widgetRegistry.filter((w) => w.scopes.every((scope) => this.can(scope))).map((w) => w.tag);
    const types = [...new Set([...ours, ...Object.keys(this.widgetTags)])];
    return types
      .filter((type) => customElements.get(this.tagOf(type)) !== undefined)
      .sort((a, b) => this.titleOfType(a).localeCompare(this.titleOfType(b), this.localizer.intlTag));
  }

  /**
   * A tab that still has its default title (which the server stores in English) speaks the page's language; a tab
   * the user renamed keeps the user's words.
   */
  private tabTitle(tab: LayoutTab): string {
    const id = tab.id as keyof typeof en.defaultTabTitles;
    return Object.hasOwn(en.defaultTabTitles, id) && en.defaultTabTitles[id] === tab.title ? this.t.defaultTabTitles[id] : tab.title;
  }

  private titleOfType(type: string): string {
    return (this.t.widgetTitles as Record<string, string>)[type] ?? type;
  }

  private elementFor(tab: LayoutTab, widget: LayoutWidget): TemplateResult | HTMLElement {
    const tag = this.tagOf(widget.type);
    if (!customElements.get(tag)) {
      return html`<p class="state unknown" role="note" data-unknown-widget=${widget.type}>${this.t.unknownWidget(widget.type)}</p>`;
    }
    const key = this.key(tab, widget);
    let element = this.elements.get(key);
    if (!element || element.localName !== tag) {
      element = document.createElement(tag);
      this.elements.set(key, element);
    }
    return element;
  }

  private onCount(event: FcoCountChangedEvent, tab: LayoutTab): void {
    const widget = tab.widgets.find((w) => this.elements.get(this.key(tab, w)) === event.target);
    if (!widget) return;
    this.counts = new Map(this.counts).set(this.key(tab, widget), event.count);
  }

  // ---- customisation input ----

  private async customise(): Promise<void> {
    try {
      const view = await loadEditor();
      this.editorLoadFailed = false;
      this.editorView = view;
      this.editor ??= new view.LayoutEditor(this);
      this.editor.start();
    } catch (error) {
      this.reportError(error);
      this.editorLoadFailed = true;
    }
  }

  private moveTab(from: number, to: number, focus = true): void {
    const moved = this.editor?.moveTab(from, to);
    if (!moved) return;
    this.editor?.announce(this.t.moved(this.tabTitle(moved), this.localizer.number(to + 1)));
    if (focus) void this.updateComplete.then(() => this.focusTab(moved.id));
  }

  private moveWidget(tab: LayoutTab, from: number, to: number, focusHandle = false): void {
    const moved = tab.widgets[from];
    if (!moved || !this.editor?.moveWidget(tab.id, from, to)) return;
    this.editor.announce(this.t.moved(moved.title ?? this.titleOfType(moved.type), this.localizer.number(to + 1)));
    if (!focusHandle) return;
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLElement>(`#panel-${CSS.escape(tab.id)} [data-widget="${CSS.escape(moved.id)}"] [data-action="widget-drag"]`)?.focus(),
    );
  }

  private addWidget(tabId: string): void {
    if (!this.typeToAdd) return;
    this.editor?.addWidget(tabId, this.typeToAdd);
    this.typeToAdd = '';
  }

  private addTab(): void {
    this.editor?.addTab(this.t.newTab);
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>('input[name="tab-title"]')?.select());
  }

  private focusTab(tabId: string): void {
    this.renderRoot.querySelector<HTMLElement>(`[role="tab"][data-tab="${CSS.escape(tabId)}"]`)?.focus();
  }

  /** Arrow keys move between tabs (ARIA tabs pattern); with Alt, while customising, they move the tab itself. */
  private onTabKeyDown(event: KeyboardEvent): void {
    const tabs = this.tabs;
    const index = tabs.findIndex((t) => t.id === this.selectedTab);
    if (index < 0) return;
    let target: number | undefined;
    if (event.key === 'ArrowRight') target = index + 1;
    else if (event.key === 'ArrowLeft') target = index - 1;
    else if (event.key === 'Home' && !event.altKey) target = 0;
    else if (event.key === 'End' && !event.altKey) target = tabs.length - 1;
    if (target === undefined) return;
    event.preventDefault();
    if (event.altKey) {
      if (this.editor?.active) this.moveTab(index, target);
      return;
    }
    const tab = tabs[Math.max(0, Math.min(target, tabs.length - 1))];
    if (!tab) return;
    this.select(tab.id);
    void this.updateComplete.then(() => this.focusTab(tab.id));
  }

  private onHandleKeyDown(event: KeyboardEvent, tab: LayoutTab, index: number): void {
    if (!event.altKey || (event.key !== 'ArrowUp' && event.key !== 'ArrowDown')) return;
    event.preventDefault();
    this.moveWidget(tab, index, event.key === 'ArrowUp' ? index - 1 : index + 1, true);
  }

  private readonly dragItems = (kind: DragKind): HTMLElement[] => {
    const container =
      kind === 'tab' ? this.renderRoot.querySelector('[role="tablist"]') : this.renderRoot.querySelector(`#panel-${CSS.escape(this.selectedTab ?? '')}`);
    return [...(container?.querySelectorAll<HTMLElement>(`:scope > [data-drag-kind="${kind}"]`) ?? [])];
  };

  private readonly onPointerMove = (event: PointerEvent): void => this.editor?.pointerMove(event, this.dragItems);

  private readonly onPointerUp = (event: PointerEvent): void => {
    const move = this.editor?.pointerUp(event, this.dragItems);
    if (!move) return;
    if (move.kind === 'tab') this.moveTab(move.from, move.to, false);
    else {
      const tab = this.tabs.find((t) => t.id === this.selectedTab);
      if (tab) this.moveWidget(tab, move.from, move.to);
    }
  };
}

const loadEditor = loadOnce((): Promise<EditorModule> => import('./layout-editor.js'));
