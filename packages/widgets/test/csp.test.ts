/**
 * Runs on a page whose Content-Security-Policy is `script-src 'self'; style-src 'self'` (no 'unsafe-inline', no
 * 'unsafe-eval'; see the `csp` group in web-test-runner.config.mjs). Any inline style attribute or injected <style>
 * would be blocked and reported as a securitypolicyviolation.
 */
import { expect } from '@open-wc/testing';
import { Chart } from 'chart.js';
import { LICENSEE, applyFilter, dataRows, deepInShadows, inShadow, mount, tableOf, unmountAll, waitFor, waitForRows } from './support/harness.js';

afterEach(unmountAll);

describe('under a strict CSP', () => {
  it('the page really forbids inline styles', async () => {
    expect(document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content')).to.contain("style-src 'self'");
    const probe = document.createElement('div');
    probe.innerHTML = '<span style="color: rgb(1, 2, 3)">x</span>';
    document.body.append(probe);
    expect(getComputedStyle(probe.firstElementChild!).color).to.not.equal('rgb(1, 2, 3)');
    probe.remove();
  });

  const violations: string[] = [];
  before(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      violations.push(`${e.violatedDirective} ${e.sourceFile}:${e.lineNumber} ${e.sample}`),
    );
  });

  /**
   * Violation reports arrive asynchronously, in order. A marker violation made now arrives after every report of
   * what happened before it, so once it is there the list is complete; resolves to the reports before the marker.
   */
  async function violationsSoFar(): Promise<string[]> {
    const marker = `marker-${Math.random().toString(36).slice(2)}`;
    const probe = document.createElement('div');
    probe.innerHTML = `<span style="--${marker}: 1"></span>`;
    document.body.append(probe);
    await waitFor(() => violations.some((v) => v.includes(marker)), 'the marker violation');
    probe.remove();
    const index = violations.findIndex((v) => v.includes(marker));
    const before = violations.slice(0, index).filter((v) => !v.includes('marker-'));
    violations.length = 0;
    return before;
  }

  beforeEach(async () => {
    await violationsSoFar(); // the probe's own report, and any other earlier one, out of the way
  });

  it('renders, styles and operates the widgets without a single violation', async () => {
    const provider = await mount('<fco-customers></fco-customers><fco-users></fco-users><fco-pending-customers></fco-pending-customers>', { email: LICENSEE });
    provider.appearance = { colorScheme: 'dark' };
    const customers = provider.querySelector('fco-customers')!;
    const table = tableOf(await waitFor(() => inShadow(customers, 'fco-data-table') && customers, 'the table'));
    await waitForRows(table);
    // Styles from adopted stylesheets apply (the header has the dark surface colour).
    expect(getComputedStyle(inShadow(table, '.head .row')!).backgroundColor).to.equal('rgb(34, 38, 44)');
    await applyFilter(table, { status: 'ACTIVE' });
    await waitFor(() => dataRows(table).length > 0, 'filtered rows');
    dataRows(table)[0]!.querySelector<HTMLElement>('[role="gridcell"]')!.click();
    await waitFor(() => inShadow(customers, 'dialog[open]'), 'the dialog');
    for (const tag of ['fco-users', 'fco-pending-customers']) {
      const widget = provider.querySelector(tag)!;
      await waitForRows(tableOf(await waitFor(() => inShadow(widget, 'fco-data-table') && widget, tag)));
    }
    expect(await violationsSoFar()).to.deep.equal([]);
  });

  it('renders the container and its customisation toolbar without a single violation', async () => {
    const provider = await mount('<fco-admin-page></fco-admin-page>', { email: LICENSEE });
    const page = provider.querySelector('fco-admin-page')!;
    await waitFor(() => inShadow(page, '[role="tablist"]'), 'the tabs');
    await waitFor(() => inShadow(page, 'fco-customers'), 'customers');
    inShadow<HTMLButtonElement>(page, '[data-action="customise"]')!.click();
    await waitFor(() => inShadow(page, '[part="toolbar"]'), 'the toolbar');
    expect(await violationsSoFar()).to.deep.equal([]);
  });

  it('loads the code editor and the charts lazily and styles them (adopted stylesheets) without a single violation', async () => {
    const provider = await mount('<fco-fdl-code-blocks></fco-fdl-code-blocks><fco-reports report="resource-counts"></fco-reports>', { email: LICENSEE });
    provider.appearance = { colorScheme: 'dark' };
    const blocks = provider.querySelector('fco-fdl-code-blocks')!;
    const table = tableOf(await waitFor(() => inShadow(blocks, 'fco-data-table') && blocks, 'the code blocks'));
    await waitForRows(table);
    dataRows(table)[0]!.querySelector<HTMLElement>('[role="gridcell"]')!.click();
    const dialog = await waitFor(() => inShadow<HTMLDialogElement>(blocks, 'dialog[open]'), 'the dialog');
    const edit = await waitFor(() => {
      const button = dialog.querySelector<HTMLButtonElement>('[data-action="fdl-code-block-edit"]');
      return button && !button.disabled ? button : undefined;
    }, 'the edit action');
    edit.click();
    const editor = await waitFor(() => dialog.querySelector<HTMLElement>('form .cm-editor'), 'the code editor');
    await waitFor(() => dialog.querySelector('.code-findings p, .code-findings li'), 'the server’s check shown');
    // CodeMirror's styles came as adopted stylesheets of the widget's shadow root: its layout and the dark theme apply.
    expect(getComputedStyle(editor).display).to.equal('flex');
    expect(getComputedStyle(editor.querySelector('.cm-gutters')!).backgroundColor).to.equal('rgb(34, 38, 44)');
    expect(blocks.shadowRoot!.adoptedStyleSheets.length).to.be.greaterThan(2);

    const reports = provider.querySelector('fco-reports')!;
    const canvas = await waitFor(() => inShadow<HTMLCanvasElement>(reports, 'canvas[part="chart"]'), 'the chart');
    await waitFor(() => Chart.getChart(canvas) && canvas.width > 0, 'the chart drawn');
    const styleElements = [...document.querySelectorAll('style'), ...[blocks, reports].flatMap((w) => deepInShadows(w, 'style'))];
    expect(styleElements.map((e) => e.outerHTML.slice(0, 80)), 'no <style> element anywhere').to.deep.equal([]);
    expect(await violationsSoFar()).to.deep.equal([]);
  });
});
