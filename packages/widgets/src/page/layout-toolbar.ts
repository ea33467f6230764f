/**
 * The controls shown while a user customises the layout: the toolbar (tab title, moves, delete, add a widget or a
 * tab, reset, save, cancel; the reset confirmation and the save conflict) and each widget's tools (title, move to
 * another tab, up, down, remove). Part of the editor's chunk: a page loads them at the first "Customise".
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { Messages } from '../i18n/messages.js';
import type { LayoutTab, LayoutWidget } from '../api/types.js';
import type { LayoutEditor } from './layout-editor.js';

/** What the controls use of the page: its words, tabs and the moves it makes and announces. */
export interface ToolbarPage {
  t(): Messages;
  tabs(): LayoutTab[];
  selectedTab(): string | undefined;
  typeToAdd(): string;
  chooseTypeToAdd(type: string): void;
  addableTypes(): string[];
  tabTitle(tab: LayoutTab): string;
  titleOfType(type: string): string;
  moveTab(from: number, to: number): void;
  moveWidget(tab: LayoutTab, from: number, to: number): void;
  addWidget(tabId: string): void;
  addTab(): void;
  requestUpdate(): void;
}

export function renderToolbar(page: ToolbarPage, editor: LayoutEditor): TemplateResult {
  const t = page.t();
  const tabs = page.tabs();
  const index = tabs.findIndex((tab) => tab.id === page.selectedTab());
  const tab = tabs[index];
  const typeToAdd = page.typeToAdd();
  const failed = (message: string) => `${t.layoutSaveFailed} ${message}`;
  return html`<div class="toolbar" part="toolbar" role="group" aria-label=${t.customise}>
      ${tab
        ? html`<label
              >${t.tabTitle}<input
                name="tab-title"
                maxlength="60"
                .value=${page.tabTitle(tab)}
                @input=${(e: Event) => editor.renameTab(tab.id, (e.target as HTMLInputElement).value)}
            /></label>
            <button type="button" class="icon" data-action="tab-left" aria-label=${t.moveTabLeft(page.tabTitle(tab))} ?disabled=${index <= 0} @click=${() => page.moveTab(index, index - 1)}>←</button>
            <button type="button" class="icon" data-action="tab-right" aria-label=${t.moveTabRight(page.tabTitle(tab))} ?disabled=${index >= tabs.length - 1} @click=${() => page.moveTab(index, index + 1)}>→</button>
            <button type="button" class="danger" data-action="tab-delete" ?disabled=${tabs.length <= 1} @click=${() => editor.deleteTab(tab.id)}>
              ${t.deleteTab(page.tabTitle(tab))}
            </button>
            <label
              >${t.widgetToAdd}<select name="widget-type" @change=${(e: Event) => page.chooseTypeToAdd((e.target as HTMLSelectElement).value)}>
                <option value="">—</option>
                ${page.addableTypes().map((type) => html`<option value=${type} ?selected=${type === typeToAdd}>${page.titleOfType(type)}</option>`)}
              </select></label
            >
            <button type="button" data-action="widget-add" ?disabled=${!typeToAdd} @click=${() => page.addWidget(tab.id)}>${t.addWidget}</button>`
        : nothing}
      <button type="button" data-action="tab-add" @click=${() => page.addTab()}>${t.addTab}</button>
      <button type="button" data-action="reset" @click=${() => ((editor.confirmingReset = true), page.requestUpdate())}>${t.resetLayout}</button>
      <button type="button" class="primary" data-action="save" ?disabled=${editor.busy} @click=${() => editor.save(false, failed)}>${t.save}</button>
      <button type="button" data-action="cancel" @click=${() => editor.stop()}>${t.cancel}</button>
    </div>
    ${editor.confirmingReset
      ? html`<div class="conflict" role="alert">
          <p>${t.confirmReset}</p>
          <button type="button" class="danger" data-action="confirm-reset" @click=${() => editor.reset(failed)}>${t.resetLayout}</button>
          <button type="button" @click=${() => ((editor.confirmingReset = false), page.requestUpdate())}>${t.cancel}</button>
        </div>`
      : nothing}
    ${editor.conflict
      ? html`<div class="conflict" role="alert" data-conflict>
          <p>${t.layoutConflict}</p>
          <button type="button" data-action="conflict-reload" @click=${() => editor.reloadTheirs()}>${t.reloadLayout}</button>
          <button type="button" data-action="conflict-overwrite" @click=${() => editor.save(true, failed)}>${t.overwriteLayout}</button>
        </div>`
      : nothing}
    ${editor.saveError ? html`<p class="error-text" role="alert">${editor.saveError}</p>` : nothing}`;
}

export function renderWidgetTools(page: ToolbarPage, editor: LayoutEditor, tab: LayoutTab, widget: LayoutWidget, index: number, title: string): TemplateResult {
  const t = page.t();
  return html`<label class="inline"
      ><span class="visually-hidden">${t.renameWidget(title)}</span
      ><input
        name="widget-title"
        maxlength="60"
        placeholder=${page.titleOfType(widget.type)}
        .value=${widget.title ?? ''}
        @change=${(e: Event) => editor.renameWidget(tab.id, widget.id, (e.target as HTMLInputElement).value)}
    /></label>
    <label class="inline"
      ><span class="visually-hidden">${t.moveWidgetTo}: ${title}</span
      ><select name="widget-tab" @change=${(e: Event) => editor.moveWidgetToTab(tab.id, widget.id, (e.target as HTMLSelectElement).value)}>
        ${page.tabs().map((other) => html`<option value=${other.id} ?selected=${other.id === tab.id}>${page.tabTitle(other)}</option>`)}
      </select></label
    >
    <button type="button" class="icon" data-action="widget-up" aria-label=${t.moveWidgetUp(title)} ?disabled=${index === 0} @click=${() => page.moveWidget(tab, index, index - 1)}>↑</button>
    <button type="button" class="icon" data-action="widget-down" aria-label=${t.moveWidgetDown(title)} ?disabled=${index === tab.widgets.length - 1} @click=${() => page.moveWidget(tab, index, index + 1)}>↓</button>
    <button type="button" class="icon danger" data-action="widget-remove" aria-label=${t.removeWidget(title)} @click=${() => editor.removeWidget(tab.id, index)}>✕</button>`;
}
