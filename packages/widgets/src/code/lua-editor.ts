/**
 * CodeMirror 6 set up for FDL's Lua: the legacy Lua mode through StreamLanguage, line numbers, history, bracket
 * matching, lint markers for the server's findings. Only `<fco-code-editor>` imports this module, with a dynamic
 * `import()`, so CodeMirror stays out of every page that shows no code. The editor lives in its host's shadow root
 * (`root`), where CodeMirror mounts its styles as adopted stylesheets (allowed by a CSP without 'unsafe-inline'); its
 * colours are the widgets' `--fco-*` properties, and syntax colours follow the colour scheme through `light-dark()`.
 */
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { bracketMatching, HighlightStyle, indentOnInput, StreamLanguage, syntaxHighlighting } from '@codemirror/language';
import { lua } from '@codemirror/legacy-modes/mode/lua';
import { lintGutter, setDiagnostics, type Diagnostic } from '@codemirror/lint';
import { Compartment, EditorState, type Text } from '@codemirror/state';
import { drawSelection, EditorView, highlightActiveLine, highlightActiveLineGutter, highlightSpecialChars, keymap, lineNumbers } from '@codemirror/view';
import { tags } from '@lezer/highlight';

/** A finding of the server's Lua check (`FdlDiagnostic`): lines and columns from 1, columns in UTF-16 code units. */
export interface CodeDiagnostic {
  severity: 'ERROR' | 'WARNING';
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface LuaEditorOptions {
  parent: HTMLElement;
  /** The shadow root (or document) the editor is shown in: its styles are mounted there. */
  root: ShadowRoot | Document;
  doc: string;
  readOnly: boolean;
  /** ARIA attributes of the editable content (its label and descriptions live in the same root). */
  aria: Record<string, string>;
  /** CodeMirror's own texts in the page's language (`EditorState.phrases`). */
  phrases: Record<string, string>;
  onChange: (doc: string) => void;
}

export interface LuaEditor {
  setDoc(doc: string): void;
  setReadOnly(readOnly: boolean, aria: Record<string, string>): void;
  showDiagnostics(diagnostics: readonly CodeDiagnostic[]): void;
  focus(): void;
  destroy(): void;
}

const highlight = HighlightStyle.define([
  { tag: tags.keyword, color: 'light-dark(#8b1a9e, #d7a2ff)', fontWeight: '600' },
  { tag: [tags.string, tags.special(tags.string)], color: 'light-dark(#0b6b1f, #9ee493)' },
  { tag: tags.comment, color: 'light-dark(#5a6370, #9aa4b1)', fontStyle: 'italic' },
  { tag: [tags.number, tags.bool, tags.null], color: 'light-dark(#a64600, #ffb37a)' },
  { tag: [tags.standard(tags.variableName), tags.special(tags.variableName)], color: 'light-dark(#1a56b8, #8ab4f8)' },
  { tag: tags.operator, color: 'light-dark(#3c4450, #c9d1d9)' },
]);

const theme = EditorView.theme({
  '&': { color: 'var(--_text)', backgroundColor: 'var(--_bg)', border: '1px solid var(--_border)', borderRadius: 'var(--_radius)', maxHeight: 'var(--fco-code-height, 24rem)' },
  '&.cm-focused': { outline: '2px solid var(--_focus)', outlineOffset: '1px' },
  '.cm-scroller': { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', lineHeight: '1.45', overflow: 'auto' },
  '.cm-content': { caretColor: 'var(--_text)' },
  '.cm-cursor, .cm-dropCursor': { borderLeftColor: 'var(--_text)' },
  '&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground, .cm-content ::selection': {
    backgroundColor: 'color-mix(in srgb, var(--_accent) 30%, transparent)',
  },
  '.cm-gutters': { backgroundColor: 'var(--_surface)', color: 'var(--_muted)', borderRight: '1px solid var(--_border)' },
  '.cm-activeLine': { backgroundColor: 'color-mix(in srgb, var(--_accent) 7%, transparent)' },
  '.cm-activeLineGutter': { backgroundColor: 'color-mix(in srgb, var(--_accent) 14%, transparent)', color: 'var(--_text)' },
  '&.cm-focused .cm-matchingBracket': { backgroundColor: 'color-mix(in srgb, var(--_success) 30%, transparent)' },
  '.cm-lintRange-error': { textDecoration: 'underline wavy var(--_danger)', textUnderlineOffset: '3px' },
  '.cm-lintRange-warning': { textDecoration: 'underline wavy var(--_warning)', textUnderlineOffset: '3px' },
  '.cm-tooltip': { color: 'var(--_text)', backgroundColor: 'var(--_bg)', border: '1px solid var(--_border)' },
});

/** A 1-based line and UTF-16 column as a document offset, kept inside the document and its line. */
function offsetOf(doc: Text, line: number, column: number): number {
  const target = doc.line(Math.min(Math.max(1, line), doc.lines));
  return Math.min(target.from + Math.max(0, column - 1), target.to);
}

function toCodeMirror(doc: Text, diagnostic: CodeDiagnostic): Diagnostic {
  const from = offsetOf(doc, diagnostic.line, diagnostic.column);
  let to = Math.max(from, offsetOf(doc, diagnostic.endLine, diagnostic.endColumn));
  let start = from;
  // A point (e.g. "')' expected near <eof>") marks the character there, or the one before it at the end of a line,
  // so it shows on its line as more than a caret.
  const line = doc.lineAt(from);
  if (to === start && to < line.to) to = start + 1;
  else if (to === start && start > line.from) start -= 1;
  return { from: start, to, severity: diagnostic.severity === 'ERROR' ? 'error' : 'warning', message: diagnostic.message };
}

// The editable content is in the tab order as it is (contenteditable); its tabindex says so to checkers such as axe,
// which otherwise find code taller than its box in a scroll region no keyboard can reach.
const ariaOf = (aria: Record<string, string>, readOnly: boolean) =>
  EditorView.contentAttributes.of({ ...aria, tabindex: '0', ...(readOnly ? { 'aria-readonly': 'true' } : {}) });

export function createLuaEditor(options: LuaEditorOptions): LuaEditor {
  const access = new Compartment();
  const aria = new Compartment();
  let applying = false;
  const view = new EditorView({
    root: options.root,
    parent: options.parent,
    state: EditorState.create({
      doc: options.doc,
      extensions: [
        lineNumbers(),
        highlightActiveLineGutter(),
        highlightSpecialChars(),
        history(),
        drawSelection(),
        indentOnInput(),
        bracketMatching(),
        highlightActiveLine(),
        StreamLanguage.define(lua),
        syntaxHighlighting(highlight),
        // Tab indents; Escape then Tab leaves the editor (CodeMirror's tab focus mode), so keyboards are not trapped.
        keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
        lintGutter(),
        theme,
        EditorState.phrases.of(options.phrases),
        access.of(EditorState.readOnly.of(options.readOnly)),
        aria.of(ariaOf(options.aria, options.readOnly)),
        EditorView.updateListener.of((update) => {
          if (update.docChanged && !applying) options.onChange(update.state.doc.toString());
        }),
      ],
    }),
  });
  return {
    setDoc(doc) {
      if (doc === view.state.doc.toString()) return;
      applying = true;
      try {
        view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: doc } });
      } finally {
        applying = false;
      }
    },
    setReadOnly(readOnly, attributes) {
      view.dispatch({ effects: [access.reconfigure(EditorState.readOnly.of(readOnly)), aria.reconfigure(ariaOf(attributes, readOnly))] });
    },
    showDiagnostics(diagnostics) {
      const doc = view.state.doc;
      view.dispatch(setDiagnostics(view.state, diagnostics.map((d) => toCodeMirror(doc, d))));
    },
    focus: () => view.focus(),
    destroy: () => view.destroy(),
  };
}
