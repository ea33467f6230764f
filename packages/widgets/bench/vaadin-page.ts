/**
 * The baseline side of table.bench.ts: vaadin-grid 25 paging the same server through the SDK, sorted by organisation
 * name, 100 rows a page, showing the columns fco-customers shows by default (values unformatted), with the session
 * token the page came with. Same page contract as fco-page.ts (`benchFirstRows` once its first row is painted with
 * its data, `benchReady`, `benchJump()` by scrollToIndex, `benchJumpMs` once the last row is painted with its data).
 */
import '@vaadin/grid/vaadin-grid.js';
import '@vaadin/grid/vaadin-grid-column.js';
import '@vaadin/grid/vaadin-grid-selection-column.js';
import type { Grid } from '@vaadin/grid';
import { createClient } from '@fco-admin/sdk';
import type { Customer, SessionToken } from '../src/api/types.js';
import { listRequestPhases, type RequestPhases } from './phases.js';
import { firstContentfulPaint, untilPainted } from './painted.js';

type Row = Customer;

const started = performance.now();
const client = createClient({ baseUrl: location.origin, auth: window.benchGrant.token });

const grid = document.createElement('vaadin-grid') as Grid<Row>;
// The columns fco-customers shows by default, with a selection column as it has.
grid.append(document.createElement('vaadin-grid-selection-column'));
for (const path of ['organisationName', 'email', 'status', 'balance.amount', 'userCount', 'createdAt']) {
  const column = document.createElement('vaadin-grid-column');
  column.setAttribute('path', path);
  grid.append(column);
}
let total = 0;
let firstName: string | undefined;
let lastName: string | undefined;
grid.pageSize = 100;
grid.dataProvider = (params, callback) => {
  void client.customers
    .list({ orderBy: 'organisationName', offset: params.page * params.pageSize, pageSize: params.pageSize })
    .then((page) => {
      total = page.totalSize;
      if (params.page === 0) firstName = page.items[0]?.organisationName;
      const lastIndex = total - 1 - params.page * params.pageSize;
      if (lastIndex >= 0 && lastIndex < page.items.length) lastName = page.items[lastIndex]!.organisationName;
      callback(page.items, page.totalSize);
    });
};
document.body.append(grid);

const shows = (text: string | undefined) =>
  text !== undefined && [...grid.querySelectorAll('vaadin-grid-cell-content')].some((cell) => cell.textContent?.trim() === text);

// Its first row, not any cell: the header's cells have text (made from each column's path) before the first page.
untilPainted(() => shows(firstName), started, (ms) => {
  window.benchFirstRows = ms;
  window.benchReady = true;
});

window.benchPhases = () => listRequestPhases(started);
window.benchFirstPaint = () => firstContentfulPaint(started);

window.benchJump = () => {
  const jumpStarted = performance.now();
  grid.scrollToIndex(total - 1);
  untilPainted(() => shows(lastName), jumpStarted, (ms) => {
    window.benchJumpMs = ms;
  });
};

declare global {
  interface Window {
    benchGrant: SessionToken;
    benchReady: boolean;
    benchFirstRows: number;
    benchPhases: () => RequestPhases | null;
    benchFirstPaint: () => number | null;
    benchJump: () => void;
    benchJumpMs: number;
  }
}
