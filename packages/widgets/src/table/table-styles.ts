import { css } from 'lit';

export const tableStyles = css`
  :host {
    --_row-height: 32px;
    --_body-height: var(--fco-table-height, 420px);
  }
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
    align-items: flex-end;
    margin-bottom: var(--_space);
  }
  form.filters {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
    align-items: flex-end;
  }
  fieldset {
    border: none;
    padding: 0;
    margin: 0;
    display: flex;
    gap: 4px;
    align-items: flex-end;
  }
  legend {
    color: var(--_muted);
    font-size: 0.9em;
    padding: 0;
  }
  .summary {
    color: var(--_muted);
    margin-inline-start: auto;
  }
  details.columns {
    position: relative;
  }
  details.columns > summary {
    cursor: pointer;
    padding: 4px 8px;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    list-style: none;
  }
  details.columns .menu {
    position: absolute;
    z-index: 2;
    inset-inline-end: 0;
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: var(--_space);
    display: flex;
    flex-direction: column;
    gap: 4px;
    min-width: 12rem;
  }
  details.columns .menu label {
    flex-direction: row;
    gap: 6px;
    color: var(--_text);
  }
  .scroll-x {
    overflow-x: auto;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  [role='grid'] {
    min-width: 100%;
    width: max-content;
  }
  .row {
    display: grid;
    grid-template-columns: var(--_columns);
    align-items: center;
    height: var(--_row-height);
    width: 100%;
    border-bottom: 1px solid var(--_border);
    cursor: default;
  }
  .head .row {
    background: var(--_surface);
    font-weight: 600;
  }
  .body {
    height: min(var(--_body-height), var(--_content-height, var(--_body-height)));
    overflow-y: auto;
    overflow-x: hidden;
    position: relative;
  }
  .canvas {
    position: relative;
    overflow: hidden;
  }
  .canvas > .rows {
    position: absolute;
    inset-inline: 0;
    top: 0;
    will-change: transform;
  }
  .body .row:hover {
    background: var(--_surface);
  }
  .row[aria-selected='true'] {
    background: color-mix(in srgb, var(--_accent) 14%, var(--_bg));
  }
  .cell {
    padding: 0 var(--_space);
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
    min-width: 0;
    height: 100%;
    display: flex;
    align-items: center;
  }
  /* A body cell is a block whose text sits on one line as tall as the row: it ellipsises its own text, so a row
     is its cells and their values, the fewest elements to style and lay out for a screenful. (A flex cell cannot
     ellipsise bare text.) Its own paragraph keeps a server text's direction overrides (U+202E) inside it. */
  .body .cell {
    display: block;
    line-height: calc(var(--_row-height) - 1px);
    unicode-bidi: isolate;
  }
  .body .cell.end {
    text-align: end;
  }
  .body .cell.check {
    text-align: center;
  }
  .body .cell > * {
    vertical-align: middle;
    line-height: normal;
  }
  /* Header labels sit in a span that can ellipsise in the flex header cell (a long header in a narrow end-aligned
     column would otherwise spill over its neighbour). */
  .cell > span.text {
    min-width: 0;
    overflow: hidden;
    text-overflow: ellipsis;
    /* Server text may carry direction overrides (U+202E); they stay inside the cell's own text. */
    unicode-bidi: isolate;
  }
  .cell:focus-visible {
    outline-offset: -2px;
  }
  .cell.check {
    justify-content: center;
  }
  .cell.end {
    justify-content: flex-end;
    font-variant-numeric: tabular-nums;
  }
  [role='columnheader'] button {
    background: none;
    border: none;
    padding: 0;
    font-weight: inherit;
    display: inline-flex;
    gap: 4px;
    align-items: center;
    min-width: 0;
    max-width: 100%;
  }
  [role='columnheader'] button > span.text {
    min-width: 0;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .sort-indicator {
    color: var(--_muted);
    font-size: 0.8em;
  }
  .cap-notice {
    color: var(--_warning);
    padding: 4px var(--_space);
  }
  .tree-body .row {
    cursor: pointer;
  }
  .tree-body .row:hover {
    background: var(--_surface);
  }
  .tree-body .row:focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: -2px;
  }
  .indent {
    flex: none;
    inline-size: calc(var(--_level, 0) * 1.25rem);
  }
  .expander {
    flex: none;
    inline-size: 1.75rem;
    margin-inline-end: 4px;
  }
  /* Loading rows as the table's cells would show them: a row line every row, and in every column a bar in every
     row, painted by the columns' backgrounds. */
  .loading-rows {
    display: grid;
    grid-template-columns: var(--_columns);
    height: 100%;
    background: linear-gradient(to bottom, transparent calc(var(--_row-height) - 1px), var(--_border) 0) 0 0 /
      100% var(--_row-height);
  }
  .loading-rows > span {
    --_bar-top: calc((var(--_row-height) - 1px - 0.9em) / 2);
    /* The bar's place across the column, in the page's direction: at the start of the column's values, or at their end. */
    --_bar-at: var(--_space);
    background: linear-gradient(
        to bottom,
        transparent var(--_bar-top),
        var(--_surface) 0 calc(var(--_bar-top) + 0.9em),
        transparent 0
      )
      var(--_bar-at) 0 / calc(70% - var(--_space)) var(--_row-height) repeat-y;
  }
  .loading-rows > span.end,
  :host(:dir(rtl)) .loading-rows > span:not(.end) {
    --_bar-at: calc(100% - var(--_space));
  }
  :host(:dir(rtl)) .loading-rows > span.end {
    --_bar-at: var(--_space);
  }
  .row .skeleton {
    display: inline-block;
    width: 70%;
    animation: none;
  }
`;
