import { expect } from '@open-wc/testing';
import { LICENSEE, inShadow, mount, tableOf, unmountAll, waitFor, waitForRows } from './support/harness.js';

afterEach(unmountAll);

/** axe runs on the widget's light DOM and follows open shadow roots. */
async function expectAccessible(element: Element) {
  await expect(element).to.be.accessible();
}

describe('accessibility (axe)', () => {
  // Every registered widget, with rows, its detail open, empty, error and forbidden: see registry.test.ts.

  it('fco-admin-page has no violations, also while customising', async () => {
    const provider = await mount('<fco-admin-page></fco-admin-page>', { email: LICENSEE });
    const page = provider.querySelector('fco-admin-page')!;
    await waitFor(() => inShadow(page, '[role="tablist"]'), 'the tabs');
    const table = tableOf(await waitFor(() => inShadow(page, 'fco-customers')?.shadowRoot?.querySelector('fco-data-table') && inShadow(page, 'fco-customers'), 'customers'));
    await waitForRows(table);
    await expectAccessible(page);
    inShadow<HTMLButtonElement>(page, '[data-action="customise"]')!.click();
    await waitFor(() => inShadow(page, '[part="toolbar"]'), 'the toolbar');
    await expectAccessible(page);
  });

  it('the empty and error states have no violations', async () => {
    const provider = await mount('<fco-customers></fco-customers>', { email: LICENSEE });
    const widget = provider.querySelector('fco-customers')!;
    const table = tableOf(await waitFor(() => inShadow(widget, 'fco-data-table') && widget, 'the table'));
    await waitForRows(table);
    const field = inShadow<HTMLInputElement>(table, 'form.filters [data-filter="q"]')!;
    field.value = 'nothing-matches-this-at-all';
    field.dispatchEvent(new Event('input'));
    inShadow<HTMLButtonElement>(table, 'form.filters button[type="submit"]')!.click();
    await waitFor(() => inShadow(table, '[data-state="empty"]'), 'empty');
    await expectAccessible(widget);
  });
});
