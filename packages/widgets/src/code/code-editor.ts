import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { consume } from '@lit/context';
import { property, state } from 'lit/decorators.js';
import { isAbortError } from '../api/errors.js';
import type { FieldError } from '@fco-admin/sdk';
import { adminContext, type AdminContext } from '../context/admin-context.js';
import type { Messages } from '../i18n/messages.js';
import { en } from '../i18n/en.js';
import { adoptStyles } from '../theme/adopt.js';
import { codeStyles } from './code-styles.js';
import type { CodeDiagnostic, LuaEditor } from './lua-editor.js';

/** How long typing pauses before the code is checked with the server. */
const CHECK_DELAY_MS = 400;

/**
 * The Lua code editor of the FDL code blocks (an internal element of `fco-fdl-code-blocks`, registered by
 * code-elements.ts when that widget connects). It loads CodeMirror on first use (a dynamic `import()` of lua-editor.ts, a chunk of its own) and shows a plain text area until then, or
 * for good should the chunk not load. With `check` it sends the code to the server's Lua check as the user types
 * (debounced, stale checks aborted) and shows the findings on their lines and in a list below; a save's 422 (`error`,
 * with line and column) shows the same way.
 *
 * It renders into the shadow root it is placed in rather than a shadow root of its own, so the label and the
 * descriptions it is given by id are found, and its styles and CodeMirror's land in the widget's shadow root.
 *
 * Registered as `<fco-code-editor>` by code-elements.ts; internal, so it has no `@element` tag: no public API, no React wrapper.
 */
export class FcoCodeEditor extends LitElement {
  @consume({ context: adminContext, subscribe: true })
  @state()
  private context: AdminContext | undefined;

  /** The code. */
  @property() value = '';
  @property({ type: Boolean }) readonly = false;
  /** Check the code with the server as it changes, and show what it finds. */
  @property({ type: Boolean }) check = false;
  /** Id of the element that labels the editor (in the same shadow root). */
  @property({ attribute: 'labelled-by' }) labelledBy: string | undefined;
  /** The accessible name, where no element labels it. */
  @property() label: string | undefined;
  /** Ids of elements that describe it (e.g. the form's error message). */
  @property({ attribute: 'described-by' }) describedBy: string | undefined;
  /** The server's complaint about the code from a save (a 422 at the field, with its line and column). */
  @property({ attribute: false }) error: FieldError | undefined;
  /** Called with the new text as the user edits. */
  @property({ attribute: false }) onChange: ((value: string) => void) | undefined;

  @state() private findings: readonly CodeDiagnostic[] = [];
  @state() private checking = false;
  @state() private ready = false;
  private editor: LuaEditor | undefined;
  private loading: Promise<void> | undefined;
  private checkTimer: ReturnType<typeof setTimeout> | undefined;
  private checkAbort: AbortController | undefined;
  /** The text the findings are about. */
  private checked: string | undefined;

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  private get t(): Messages {
    return this.context?.localizer.messages ?? en;
  }

