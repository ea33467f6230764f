/**
 * Customising the page's layout: a draft of the tabs the user edits (tabs added, renamed, moved, deleted; widgets
 * added, renamed, moved within a tab or to another, removed — by keyboard, buttons or pointer drag), then saved with
 * `PUT /v1/layout` and If-Match. A conflicting save keeps the draft and offers to load the other version or overwrite.
 * The tab container owns the saved layout and the selection; this controller owns everything about changing it.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { PreconditionFailedError, type Client } from '@fco-admin/sdk';
import type { Layout, LayoutTab } from '../api/types.js';
import type { ClassifiedError } from '../api/errors.js';
import { FcoActionDoneEvent, FcoActionEvent, FcoLayoutChangedEvent, type FcoAction } from '../events.js';
import { addTab, addWidget, deleteTab, moveItem, moveWidgetToTab, renameTab, renameWidget, updateWidgets } from './layout-edit.js';

// The page loads the editor and its controls as one chunk.
export { renderToolbar, renderWidgetTools, type ToolbarPage } from './layout-toolbar.js';

export type DragKind = 'tab' | 'widget';
export interface Drag {
  kind: DragKind;
  from: number;
  over: number;
  pointerId: number;
}

/** What the editor needs from the tab container. */
export interface LayoutEditorHost extends ReactiveControllerHost, EventTarget {
  readonly editorClient: Client | undefined;
  /** The saved layout as read or written by the client (its ETag is what a save is based on). */
  readonly savedLayout: Layout | undefined;
  selectedTab: string | undefined;
  /** The server saved or returned a layout: show it. */
  acceptLayout(layout: Layout): void;
  reportError(error: unknown): ClassifiedError;
}

export class LayoutEditor implements ReactiveController {
  draft: LayoutTab[] | undefined;
  conflict = false;
  confirmingReset = false;
  busy = false;
  saveError: string | undefined;
  drag: Drag | undefined;
  /** Said to screen readers after a move. */
  announcement = '';

  constructor(private readonly host: LayoutEditorHost) {
    host.addController(this);
  }

  hostConnected(): void {}

  get active(): boolean {
    return this.draft !== undefined;
  }

  private changed(): void {
    this.host.requestUpdate();
  }

  start(): void {
    this.draft = structuredClone(this.host.savedLayout?.tabs ?? []);
    this.conflict = false;
    this.saveError = undefined;
    this.changed();
  }

  stop(): void {
    this.draft = undefined;
    this.conflict = false;
    this.confirmingReset = false;
    this.saveError = undefined;
    const tabs = this.host.savedLayout?.tabs ?? [];
    if (!tabs.some((t) => t.id === this.host.selectedTab)) this.host.selectedTab = tabs[0]?.id;
    this.changed();
  }

  private edit(tabs: LayoutTab[]): void {
    this.draft = tabs;
    this.changed();
  }

  private get tabs(): LayoutTab[] {
    return this.draft ?? [];
  }

  renameTab(tabId: string, title: string): void {
    if (title.trim() !== '') this.edit(renameTab(this.tabs, tabId, title.trim().slice(0, 60)));
  }

  /** Adds a tab and selects it; resolves to its id. */
  addTab(title: string): string {
    const { tabs, id } = addTab(this.tabs, title);
    this.edit(tabs);
    this.host.selectedTab = id;
    return id;
  }

  deleteTab(tabId: string): void {
    const index = this.tabs.findIndex((t) => t.id === tabId);
    if (index < 0) return;
    const tabs = deleteTab(this.tabs, tabId);
    this.edit(tabs);
    this.host.selectedTab = tabs[Math.min(index, tabs.length - 1)]?.id;
  }

  /** Moves the tab at `from` to `to`; resolves to the moved tab (for the announcement and focus). */
  moveTab(from: number, to: number): LayoutTab | undefined {
    const tabs = this.tabs;
    if (to < 0 || to >= tabs.length || from === to) return undefined;
    this.edit(moveItem(tabs, from, to));
    return tabs[from];
  }

  /** What screen readers hear after a move. */
  announce(text: string): void {
    this.announcement = text;
    this.changed();
  }

  addWidget(tabId: string, type: string): void {
    this.edit(addWidget(this.tabs, tabId, type));
  }

  removeWidget(tabId: string, index: number): void {
    this.edit(updateWidgets(this.tabs, tabId, (widgets) => widgets.filter((_, i) => i !== index)));
  }

  renameWidget(tabId: string, widgetId: string, title: string): void {
    this.edit(renameWidget(this.tabs, tabId, widgetId, title.trim().slice(0, 60)));
  }

