import { expect } from '@open-wc/testing';
import { LICENSEE, apiAs, createCustomer, dataRows, inShadow, mount, openDetail, press, rowTexts, tableOf, unique, unmountAll, waitFor, waitForRows } from './support/harness.js';
import type { FcoUsers } from '../src/users/users.js';

afterEach(unmountAll);

describe('<fco-users>', () => {
  it('lists one customer’s users with customer-id, and locks and unlocks a user (verified through the API)', async () => {
    const api = await apiAs(LICENSEE);
    const customer = await createCustomer(api, unique('Users of'));
    const provider = await mount(`<fco-users customer-id="${customer.id}"></fco-users>`);
    const widget = provider.querySelector('fco-users') as FcoUsers;
    const table = tableOf(await waitFor(() => inShadow(widget, 'fco-data-table') && widget, 'the table'));
    await waitForRows(table);
    expect(dataRows(table)).to.have.length(1);
    expect(rowTexts(table)[0]).to.contain('Test');
    const dialog = await openDetail(widget, dataRows(table)[0]!);
    const locked = () => dialog.querySelector('[data-field="locked"]')?.textContent?.trim();
    expect(locked()).to.equal('No');
    expect(Boolean(dialog.querySelector('[data-action="user-unlock"]'))).to.equal(false);
    await press(dialog, 'user-lock');
    await waitFor(() => locked() === 'Yes', 'locked');
    const users = await api.users.list({ filter: `customerId = "${customer.id}"` });
    expect(users.items[0]!.locked).to.equal(true);
    await press(dialog, 'user-unlock');
    await waitFor(() => locked() === 'No', 'unlocked');
    expect((await api.users.get({ userId: users.items[0]!.id })).locked).to.equal(false);
    // The customer's only admin cannot stop being one: the server says why, and the flag stays.
    expect(users.items[0]!.admin).to.equal(true);
    await press(dialog, 'user-admin');
    const refusal = await waitFor(() => dialog.querySelector('.error-text[role="alert"]'), 'the refusal');
    expect(refusal.textContent).to.match(/admin/i);
    expect((await api.users.get({ userId: users.items[0]!.id })).admin).to.equal(true);
  });

  it('lists all users in scope without customer-id', async () => {
    const api = await apiAs(LICENSEE);
    const all = await api.users.list({ pageSize: 1 });
    const provider = await mount('<fco-users></fco-users>');
    const widget = provider.querySelector('fco-users') as FcoUsers;
    const table = tableOf(await waitFor(() => inShadow(widget, 'fco-data-table') && widget, 'the table'));
    await waitForRows(table);
    await waitFor(() => table.totalSize === all.totalSize, 'the total');
  });
});
