/**
 * The fco-customers side of table.bench.ts: a provider and the Customers widget on a page of the API's origin. Sets
 * `benchFirstRows` (ms from the widget's creation to its first data rows painted, with the session the page came with) and
 * `benchReady`, and offers `benchJump()`, which presses Ctrl+End in the grid and sets `benchJumpMs` once the last row
 * is painted with its data.
 */
import '../src/define-all.js';
import type { SessionToken } from '../src/api/types.js';
import { listRequestPhases, type RequestPhases } from './phases.js';
import { firstContentfulPaint, untilPainted } from './painted.js';

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

// The session the page came with (a host's portal signs in before it serves the page), then fresh ones.
let grant: SessionToken | undefined = window.benchGrant;
const signIn = async (): Promise<SessionToken> => {
  const ready = grant;
  grant = undefined;
  if (ready) return ready;
  return (await fetch('/v1/sessions', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'admin@licensee.demo', password: 'demo-password' }),
  })).json();
};

const started = performance.now();
const provider = document.createElement('fco-admin-provider') as HTMLElement & { baseUrl: string; fetchSessionToken: typeof signIn };
provider.baseUrl = location.origin;
provider.fetchSessionToken = signIn;
const widget = document.createElement('fco-customers');
provider.append(widget);
document.body.append(provider);

const table = () => widget.shadowRoot?.querySelector('fco-data-table')?.shadowRoot ?? null;
const dataRows = (selector = '') => table()?.querySelectorAll(`.body [role="row"][data-key]${selector}`) ?? [];

untilPainted(() => dataRows().length > 0, started, (ms) => {
  window.benchFirstRows = ms;
  window.benchReady = true;
});

window.benchPhases = () => listRequestPhases(started);
window.benchFirstPaint = () => firstContentfulPaint(started);

window.benchJump = () => {
  const root = table()!;
  const total = Number(root.querySelector('[role="grid"]')!.getAttribute('aria-rowcount')) - 1;
  const cell = root.querySelector<HTMLElement>('.body [role="gridcell"][tabindex="0"]')!;
  cell.focus();
  const jumpStarted = performance.now();
  cell.dispatchEvent(new KeyboardEvent('keydown', { key: 'End', ctrlKey: true, bubbles: true, composed: true, cancelable: true }));
  untilPainted(() => dataRows(`[aria-rowindex="${total + 1}"]`).length > 0, jumpStarted, (ms) => {
    window.benchJumpMs = ms;
  });
};