  private get listId(): string {
    return `${this.id || 'code'}-findings`;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    adoptStyles(this.getRootNode(), codeStyles);
    void this.updateComplete.then(() => this.load());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.checkTimer);
    this.checkAbort?.abort();
    this.editor?.destroy();
    this.editor = undefined;
    this.loading = undefined;
    this.ready = false;
  }

  private aria(): Record<string, string> {
    const describedBy = [this.describedBy, this.check || this.error ? this.listId : undefined].filter(Boolean).join(' ');
    return {
      ...(this.labelledBy ? { 'aria-labelledby': this.labelledBy } : this.label ? { 'aria-label': this.label } : {}),
      ...(describedBy ? { 'aria-describedby': describedBy } : {}),
    };
  }

  private load(): Promise<void> {
    this.loading ??= (async () => {
      try {
        const { createLuaEditor } = await import('./lua-editor.js');
        const parent = this.querySelector<HTMLElement>('.cm-parent');
        if (!this.isConnected || !parent || this.editor) return;
        const t = this.t;
        this.editor = createLuaEditor({
          parent,
          root: this.getRootNode() as ShadowRoot | Document,
          doc: this.value,
          readOnly: this.readonly,
          aria: this.aria(),
          phrases: { Diagnostics: t.codeFindings, 'No diagnostics': t.codeNoFindings },
          onChange: (value) => {
            this.value = value;
            this.onChange?.(value);
            this.scheduleCheck();
          },
        });
        this.ready = true;
        this.editor.showDiagnostics(this.shown);
      } catch (error) {
        // The plain text area stays: the code can still be read and edited.
        console.warn('fco-code-editor: the code editor could not be loaded', error);
      }
    })();
    return this.loading;
  }

  protected override updated(changed: PropertyValues): void {
    const editor = this.editor;
    if (editor) {
      if (changed.has('value')) editor.setDoc(this.value);
      if (['readonly', 'labelledBy', 'label', 'describedBy', 'check', 'error'].some((p) => changed.has(p))) editor.setReadOnly(this.readonly, this.aria());
      if (changed.has('findings') || changed.has('error') || changed.has('value')) editor.showDiagnostics(this.shown);
    }
    if (changed.has('check') && this.check && this.checked !== this.value) this.scheduleCheck(0);
  }

  /** The save's error (it names a line), then what the latest check found that is not the same error again. */
  private get shown(): readonly CodeDiagnostic[] {
    const error = this.error;
    const fromSave: CodeDiagnostic | undefined =
      error?.line !== undefined
        ? { severity: 'ERROR', message: error.message, line: error.line, column: error.column ?? 1, endLine: error.line, endColumn: error.column ?? 1 }
        : undefined;
    const current = this.checked === this.value ? this.findings : [];
    return fromSave ? [fromSave, ...current.filter((f) => f.severity !== 'ERROR')] : current;
  }

  private scheduleCheck(delay = CHECK_DELAY_MS): void {
    if (!this.check) return;
    clearTimeout(this.checkTimer);
    this.checkTimer = setTimeout(() => void this.runCheck(), delay);
  }

  private async runCheck(): Promise<void> {
    const client = this.context?.client;
    if (!client) return;
    this.checkAbort?.abort();
    const controller = new AbortController();
    this.checkAbort = controller;
    const code = this.value;
    this.checking = true;
    try {
      const result = await client.plugins.checkFdlCode({ body: { code }, signal: controller.signal });
      if (controller.signal.aborted) return;
      this.checked = code;
      this.findings = result.diagnostics;
    } catch (error) {
      if (isAbortError(error) || controller.signal.aborted) return;
      // A check that fails says nothing about the code; the save still checks it.
      this.checked = undefined;
      this.findings = [];
    } finally {
      if (this.checkAbort === controller) this.checking = false;
    }
  }

  protected override render(): TemplateResult {
    const t = this.t;
    const shown = this.shown;
    return html`<div class="cm-parent"></div>
      ${this.ready
        ? nothing
        : html`<textarea
            class="code-fallback"
            rows="12"
            spellcheck="false"
            ?readonly=${this.readonly}
            aria-labelledby=${this.labelledBy ?? nothing}
            aria-label=${this.labelledBy ? nothing : (this.label ?? nothing)}
            aria-describedby=${this.aria()['aria-describedby'] ?? nothing}
            .value=${this.value}
            @input=${(e: Event) => {
              this.value = (e.target as HTMLTextAreaElement).value;
              this.onChange?.(this.value);
              this.scheduleCheck();
            }}
          ></textarea>`}
      ${this.check || this.error ? this.renderFindings(shown, t) : nothing}`;
  }

  private renderFindings(shown: readonly CodeDiagnostic[], t: Messages): TemplateResult {
    const summary = this.checking ? t.codeChecking : shown.length === 0 ? (this.checked === this.value ? t.codeNoFindings : '') : '';
    return html`<div class="code-findings" id=${this.listId}>
      ${summary ? html`<p class="muted">${summary}</p>` : nothing}
      ${shown.length
        ? html`<ul>
            ${shown.map(
              (f) => html`<li data-severity=${f.severity} data-line=${f.line}>
                <span class="severity">${f.severity === 'ERROR' ? t.codeError : t.codeWarning}</span>
                ${t.codePosition(String(f.line), String(f.column))}: ${f.message}
              </li>`,
            )}
          </ul>`
        : nothing}
    </div>`;
  }
}
