import { LitElement, type TemplateResult } from 'lit';
import { consume } from '@lit/context';
import { property, state } from 'lit/decorators.js';
import { adminContext, type AdminContext } from '../context/admin-context.js';
import { adoptStyles } from '../theme/adopt.js';
import { en } from '../i18n/en.js';
import { renderDiff } from './diff-view.js';
import { codeStyles } from './code-styles.js';

/**
 * A line diff of two versions of code (the signed code and its draft), an internal element of `fco-fdl-code-blocks`
 * loaded with the code editor. Like the editor it renders into the shadow root it is placed in.
 *
 * Registered as `<fco-code-diff>` by code-elements.ts; internal, so it has no `@element` tag: no public API, no React wrapper.
 */
export class FcoCodeDiff extends LitElement {
  @consume({ context: adminContext, subscribe: true })
  @state()
  private context: AdminContext | undefined;

  /** The older text (the signed code). */
  @property({ attribute: false }) oldText = '';
  /** The newer text (the draft). */
  @property({ attribute: false }) newText = '';
  /** The accessible name of the diff's table. */
  @property() label = '';

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    adoptStyles(this.getRootNode(), codeStyles);
  }

  protected override render(): TemplateResult {
    return renderDiff(this.oldText, this.newText, this.context?.localizer.messages ?? en, this.label);
  }
}
