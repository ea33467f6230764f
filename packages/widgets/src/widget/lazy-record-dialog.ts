/**
 * A list widget's record dialog, loaded the first time the widget opens or creates a record: the dialog, its
 * generated forms and the merge view are a chunk of their own, so a page where nobody opens a record never
 * downloads them. Until then there is nothing to show, re-read or warn about.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { renderStatePanel } from '../base/state-panel.js';
import { loadOnce } from '../base/load-once.js';
import type { RecordDialog, RecordHost, RecordShape } from './record-dialog.js';
import type { ChangeEvent } from '../live/types.js';

const loadModule = loadOnce(() => import('./record-dialog.js'));

export class LazyRecordDialog {
  private dialog: RecordDialog | undefined;
  /** The last attempt to load the dialog failed: the dialog says so instead of staying blank. */
  private failed = false;

  constructor(
    private readonly host: RecordHost,
    private readonly shape: () => RecordShape,
    private readonly element: () => HTMLDialogElement | null,
    private readonly idPrefix: string,
  ) {}

  /** The dialog, loaded and attached to the widget the first time; undefined (and a message shown) when that fails. */
  async load(): Promise<RecordDialog | undefined> {
    if (this.dialog) return this.dialog;
    try {
      const { RecordDialog } = await loadModule();
      this.dialog ??= new RecordDialog(this.host, this.shape, this.element, this.idPrefix);
      this.failed = false;
    } catch (error) {
      this.failed = true;
      this.host.reportError(error);
    }
    this.host.requestUpdate();
    return this.dialog;
  }

  get labelledBy(): string | undefined {
    return this.dialog?.labelledBy;
  }

  /** The record shown, as last read (undefined while closed, creating, or never opened). */
  get record(): Record<string, unknown> | undefined {
    return this.dialog?.record;
  }

  reread(): void {
    this.dialog?.reread();
  }

  changedElsewhere(change: ChangeEvent): void {
    this.dialog?.changedElsewhere(change);
  }

  render(): TemplateResult | typeof nothing {
    if (this.dialog) return this.dialog.render();
    if (!this.failed) return nothing;
    const t = this.host.recordLocalizer.messages;
    return html`${renderStatePanel('error', t.error)}
      <div class="actions">
        <button type="button" data-action="close" data-focus @click=${() => this.element()?.close()}>${t.close}</button>
      </div>`;
  }
}
