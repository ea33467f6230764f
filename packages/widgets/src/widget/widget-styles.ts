import { css } from 'lit';

/** What the shared list widget adds to the base styles: the record dialog's nested tables, forms and merge view. */
export const widgetStyles = css`
  .widget-actions {
    display: flex;
    justify-content: flex-end;
    gap: var(--_space);
    margin-bottom: var(--_space);
  }
  .row-fields {
    display: flex;
    gap: var(--_space);
    align-items: flex-start;
    border-top: 1px dashed var(--_border);
    padding-top: var(--_space);
    margin-top: var(--_space);
  }
  .row-body {
    flex: 1;
  }
  section.related {
    margin-top: calc(var(--_space) * 2);
    --fco-table-height: 200px;
  }
  section.related h3 {
    font-size: 1em;
    margin: 0 0 4px;
  }
  .muted {
    color: var(--_muted);
  }
  .nested-scroll {
    overflow-x: auto;
  }
  table.nested,
  .conflict table {
    border-collapse: collapse;
    width: 100%;
  }
  table.nested th,
  table.nested td,
  .conflict th,
  .conflict td {
    text-align: start;
    border-bottom: 1px solid var(--_border);
    padding: 2px 6px;
    overflow-wrap: anywhere;
  }
  table.nested th {
    color: var(--_muted);
    font-weight: 600;
  }
  dl.fields dl.fields {
    margin-block: 2px;
  }
  .conflict {
    border: 1px solid var(--_warning);
    border-radius: var(--_radius);
    padding: var(--_space);
    margin-block: var(--_space);
  }
  p.notice {
    border-inline-start: 3px solid var(--_warning);
    padding-inline-start: var(--_space);
  }
  .conflict h3 {
    font-size: 1em;
    margin: 0 0 4px;
  }
  button[aria-pressed='true'] {
    border-color: var(--_accent);
    font-weight: 600;
  }
  fieldset.group {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    margin: var(--_space) 0 0;
    padding: var(--_space);
  }
  fieldset.group legend {
    color: var(--_muted);
    padding: 0 4px;
  }
  label.check {
    flex-direction: row;
    align-items: center;
    gap: 6px;
  }
  /* A widget's own control (a code editor) takes the form's whole width, its label above it. */
  .custom-field {
    grid-column: 1 / -1;
    display: flex;
    flex-direction: column;
    gap: 2px;
    min-inline-size: 0;
  }
  .custom-field > .field-label {
    color: var(--_muted);
    font-size: 0.9em;
  }
  .hint {
    color: var(--_muted);
    font-size: 0.85em;
    margin: 0;
  }
  dl.fields dd {
    min-inline-size: 0;
  }
  .field-error {
    color: var(--_danger);
    font-size: 0.9em;
  }
  [aria-invalid='true'] {
    border-color: var(--_danger);
  }
  form + .actions,
  form .actions {
    margin-top: calc(var(--_space) * 1.5);
  }
  textarea {
    width: 100%;
    resize: vertical;
  }
  meter {
    inline-size: 6rem;
  }
`;
