import { css } from 'lit';

/** The reports widget's layout: the report choice and its inputs, then the chart beside its table (stacked when narrow). */
export const reportStyles = css`
  .report-head {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space) calc(var(--_space) * 2);
    align-items: end;
  }
  .report-head .description {
    flex: 1 1 20rem;
    margin: 0;
  }
  /* Names and descriptions from the catalogue wrap, and a choice is never wider than the widget, whatever they hold. */
  .report-head,
  .report-inputs {
    overflow-wrap: anywhere;
    min-inline-size: 0;
  }
  .report-head > *,
  select {
    min-inline-size: 0;
    max-inline-size: 100%;
  }
  .report-inputs {
    margin-top: var(--_space);
  }
  .picker {
    display: flex;
    flex-wrap: wrap;
    gap: 4px;
  }
  .picker > * {
    flex: 1 1 10rem;
    min-inline-size: 0;
  }
  .picker > .hint {
    flex-basis: 100%;
    margin: 0;
    color: var(--_muted);
  }
  .report-result {
    margin-top: calc(var(--_space) * 1.5);
  }
  .chart-controls {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space) calc(var(--_space) * 2);
    align-items: end;
    margin-bottom: var(--_space);
  }
  .segmented {
    display: inline-flex;
  }
  .segmented button {
    border-radius: 0;
    margin-inline-start: -1px;
  }
  .segmented button:first-child {
    border-start-start-radius: var(--_radius);
    border-end-start-radius: var(--_radius);
    margin-inline-start: 0;
  }
  .segmented button:last-child {
    border-start-end-radius: var(--_radius);
    border-end-end-radius: var(--_radius);
  }
  .segmented button[aria-pressed='true'] {
    background: var(--_accent);
    color: var(--_on-accent);
    border-color: var(--_accent);
    position: relative;
  }
  .generated {
    margin-inline-start: auto;
    font-size: 0.85em;
  }
  .banner {
    border: 1px solid var(--_warning);
    border-radius: var(--_radius);
    color: var(--_warning);
    padding: 4px var(--_space);
    margin: 0 0 var(--_space);
  }
  .result-grid {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 26rem), 1fr));
    gap: calc(var(--_space) * 2);
    align-items: start;
  }
  figure.chart {
    margin: 0;
    min-inline-size: 0;
  }
  .chart-box {
    position: relative;
    block-size: var(--fco-chart-height, 20rem);
  }
  .table-box {
    min-inline-size: 0;
  }
  .table-scroll {
    overflow: auto;
    max-block-size: var(--fco-chart-height, 20rem);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  table.result-table {
    border-collapse: collapse;
    inline-size: 100%;
    font-variant-numeric: tabular-nums;
  }
  table.result-table th,
  table.result-table td {
    padding: 3px var(--_space);
    border-bottom: 1px solid var(--_border);
    text-align: start;
  }
  table.result-table td {
    overflow-wrap: anywhere;
    min-inline-size: 6rem;
  }
  table.result-table .number {
    text-align: end;
    white-space: nowrap;
  }
  /* A date breaks between its words at most ("1 Aug / 2026"), never inside one ("01.08.202 / 6"). */
  table.result-table td.date {
    overflow-wrap: normal;
  }
  table.result-table thead th {
    position: sticky;
    top: 0;
    background: var(--_surface);
    color: var(--_muted);
    font-weight: 600;
  }
  .unit {
    font-weight: normal;
  }
  .more {
    display: flex;
    gap: var(--_space);
    align-items: center;
    flex-wrap: wrap;
  }
`;
