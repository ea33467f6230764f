/**
 * The code elements of `fco-fdl-code-blocks` (the editor and the diff), registered when that widget first connects:
 * a chunk of their own, which loads CodeMirror (a further chunk) when an editor is first shown. Not a define.ts on
 * purpose: those are imported by every entry, and this must stay out of pages without code.
 *
 * Registering is a function the widget calls, not an import's side effect: the package declares only its define
 * files as having side effects, so a host's bundler (Vite, webpack) would drop a side-effect-only import of this.
 */
import { defineElement } from '../define-element.js';
import { FcoCodeDiff } from './code-diff.js';
import { FcoCodeEditor } from './code-editor.js';

export function defineCodeElements(): void {
  defineElement('fco-code-editor', FcoCodeEditor);
  defineElement('fco-code-diff', FcoCodeDiff);
}

declare global {
  interface HTMLElementTagNameMap {
    'fco-code-editor': FcoCodeEditor;
    'fco-code-diff': FcoCodeDiff;
  }
}
