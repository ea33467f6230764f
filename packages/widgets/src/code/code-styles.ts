import { css } from 'lit';

/**
 * Styles of the code editor element and the line diff, for the shadow root of the widget that shows code (the editor
 * renders into it; CodeMirror adds its own sheets there). The editor never widens the dialog: long lines scroll.
 */
export const codeStyles = css`
  fco-code-editor {
    display: block;
    inline-size: 100%;
    contain: inline-size;
  }
  fco-code-editor .code-fallback {
    inline-size: 100%;
    min-block-size: 12rem;
    font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    white-space: pre;
  }
  .code-findings ul {
    margin: 4px 0 0;
    padding-inline-start: 1.2em;
  }
  .code-findings li[data-severity='ERROR'] {
    color: var(--_danger);
  }
  .code-findings li[data-severity='WARNING'] {
    color: var(--_warning);
  }
  .code-findings .severity {
    font-weight: 600;
  }
  .code-findings p {
    margin: 4px 0 0;
  }
  details.code-changes {
    margin-top: var(--_space);
  }
  details.code-changes summary {
    cursor: pointer;
    color: var(--_text);
  }
  .diff-summary {
    margin: 4px 0;
  }
  .diff-scroll {
    overflow: auto;
    max-block-size: var(--fco-code-height, 24rem);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    contain: inline-size;
  }
  table.diff {
    border-collapse: collapse;
    min-inline-size: 100%;
    font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    font-size: 0.9em;
    color: var(--_text);
  }
  table.diff td {
    padding: 0 6px;
    white-space: pre;
    overflow-wrap: normal;
    vertical-align: top;
  }
  table.diff td.line-no {
    color: var(--_muted);
    text-align: end;
    user-select: none;
    inline-size: 3.5em;
  }
  table.diff td.code::before {
    content: ' ' / '';
    display: inline-block;
    inline-size: 1.2em;
    color: var(--_muted);
  }
  table.diff tr.added {
    background: color-mix(in srgb, var(--_success) 16%, transparent);
  }
  table.diff tr.added td.code::before {
    content: '+' / '';
  }
  table.diff tr.removed {
    background: color-mix(in srgb, var(--_danger) 16%, transparent);
  }
  table.diff tr.removed td.code::before {
    content: '−' / '';
  }
  table.diff ins,
  table.diff del {
    text-decoration: none;
  }
  table.diff tr.folded td {
    color: var(--_muted);
    font-style: italic;
    font-family: var(--fco-font-family, system-ui, sans-serif);
    padding-block: 2px;
  }
`;
