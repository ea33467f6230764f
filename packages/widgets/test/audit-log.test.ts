import { expect } from '@open-wc/testing';
import { PreconditionFailedError } from '@fco-admin/sdk';
import { LICENSEE, apiAs, applyFilter, createCustomer, dataRows, inShadow, mount, openDetail, rowTexts, tableOf, unique, unmountAll, waitFor, waitForRows } from './support/harness.js';
import type { FcoAuditLog } from '../src/audit/audit-log.js';

afterEach(unmountAll);

describe('<fco-audit-log>', () => {
  it('shows a write made through the API, and a refused one with its request id and problem code', async () => {
    const api = await apiAs(LICENSEE);
    const customer = await createCustomer(api, unique('Audited'));
    const refused = await api.customers
      .update({ customerId: customer.id, ifMatch: '"stale"', body: { vatNumber: 'GB1' } })
      .then(() => undefined, (error: unknown) => error);
    expect(refused).to.be.instanceOf(PreconditionFailedError);
    const requestId = (refused as PreconditionFailedError).requestId;
    expect(requestId).to.not.equal('');

    const provider = await mount('<fco-audit-log></fco-audit-log>');
    const widget = provider.querySelector('fco-audit-log') as FcoAuditLog;
    const table = tableOf(await waitFor(() => inShadow(widget, 'fco-data-table') && widget, 'the table'));
    await waitForRows(table);

    // The create, found by its operation: newest first, succeeded, naming the customer it made.
    await applyFilter(table, { operationId: 'createCustomer', outcome: 'SUCCEEDED' });
    const created = await waitFor(() => dataRows(table).find((r) => r.textContent?.includes(customer.id)), 'the created customer');
    expect(created.textContent).to.contain('Succeeded');
    expect(rowTexts(table).every((text) => text.includes('createCustomer') && text.includes('Succeeded'))).to.equal(true);

    // The refused update: failed, with the request id the client saw and the problem's code.
    await applyFilter(table, { operationId: 'updateCustomer', outcome: 'FAILED' });
    await waitFor(() => rowTexts(table)[0]?.includes('Failed') && rowTexts(table).every((text) => text.includes('updateCustomer')), 'the refused update');
    const row = await waitFor(() => dataRows(table)[0], 'a row');
    expect(row.textContent).to.contain(LICENSEE);
    const detail = await openDetail(widget, row);
    expect(detail.querySelector('[data-field="requestId"]')?.textContent?.trim()).to.equal(requestId);
    expect(detail.querySelector('[data-field="problemCode"]')?.textContent?.trim()).to.equal('precondition_failed');
    expect(detail.querySelector('[data-field="objectId"]')?.textContent?.trim()).to.equal(customer.id);
    // Read only: the record offers no action.
    expect(detail.querySelectorAll('[data-action]:not([data-action="close"])')).to.have.length(0);
  });
});
