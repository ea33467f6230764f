import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { repeat } from 'lit/directives/repeat.js';
import { adminContext, type AdminContext } from '../context/admin-context.js';
import { Localizer } from '../i18n/localizer.js';
import { baseStyles } from '../theme/styles.js';
import { tableStyles } from './table-styles.js';
import { FcoRowOpenEvent } from '../events.js';
import type { ColumnDef } from './types.js';
import { cssProperty } from './css-property.js';

interface Node<Row> {
  row: Row;
  key: string;
  level: number;
  children: Node<Row>[];
}

/**
 * A small hierarchy as an ARIA treegrid (the billing entities under the licensee): every row is loaded, children sit
 * under their parent (sorted by the first column's text), and the user expands and collapses them with the mouse or
 * the keyboard — Up/Down move between visible rows, Right expands (or moves to the first child), Left collapses (or
 * moves to the parent), Home/End jump, Enter opens a row. Rows are not virtualised: hierarchies this shape stay small.
 *
 * @element fco-tree-grid
 * @prop {Row[]} rows - Every row of the hierarchy.
 * @prop {ColumnDef[]} columns - The columns; the first carries the expand control and the indentation.
 * @prop {(row) => string} rowKey - A row's key (its id).
 * @prop {(row) => string | null} parentKey - The key of a row's parent, or null for a root.
 * @attr label - The grid's accessible name.
 * @fires {FcoRowOpenEvent} fco-row-open - A row was opened with Enter or a click.
 * @csspart grid - The grid.
 * @csspart row - A row.
 */
export class FcoTreeGrid<Row = unknown> extends LitElement {
  static override styles = [baseStyles, tableStyles];

  @consume({ context: adminContext, subscribe: true })
  @state()
  private context: AdminContext | undefined;

  @property({ attribute: false }) rows: Row[] = [];
  @property({ attribute: false }) columns: ColumnDef<Row>[] = [];
  @property({ attribute: false }) rowKey: (row: Row) => string = (row) => String((row as { id?: unknown }).id);
  @property({ attribute: false }) parentKey: (row: Row) => string | null = (row) => ((row as { parentId?: string | null }).parentId ?? null);
  @property() label = '';

  /** Keys of expanded rows; every row with children starts expanded. */
  @state() private expanded = new Set<string>();
  @state() private active: string | undefined;
  private seenKeys = new Set<string>();
  private readonly fallbackLocalizer = new Localizer('en');

