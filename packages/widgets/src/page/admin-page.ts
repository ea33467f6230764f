import { css, html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { etagOf, PreconditionFailedError, type Client } from '@fco-admin/sdk';
import { FcoWidget } from '../base/widget-base.js';
import { baseStyles } from '../theme/styles.js';
import { renderStatePanel } from '../base/state-panel.js';
import { FcoCountChangedEvent, FcoLayoutChangedEvent, FcoNavigateEvent } from '../events.js';
import { en, type Messages } from '../i18n/messages.js';
import type { Layout, LayoutTab, LayoutWidget, Scope } from '../api/types.js';
import { addTab, addWidget, deleteTab, moveItem, renameTab, updateWidgets } from './layout-edit.js';

/** Names of the widgets this package ships, by layout type. */
const builtInTitles: Record<string, (t: Messages) => string> = {
  'fco-customers': (t) => t.customers,
  'fco-users': (t) => t.users,
  'fco-pending-customers': (t) => t.pendingCustomers,
};

type DragKind = 'tab' | 'widget';
interface Drag {
  kind: DragKind;
  from: number;
  over: number;
  pointerId: number;
}

/**
 * The Admin page's tab container: renders the caller's layout (`GET /v1/layout`, the role's default until customised)
 * and lets the user add, rename, reorder and delete tabs, and add, remove and reorder widgets — with the pointer
 * (drag a handle) or the keyboard (buttons, or Alt+Arrow keys on a tab or handle). Saved with `PUT /v1/layout` and
 * If-Match; a conflicting save offers to load the other version or overwrite it. Widgets are the custom elements
 * registered for each layout type; a type nobody registered is named in a message instead.
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
export class FcoAdminPage extends FcoWidget {
  static override styles = [
    baseStyles,
    css`
      .bar {
        display: flex;
        gap: var(--_space);
        align-items: flex-end;
        border-bottom: 1px solid var(--_border);
        flex-wrap: wrap;
      }
      [role='tablist'] {
        display: flex;
        gap: 2px;
        flex-wrap: wrap;
        flex: 1;
      }
      [role='tab'].drop-target {
        outline: 2px dashed var(--_accent);
      }
      [role='tab'] {
        border-bottom: none;
        border-radius: var(--_radius) var(--_radius) 0 0;
        background: var(--_bg);
        display: inline-flex;
        gap: 6px;
        align-items: center;
        touch-action: none;
      }
      [role='tab'][aria-selected='true'] {
        background: var(--_surface);
        border-color: var(--_accent);
        font-weight: 600;
      }
      .customising [role='tab'] {
        cursor: grab;
      }
      .panel {
        padding-top: var(--_space);
        display: flex;
        flex-direction: column;
        gap: calc(var(--_space) * 2);
      }
      .widget {
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
        padding: var(--_space);
      }
      .widget.drop-target {
        outline: 2px dashed var(--_accent);
      }
      .widget > header {
        display: flex;
        gap: var(--_space);
        align-items: center;
        margin-bottom: var(--_space);
      }
      .widget > header h2 {
        font-size: 1.05em;
        margin: 0;
        flex: 1;
      }
      .handle {
        cursor: grab;
        touch-action: none;
      }
      .toolbar {
        display: flex;
        gap: var(--_space);
        flex-wrap: wrap;
        align-items: flex-end;
        padding: var(--_space);
        background: var(--_surface);
        border-radius: var(--_radius);
        margin-top: var(--_space);
      }
      .unknown {
        color: var(--_warning);
      }
      .conflict {
        border: 1px solid var(--_warning);
        padding: var(--_space);
        border-radius: var(--_radius);
        margin-top: var(--_space);
      }
    `,
  ];
  protected readonly requiredScopes: readonly Scope[] = ['layout:read'];

  @property({ type: Boolean, attribute: 'hash-navigation' }) hashNavigation = false;
  @property({ attribute: false }) widgetTags: Record<string, string> = {};
  @property({ attribute: 'selected-tab' }) selectedTab: string | undefined;

  @state() private saved: Layout | undefined;
  @state() private draft: LayoutTab[] | undefined;
  @state() private loadError: string | undefined;
  @state() private saveError: string | undefined;
  @state() private conflict = false;
  @state() private confirmingReset = false;
  @state() private busy = false;
  @state() private counts = new Map<string, number>();
  @state() private drag: Drag | undefined;
  @state() private announcement = '';
  @state() private typeToAdd = '';

  private etag: string | undefined;
  private loadedWith: Client | undefined;
  /** Widget elements by `tabId/widgetId`, kept across renders so they keep their state. */
  private readonly elements = new Map<string, HTMLElement>();

  /** The layout shown (the saved one, or the draft while customising). */
  get layout(): Layout | undefined {
    return this.saved && this.draft ? { ...this.saved, tabs: this.draft } : this.saved;
  }

  private get tabs(): LayoutTab[] {
    return this.draft ?? this.saved?.tabs ?? [];
  }

  private get customising(): boolean {
    return this.draft !== undefined;
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
  }

  private async load(client: Client): Promise<void> {
    this.loadError = undefined;
    try {
      const layout = await client.layout.get();
      this.accept(layout);
    } catch (error) {
      const failure = this.reportError(error);
      this.loadError = `${this.t.errorKind[failure.kind]} ${failure.message}`;
    }
  }

  private accept(layout: Layout): void {
    this.saved = layout;
    this.etag = etagOf(layout);
    // Drop the elements of widgets no longer in the layout (a widget moved between tabs starts afresh).
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
    const tabs = this.tabs;
    const canWrite = this.can('layout:write');
    return html`<div class=${this.customising ? 'customising' : ''}>
      <div class="bar">
        <div role="tablist" part="tablist" aria-label=${t.tabs} @keydown=${this.onTabKeyDown}>
          ${tabs.map((tab, index) => this.renderTab(tab, index))}
        </div>
        ${canWrite && !this.customising
          ? html`<button type="button" data-action="customise" @click=${this.startCustomising}>${t.customise}</button>`
          : nothing}
      </div>
      ${this.customising ? this.renderToolbar() : nothing}
      <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
      ${tabs.map((tab) => this.renderPanel(tab))}
    </div>`;
  }

  private renderTab(tab: LayoutTab, index: number): TemplateResult {
    const selected = tab.id === this.selectedTab;
    const count = tab.widgets.reduce((sum, w) => sum + (this.counts.get(this.key(tab, w)) ?? 0), 0);
    const dropTarget = this.drag?.kind === 'tab' && this.drag.over === index && this.drag.from !== index;
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
      @pointerdown=${(e: PointerEvent) => this.onPointerDown(e, 'tab', index)}
      @pointermove=${this.onPointerMove}
      @pointerup=${this.onPointerUp}
      @pointercancel=${this.onPointerCancel}
    >
      <span>${this.tabTitle(tab)}</span>
      ${count > 0 ? html`<span class="badge" part="badge" data-badge>${this.localizer.number(count)}</span>` : nothing}
    </button>`;
  }

  private renderToolbar(): TemplateResult {
    const t = this.t;
    const tabs = this.tabs;
    const index = tabs.findIndex((tab) => tab.id === this.selectedTab);
    const tab = tabs[index];
    const types = this.registeredTypes();
    return html`<div class="toolbar" part="toolbar" role="group" aria-label=${t.customise}>
        ${tab
          ? html`<label
                >${t.tabTitle}<input
                  name="tab-title"
                  maxlength="60"
                  .value=${this.tabTitle(tab)}
                  @input=${(e: Event) => this.renameSelected((e.target as HTMLInputElement).value)}
              /></label>
              <button type="button" class="icon" data-action="tab-left" aria-label=${t.moveTabLeft(this.tabTitle(tab))} ?disabled=${index <= 0} @click=${() => this.moveTab(index, index - 1)}>←</button>
              <button type="button" class="icon" data-action="tab-right" aria-label=${t.moveTabRight(this.tabTitle(tab))} ?disabled=${index >= tabs.length - 1} @click=${() => this.moveTab(index, index + 1)}>→</button>
              <button type="button" class="danger" data-action="tab-delete" aria-label=${t.deleteTab(this.tabTitle(tab))} ?disabled=${tabs.length <= 1} @click=${() => this.deleteSelected()}>
                ${t.deleteTab(this.tabTitle(tab))}
              </button>
              <label
                >${t.widgetToAdd}<select name="widget-type" @change=${(e: Event) => (this.typeToAdd = (e.target as HTMLSelectElement).value)}>
                  <option value="">—</option>
                  ${types.map((type) => html`<option value=${type} ?selected=${type === this.typeToAdd}>${this.titleOfType(type)}</option>`)}
                </select></label
              >
              <button type="button" data-action="widget-add" ?disabled=${!this.typeToAdd} @click=${this.addSelectedWidget}>${t.addWidget}</button>`
          : nothing}
        <button type="button" data-action="tab-add" @click=${this.addNewTab}>${t.addTab}</button>
        <button type="button" data-action="reset" @click=${() => (this.confirmingReset = true)}>${t.resetLayout}</button>
        <button type="button" class="primary" data-action="save" ?disabled=${this.busy} @click=${() => this.save(false)}>${t.save}</button>
        <button type="button" data-action="cancel" @click=${this.stopCustomising}>${t.cancel}</button>
      </div>
      ${this.confirmingReset
        ? html`<div class="conflict" role="alert">
            <p>${t.confirmReset}</p>
            <button type="button" class="danger" data-action="confirm-reset" @click=${this.reset}>${t.resetLayout}</button>
            <button type="button" @click=${() => (this.confirmingReset = false)}>${t.cancel}</button>
          </div>`
        : nothing}
      ${this.conflict
        ? html`<div class="conflict" role="alert" data-conflict>
            <p>${t.layoutConflict}</p>
            <button type="button" data-action="conflict-reload" @click=${this.reloadTheirs}>${t.reloadLayout}</button>
            <button type="button" data-action="conflict-overwrite" @click=${() => this.save(true)}>${t.overwriteLayout}</button>
          </div>`
        : nothing}
      ${this.saveError ? html`<p class="error-text" role="alert">${this.saveError}</p>` : nothing}`;
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
      ${tab.widgets.map((widget, index) => this.renderWidget(tab, widget, index))}
    </div>`;
  }

  private renderWidget(tab: LayoutTab, widget: LayoutWidget, index: number): TemplateResult {
    const t = this.t;
    const title = widget.title ?? this.titleOfType(widget.type);
    const headingId = `w-${tab.id}-${widget.id}`;
    const dropTarget = this.drag?.kind === 'widget' && this.drag.over === index && this.drag.from !== index;
    return html`<section
      class="widget ${dropTarget ? 'drop-target' : ''}"
      part="widget"
      data-drag-kind="widget"
      data-widget=${widget.id}
      data-type=${widget.type}
      aria-labelledby=${headingId}
    >
      <header>
        ${this.customising
          ? html`<button
              type="button"
              class="icon handle"
              data-action="widget-drag"
              aria-label=${t.dragHandle(title)}
              aria-keyshortcuts="Alt+ArrowUp Alt+ArrowDown"
              @keydown=${(e: KeyboardEvent) => this.onHandleKeyDown(e, index)}
              @pointerdown=${(e: PointerEvent) => this.onPointerDown(e, 'widget', index)}
              @pointermove=${this.onPointerMove}
              @pointerup=${this.onPointerUp}
              @pointercancel=${this.onPointerCancel}
            >
              ⠿
            </button>`
          : nothing}
        <h2 id=${headingId}>${title}</h2>
        ${this.customising
          ? html`<button type="button" class="icon" data-action="widget-up" aria-label=${t.moveWidgetUp(title)} ?disabled=${index === 0} @click=${() => this.moveWidget(index, index - 1)}>↑</button>
              <button type="button" class="icon" data-action="widget-down" aria-label=${t.moveWidgetDown(title)} ?disabled=${index === tab.widgets.length - 1} @click=${() => this.moveWidget(index, index + 1)}>↓</button>
              <button type="button" class="icon danger" data-action="widget-remove" aria-label=${t.removeWidget(title)} @click=${() => this.removeWidget(index)}>✕</button>`
          : nothing}
      </header>
      ${this.elementFor(tab, widget)}
    </section>`;
  }

  // ---- widgets ----

  private key(tab: LayoutTab, widget: LayoutWidget): string {
    return `${tab.id}/${widget.id}`;
  }

  private tagOf(type: string): string {
    return this.widgetTags[type] ?? type;
  }

  private registeredTypes(): string[] {
    const types = new Set([...Object.keys(builtInTitles), ...Object.keys(this.widgetTags)]);
    return [...types].filter((type) => customElements.get(this.tagOf(type)) !== undefined);
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
    return builtInTitles[type]?.(this.t) ?? type;
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
    const counts = new Map(this.counts);
    counts.set(this.key(tab, widget), event.count);
    this.counts = counts;
  }

  // ---- customisation ----

  private startCustomising(): void {
    this.draft = structuredClone(this.saved?.tabs ?? []);
    this.conflict = false;
    this.saveError = undefined;
  }

  private stopCustomising(): void {
    this.draft = undefined;
    this.conflict = false;
    this.confirmingReset = false;
    this.saveError = undefined;
    if (!this.tabs.some((t) => t.id === this.selectedTab)) this.selectedTab = this.tabs[0]?.id;
  }

  private edit(tabs: LayoutTab[]): void {
    this.draft = tabs;
  }

  private renameSelected(title: string): void {
    if (this.selectedTab && title.trim() !== '') this.edit(renameTab(this.tabs, this.selectedTab, title.trim().slice(0, 60)));
  }

  private addNewTab(): void {
    const { tabs, id } = addTab(this.tabs, this.t.newTab);
    this.edit(tabs);
    this.selectedTab = id;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>('input[name="tab-title"]')?.select());
  }

  private deleteSelected(): void {
    const index = this.tabs.findIndex((t) => t.id === this.selectedTab);
    if (index < 0 || !this.selectedTab) return;
    const tabs = deleteTab(this.tabs, this.selectedTab);
    this.edit(tabs);
    this.selectedTab = tabs[Math.min(index, tabs.length - 1)]?.id;
  }

  private moveTab(from: number, to: number, focus = true): void {
    const tabs = this.tabs;
    if (to < 0 || to >= tabs.length || from === to) return;
    const moved = tabs[from];
    this.edit(moveItem(tabs, from, to));
    if (!moved) return;
    this.announcement = this.t.moved(this.tabTitle(moved), this.localizer.number(to + 1));
    if (focus) void this.updateComplete.then(() => this.focusTab(moved.id));
  }

  private addSelectedWidget(): void {
    if (!this.selectedTab || !this.typeToAdd) return;
    this.edit(addWidget(this.tabs, this.selectedTab, this.typeToAdd));
    this.typeToAdd = '';
  }

  private removeWidget(index: number): void {
    if (!this.selectedTab) return;
    this.edit(updateWidgets(this.tabs, this.selectedTab, (widgets) => widgets.filter((_, i) => i !== index)));
  }

  private moveWidget(from: number, to: number, focusHandle = false): void {
    const tab = this.tabs.find((t) => t.id === this.selectedTab);
    if (!tab || to < 0 || to >= tab.widgets.length || from === to) return;
    const moved = tab.widgets[from];
    this.edit(updateWidgets(this.tabs, tab.id, (widgets) => moveItem(widgets, from, to)));
    if (!moved) return;
    this.announcement = this.t.moved(moved.title ?? this.titleOfType(moved.type), this.localizer.number(to + 1));
    if (focusHandle) {
      void this.updateComplete.then(() =>
        this.renderRoot
          .querySelector<HTMLElement>(`#panel-${tab.id} [data-widget="${moved.id}"] [data-action="widget-drag"]`)
          ?.focus(),
      );
    }
  }

  private focusTab(tabId: string): void {
    this.renderRoot.querySelector<HTMLElement>(`[role="tab"][data-tab="${tabId}"]`)?.focus();
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
      if (this.customising) this.moveTab(index, target);
      return;
    }
    const tab = tabs[Math.max(0, Math.min(target, tabs.length - 1))];
    if (!tab) return;
    this.select(tab.id);
    void this.updateComplete.then(() => this.focusTab(tab.id));
  }

  private onHandleKeyDown(event: KeyboardEvent, index: number): void {
    if (!event.altKey) return;
    if (event.key === 'ArrowUp') {
      event.preventDefault();
      this.moveWidget(index, index - 1, true);
    } else if (event.key === 'ArrowDown') {
      event.preventDefault();
      this.moveWidget(index, index + 1, true);
    }
  }

  // ---- pointer dragging (pointer events, so mouse, pen and touch all work) ----

  private onPointerDown(event: PointerEvent, kind: DragKind, index: number): void {
    if (!this.customising || event.button !== 0) return;
    (event.currentTarget as Element).setPointerCapture?.(event.pointerId);
    this.drag = { kind, from: index, over: index, pointerId: event.pointerId };
  }

  private onPointerMove = (event: PointerEvent): void => {
    const drag = this.drag;
    if (!drag || drag.pointerId !== event.pointerId) return;
    const over = this.dropIndex(drag, event);
    if (over !== drag.over) this.drag = { ...drag, over };
  };

  private onPointerUp = (event: PointerEvent): void => {
    const drag = this.drag;
    if (!drag || drag.pointerId !== event.pointerId) return;
    this.drag = undefined;
    const to = this.dropIndex(drag, event);
    if (to === drag.from) return;
    if (drag.kind === 'tab') this.moveTab(drag.from, to, false);
    else this.moveWidget(drag.from, to);
  };

  private onPointerCancel = (): void => {
    this.drag = undefined;
  };

  /** Where the dragged item lands: after every other item whose middle the pointer has passed. */
  private dropIndex(drag: Drag, event: PointerEvent): number {
    const container =
      drag.kind === 'tab'
        ? this.renderRoot.querySelector('[role="tablist"]')
        : this.renderRoot.querySelector(`#panel-${CSS.escape(this.selectedTab ?? '')}`);
    const items = [...(container?.querySelectorAll<HTMLElement>(`:scope > [data-drag-kind="${drag.kind}"]`) ?? [])];
    let index = 0;
    items.forEach((item, i) => {
      if (i === drag.from) return;
      const box = item.getBoundingClientRect();
      const passed =
        drag.kind === 'tab'
          ? event.clientX > box.left + box.width / 2 && event.clientY > box.top - box.height
          : event.clientY > box.top + box.height / 2;
      if (passed) index++;
    });
    return index;
  }

  // ---- saving ----

  private async save(overwrite: boolean): Promise<void> {
    const client = this.readyClient;
    const tabs = this.draft;
    if (!client || !tabs) return;
    this.busy = true;
    this.saveError = undefined;
    try {
      // Overwrite on purpose: base the write on the version now on the server.
      const basedOn = overwrite ? await client.layout.get() : this.etag;
      if (basedOn === undefined) return; // no layout was read, so no save can be based on one
      const saved = await this.runAction({ type: 'layout-save' }, () =>
        client.layout.replace({ ifMatch: basedOn, body: { tabs } }),
      );
      if (!saved) return;
      this.conflict = false;
      this.draft = undefined;
      this.accept(saved);
      this.dispatchEvent(new FcoLayoutChangedEvent());
    } catch (error) {
      if (error instanceof PreconditionFailedError) {
        this.conflict = true; // the draft stays: nothing is lost until the user chooses
      } else {
        const failure = this.reportError(error);
        this.saveError = `${this.t.layoutSaveFailed} ${failure.message}`;
      }
    } finally {
      this.busy = false;
    }
  }

  private async reloadTheirs(): Promise<void> {
    const client = this.readyClient;
    if (!client) return;
    try {
      const layout = await client.layout.get();
      this.draft = undefined;
      this.conflict = false;
      this.accept(layout);
    } catch (error) {
      const failure = this.reportError(error);
      this.saveError = failure.message;
    }
  }

  private async reset(): Promise<void> {
    const client = this.readyClient;
    if (!client) return;
    this.confirmingReset = false;
    this.busy = true;
    try {
      const basedOn = this.etag;
      if (basedOn === undefined) return;
      const layout = await this.runAction({ type: 'layout-reset' }, () => client.layout.reset({ ifMatch: basedOn }));
      if (!layout) return;
      this.draft = undefined;
      this.conflict = false;
      this.accept(layout);
      this.dispatchEvent(new FcoLayoutChangedEvent());
    } catch (error) {
      if (error instanceof PreconditionFailedError) this.conflict = true;
      else this.saveError = `${this.t.layoutSaveFailed} ${this.reportError(error).message}`;
    } finally {
      this.busy = false;
    }
  }
}