  /** Moves a widget to the end of another tab (it keeps its type and title). */
  moveWidgetToTab(fromTab: string, widgetId: string, toTab: string): void {
    if (fromTab !== toTab) this.edit(moveWidgetToTab(this.tabs, fromTab, widgetId, toTab));
  }

  /** Moves a widget within its tab; false when there is nowhere to go. */
  moveWidget(tabId: string, from: number, to: number): boolean {
    const tab = this.tabs.find((t) => t.id === tabId);
    if (!tab || to < 0 || to >= tab.widgets.length || from === to) return false;
    this.edit(updateWidgets(this.tabs, tabId, (widgets) => moveItem(widgets, from, to)));
    return true;
  }

  // ---- saving ----

  private async act<T>(action: FcoAction, perform: () => Promise<T>): Promise<T | undefined> {
    if (!this.host.dispatchEvent(new FcoActionEvent(action))) return undefined;
    const result = await perform();
    this.host.dispatchEvent(new FcoActionDoneEvent(action));
    return result;
  }

  async save(overwrite: boolean, failed: (message: string) => string): Promise<void> {
    const client = this.host.editorClient;
    const tabs = this.draft;
    if (!client || !tabs) return;
    this.busy = true;
    this.saveError = undefined;
    this.changed();
    try {
      // Overwrite on purpose: base the write on the version now on the server.
      const basedOn = overwrite ? await client.layout.get() : this.host.savedLayout;
      if (!basedOn) return; // nothing was read, so nothing can be saved over it
      const saved = await this.act({ type: 'layout-save' }, () => client.layout.replace({ ifMatch: basedOn, body: { tabs } }));
      if (!saved) return;
      this.conflict = false;
      this.draft = undefined;
      this.host.acceptLayout(saved);
      this.host.dispatchEvent(new FcoLayoutChangedEvent());
    } catch (error) {
      if (error instanceof PreconditionFailedError) this.conflict = true; // the draft stays until the user chooses
      else this.saveError = failed(this.host.reportError(error).message);
    } finally {
      this.busy = false;
      this.changed();
    }
  }

  async reloadTheirs(): Promise<void> {
    const client = this.host.editorClient;
    if (!client) return;
    try {
      const layout = await client.layout.get();
      this.draft = undefined;
      this.conflict = false;
      this.host.acceptLayout(layout);
    } catch (error) {
      this.saveError = this.host.reportError(error).message;
    }
    this.changed();
  }

  async reset(failed: (message: string) => string): Promise<void> {
    const client = this.host.editorClient;
    if (!client) return;
    this.confirmingReset = false;
    this.busy = true;
    this.changed();
    try {
      const basedOn = this.host.savedLayout;
      if (!basedOn) return;
      const layout = await this.act({ type: 'layout-reset' }, () => client.layout.reset({ ifMatch: basedOn }));
      if (!layout) return;
      this.draft = undefined;
      this.conflict = false;
      this.host.acceptLayout(layout);
      this.host.dispatchEvent(new FcoLayoutChangedEvent());
    } catch (error) {
      if (error instanceof PreconditionFailedError) this.conflict = true;
      else this.saveError = failed(this.host.reportError(error).message);
    } finally {
      this.busy = false;
      this.changed();
    }
  }

  // ---- pointer dragging (pointer events: mouse, pen and touch) ----

  pointerDown(event: PointerEvent, kind: DragKind, index: number): void {
    if (!this.active || event.button !== 0) return;
    (event.currentTarget as Element).setPointerCapture?.(event.pointerId);
    this.drag = { kind, from: index, over: index, pointerId: event.pointerId };
    this.changed();
  }

  pointerMove(event: PointerEvent, items: (kind: DragKind) => HTMLElement[]): void {
    const drag = this.drag;
    if (!drag || drag.pointerId !== event.pointerId) return;
    const over = dropIndex(drag, event, items(drag.kind));
    if (over !== drag.over) {
      this.drag = { ...drag, over };
      this.changed();
    }
  }

  /** Ends a drag; resolves to the move it makes, if any. */
  pointerUp(event: PointerEvent, items: (kind: DragKind) => HTMLElement[]): { kind: DragKind; from: number; to: number } | undefined {
    const drag = this.drag;
    if (!drag || drag.pointerId !== event.pointerId) return undefined;
    this.drag = undefined;
    this.changed();
    const to = dropIndex(drag, event, items(drag.kind));
    return to === drag.from ? undefined : { kind: drag.kind, from: drag.from, to };
  }

  pointerCancel(): void {
    this.drag = undefined;
    this.changed();
  }
}

/** Where the dragged item lands: after every other item whose middle the pointer has passed. */
function dropIndex(drag: Drag, event: PointerEvent, items: HTMLElement[]): number {
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