  private get localizer(): Localizer {
    return this.context?.localizer ?? this.fallbackLocalizer;
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('rows')) {
      // Rows seen for the first time start expanded; what the user collapsed stays collapsed across reloads.
      const expanded = new Set(this.expanded);
      for (const row of this.rows) {
        const key = this.rowKey(row);
        if (!this.seenKeys.has(key)) expanded.add(key);
        this.seenKeys.add(key);
      }
      this.expanded = expanded;
    }
    if (changed.has('columns')) {
      this.style.setProperty('--_columns', this.columns.map((c) => c.width ?? 'minmax(8rem, 1fr)').join(' '));
    }
  }

  private get tree(): Node<Row>[] {
    const l = this.localizer;
    const first = this.columns[0];
    const text = (row: Row) => {
      const value = first?.value(row, l);
      return typeof value === 'string' ? value : '';
    };
    const nodes = new Map<string, Node<Row>>(this.rows.map((row) => [this.rowKey(row), { row, key: this.rowKey(row), level: 1, children: [] }]));
    const roots: Node<Row>[] = [];
    for (const node of nodes.values()) {
      const parent = this.parentKey(node.row);
      const parentNode = parent === null ? undefined : nodes.get(parent);
      // A row whose parent is out of the caller's scope is a root of what the caller sees.
      if (parentNode) parentNode.children.push(node);
      else roots.push(node);
    }
    const order = (list: Node<Row>[], level: number) => {
      list.sort((a, b) => text(a.row).localeCompare(text(b.row), l.intlTag));
      for (const node of list) {
        node.level = level;
        order(node.children, level + 1);
      }
    };
    order(roots, 1);
    return roots;
  }

  /** The rows on screen, in order: every root and the children of expanded rows. */
  private get visible(): Node<Row>[] {
    const out: Node<Row>[] = [];
    const walk = (list: Node<Row>[]) => {
      for (const node of list) {
        out.push(node);
        if (node.children.length > 0 && this.expanded.has(node.key)) walk(node.children);
      }
    };
    walk(this.tree);
    return out;
  }

  private toggle(key: string, open?: boolean): void {
    const expanded = new Set(this.expanded);
    if (open ?? !expanded.has(key)) expanded.add(key);
    else expanded.delete(key);
    this.expanded = expanded;
  }

  private focusRow(key: string): void {
    this.active = key;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`[role="row"][data-key="${CSS.escape(key)}"]`)?.focus());
  }

  private onKeyDown(event: KeyboardEvent, node: Node<Row>, visible: Node<Row>[]): void {
    const index = visible.indexOf(node);
    const parentKey = this.parentKey(node.row);
    const go = (target: Node<Row> | undefined) => target && this.focusRow(target.key);
    switch (event.key) {
      case 'ArrowDown':
        go(visible[index + 1]);
        break;
      case 'ArrowUp':
        go(visible[index - 1]);
        break;
      case 'ArrowRight':
        if (node.children.length > 0 && !this.expanded.has(node.key)) this.toggle(node.key, true);
        else go(node.children[0]);
        break;
      case 'ArrowLeft':
        if (node.children.length > 0 && this.expanded.has(node.key)) this.toggle(node.key, false);
        else if (parentKey !== null) go(visible.find((n) => n.key === parentKey));
        break;
      case 'Home':
        go(visible[0]);
        break;
      case 'End':
        go(visible.at(-1));
        break;
      case 'Enter':
        this.dispatchEvent(new FcoRowOpenEvent(node.row, index));
        break;
      default:
        return;
    }
    event.preventDefault();
  }

  protected override render(): TemplateResult {
    const l = this.localizer;
    const visible = this.visible;
    const tabStop = visible.some((n) => n.key === this.active) ? this.active : visible[0]?.key;
    return html`<div class="scroll-x">
      <div role="treegrid" part="grid" aria-label=${this.label || nothing} aria-colcount=${this.columns.length} aria-rowcount=${visible.length + 1}>
        <div role="rowgroup" class="head">
          <div role="row" class="row" aria-rowindex="1">
            ${this.columns.map((c, i) => html`<div role="columnheader" class=${c.align === 'end' ? 'cell end' : 'cell'} aria-colindex=${i + 1}><span class="text" title=${c.label(l)}>${c.label(l)}</span></div>`)}
          </div>
        </div>
        <div role="rowgroup" class="tree-body">
          ${repeat(
            visible,
            (node) => node.key,
            (node, index) => {
              const hasChildren = node.children.length > 0;
              const open = this.expanded.has(node.key);
              return html`<div
                role="row"
                part="row"
                class="row"
                data-key=${node.key}
                tabindex=${node.key === tabStop ? 0 : -1}
                aria-level=${node.level}
                aria-rowindex=${index + 2}
                aria-expanded=${hasChildren ? String(open) : nothing}
                @keydown=${(e: KeyboardEvent) => this.onKeyDown(e, node, visible)}
                @focus=${() => (this.active = node.key)}
                @click=${() => this.dispatchEvent(new FcoRowOpenEvent(node.row, index))}
              >
                ${this.columns.map(
                  (c, i) => html`<div role="gridcell" class=${c.align === 'end' ? 'cell end' : 'cell'} aria-colindex=${i + 1}>
                    ${i === 0
                      ? html`<span class="indent" ${cssProperty('--_level', String(node.level - 1))}></span>${hasChildren
                            ? html`<button
                                type="button"
                                class="icon expander"
                                tabindex="-1"
                                aria-label=${open ? l.messages.collapse : l.messages.expand}
                                @click=${(e: Event) => {
                                  e.stopPropagation();
                                  this.toggle(node.key);
                                }}
                              >
                                ${open ? '▾' : '▸'}
                              </button>`
                            : html`<span class="expander" aria-hidden="true"></span>`}`
                      : nothing}
                    <span class="text">${c.value(node.row, l)}</span>
                  </div>`,
                )}
              </div>`;
            },
          )}
        </div>
      </div>
    </div>`;
  }
}
