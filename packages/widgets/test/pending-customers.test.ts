import { expect } from '@open-wc/testing';
import { LICENSEE, apiAs, applyFilter, dataRows, inShadow, mount, openDetail, press, rowTexts, tableOf, unique, unmountAll, signUpPending, waitFor, waitForRows } from './support/harness.js';
import type { FcoPendingCustomers } from '../src/pending-customers/pending-customers.js';
import type { FcoCustomers } from '../src/customers/customers.js';

afterEach(unmountAll);

async function openPending(widget: FcoPendingCustomers, name: string) {
  const table = tableOf(widget);
  await applyFilter(table, { q: name });
  await waitFor(() => dataRows(table).length === 1, `the pending customer ${name}`);
  const dialog = await openDetail(widget, dataRows(table)[0]!);
  return { table, dialog };
}

describe('<fco-pending-customers>', () => {
  it('lists only customers awaiting approval and exposes the count', async () => {
    const api = await apiAs(LICENSEE);
    await signUpPending(unique('Counted'));
    const expected = await api.customers.list({ filter: 'status = PENDING_APPROVAL', pageSize: 1 });
    const provider = await mount('<fco-pending-customers></fco-pending-customers>');
    const widget = provider.querySelector('fco-pending-customers') as FcoPendingCustomers;
    const counts: number[] = [];
    widget.addEventListener('fco-count-changed', (e) => counts.push(e.count));
    await waitFor(() => inShadow(widget, 'fco-data-table'), 'the table');
    await waitForRows(tableOf(widget));
    await waitFor(() => widget.count === expected.totalSize, 'the count');
    expect(counts.at(-1) ?? widget.count).to.equal(expected.totalSize);
    expect(rowTexts(tableOf(widget)).length).to.be.greaterThan(0);
    expect(inShadow(tableOf(widget), '[role="columnheader"][aria-sort]')?.textContent).to.contain('Organisation');
  });

  it('approves end to end: the customer leaves the list and is ACTIVE in <fco-customers>', async () => {
    const name = unique('Approve me');
    const id = await signUpPending(name);
    const provider = await mount('<fco-pending-customers></fco-pending-customers><fco-customers></fco-customers>');
    const widget = provider.querySelector('fco-pending-customers') as FcoPendingCustomers;
    await waitFor(() => inShadow(widget, 'fco-data-table'), 'the table');
    const before = await waitFor(() => widget.count, 'the count');
    // <fco-customers> on the same page shows the customer as awaiting approval…
    const customers = provider.querySelector('fco-customers') as FcoCustomers;
    const customersTable = tableOf(await waitFor(() => inShadow(customers, 'fco-data-table') && customers, 'customers'));
    await waitForRows(customersTable);
    await applyFilter(customersTable, { q: name });
    await waitFor(() => rowTexts(customersTable)[0]?.includes('Awaiting approval'), 'the customer awaiting approval');

    const { table, dialog } = await openPending(widget, name);
    await press(dialog, 'approve');
    expect(dialog.textContent).to.contain(`Approve \u2068${name}\u2069?`);
    await press(dialog, 'confirm');
    await waitFor(() => !dialog.open, 'the dialog to close');
    await waitFor(() => inShadow(table, '[data-state="empty"]'), 'the row to leave the list');

    const api = await apiAs(LICENSEE);
    expect((await api.customers.get({ customerId: id })).status).to.equal('ACTIVE');
    // …and, without any reload by the host, ACTIVE once approved.
    await waitFor(() => rowTexts(customersTable)[0]?.includes('Active'), 'the customer ACTIVE in <fco-customers>');
    // Clearing the filter makes the count the whole list again, one fewer.
    inShadow<HTMLButtonElement>(table, 'form.filters button[type="button"]')!.click();
    await waitFor(() => widget.count === before - 1, 'the count to drop by one');
  });

  it('rejects with a reason end to end (CLOSED, reason stored)', async () => {
    const name = unique('Reject me');
    const id = await signUpPending(name);
    const provider = await mount('<fco-pending-customers></fco-pending-customers>');
    const widget = provider.querySelector('fco-pending-customers') as FcoPendingCustomers;
    await waitFor(() => inShadow(widget, 'fco-data-table'), 'the table');
    const { table, dialog } = await openPending(widget, name);
    await press(dialog, 'reject');
    const reason = await waitFor(() => dialog.querySelector<HTMLTextAreaElement>('textarea[data-field="reason"]'), 'the reason');
    // A rejection needs a reason: the form does not go on without one.
    await press(dialog, 'save');
    expect(reason.matches(':invalid')).to.equal(true);
    expect(Boolean(dialog.querySelector('[data-action="confirm"]'))).to.equal(false);
    reason.value = 'Could not verify the company.';
    reason.dispatchEvent(new Event('input'));
    await press(dialog, 'save');
    await press(dialog, 'confirm');
    await waitFor(() => inShadow(table, '[data-state="empty"]'), 'the row to leave the list');
    const api = await apiAs(LICENSEE);
    const rejected = await api.customers.get({ customerId: id });
    expect(rejected.status).to.equal('CLOSED');
    expect(rejected.rejectionReason).to.equal('Could not verify the company.');
  });

  it('lets the host veto an approval (cancelable fco-action): nothing is sent', async () => {
    const name = unique('Vetoed');
    const id = await signUpPending(name);
    const provider = await mount('<fco-pending-customers></fco-pending-customers>');
    provider.addEventListener('fco-action', (e) => e.preventDefault());
    const widget = provider.querySelector('fco-pending-customers') as FcoPendingCustomers;
    await waitFor(() => inShadow(widget, 'fco-data-table'), 'the table');
    const { dialog } = await openPending(widget, name);
    const done: string[] = [];
    provider.addEventListener('fco-action-done', (e) => done.push(e.action.type));
    await press(dialog, 'approve');
    await press(dialog, 'confirm');
    // The veto happens before anything is sent: the confirmation stays, enabled, and no action completes.
    expect(dialog.querySelector<HTMLButtonElement>('[data-action="confirm"]')!.disabled).to.equal(false);
    expect(done).to.deep.equal([]);
    const api = await apiAs(LICENSEE);
    expect((await api.customers.get({ customerId: id })).status).to.equal('PENDING_APPROVAL');
  });
});
