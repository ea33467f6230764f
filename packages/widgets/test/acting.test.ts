/**
 * The widgets that act, end to end against the real server and verified through the API: create, edit (nested
 * objects, rows, locked fields), delete, and the domain actions of Customers, Images, Billing and Platform; the
 * server's messages where it refuses.
 */
import { expect } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import {
  ALPHA,
  LICENSEE,
  apiAs,
  apiUrl,
  applyFilter,
  createCustomer,
  dataRows,
  fill,
  inShadow,
  login,
  mount,
  mountWidget,
  openOnly,
  press,
  rowTexts,
  tableOf,
  unique,
  unmountAll,
  waitFor,
  waitForRows,
} from './support/harness.js';
import { createClient } from '@fco-admin/sdk';
import type { LitElement } from 'lit';
import type { FcoAdminProvider } from '../src/provider/admin-provider.js';

afterEach(unmountAll);

/** The dialog a widget opened (its create form, or a record). */
const dialogOf = (widget: Element) => waitFor(() => inShadow<HTMLDialogElement>(widget, 'dialog[open]'), 'the dialog');

describe('acting widgets', () => {
  it('fco-customers: creates a customer with its first admin, edits its address and limits, deletes it (kept as DELETED)', async () => {
    const api = await apiAs(LICENSEE);
    const name = unique('Created');
    const slug = name.split(' ')[1]!;
    const { widget } = await mountWidget('fco-customers');
    inShadow<HTMLButtonElement>(widget, '.widget-actions [data-action="customer-create"]')!.click();
    let dialog = await dialogOf(widget);
    await fill(dialog, {
      organisationName: name,
      email: `billing-${slug}@acting.example`,
      'adminUser/firstName': 'Ada',
      'adminUser/lastName': 'Admin',
      'adminUser/email': `ada-${slug}@acting.example`,
      'limits/maxServers': '7',
    });
    await press(dialog, 'save');
    await waitFor(() => dialog.querySelector('h2')?.textContent === name, 'the new customer shown');
    const created = (await api.customers.list({ filter: `organisationName = "${name}"` })).items[0]!;
    expect(created.limits.maxServers).to.equal(7);
    expect((await api.users.list({ filter: `customerId = "${created.id}"` })).items.map((u) => u.email)).to.deep.equal([`ada-${slug}@acting.example`]);

    // An active offer of the licensee's, picked by name.
    const offer = (await api.productOffers.list({ filter: `active = true AND billingEntityId = "${created.billingEntityId}"`, pageSize: 1 })).items[0]!;
    await press(dialog, 'customer-edit');
    await waitFor(() => dialog.querySelector(`form [data-field="productOfferId"] option[value="${offer.id}"]`)?.textContent?.includes(offer.name), 'offers by name');
    await fill(dialog, { 'address/city': 'Edinburgh', 'address/country': 'GB', 'limits/maxUsers': '3', productOfferId: offer.id });
    await press(dialog, 'save');
    await waitFor(() => dialog.querySelector('[data-action="customer-edit"]'), 'back to the record');
    const edited = await api.customers.get({ customerId: created.id });
    expect(edited.address?.city).to.equal('Edinburgh');
    expect(edited.limits.maxUsers).to.equal(3);
    expect(edited.limits.maxServers).to.equal(7, 'the other limits are untouched');
    expect(edited.productOfferId).to.equal(offer.id);

    await press(dialog, 'customer-delete');
    await press(dialog, 'confirm');
    await waitFor(() => !dialog.open, 'the dialog closes');
    // Marked DELETED and gone from lists (the spec's deleteCustomer).
    expect((await api.customers.list({ filter: `organisationName = "${name}"` })).items).to.deep.equal([]);
    // The browser refuses a bad value before anything is sent: nothing is lost, the field says why.
    inShadow<HTMLButtonElement>(widget, '.widget-actions [data-action="customer-create"]')!.click();
    dialog = await dialogOf(widget);
    await fill(dialog, { organisationName: unique('Refused'), email: 'not-an-email' });
    await press(dialog, 'save');
    expect(dialog.querySelector<HTMLInputElement>('form [data-field="email"]')!.matches(':invalid')).to.equal(true);
  });

  it('fco-users: creates a user for the customer it lists, edits the name, refuses to delete the last admin with the server’s reason, deletes another', async () => {
    const api = await apiAs(LICENSEE);
    const customer = await createCustomer(api, unique('Users of'));
    const { widget, table } = await mountWidget('fco-users', LICENSEE, `customer-id="${customer.id}"`);
    inShadow<HTMLButtonElement>(widget, '.widget-actions [data-action="user-create"]')!.click();
    const dialog = await dialogOf(widget);
    expect(dialog.querySelector<HTMLSelectElement>('form [data-field="customerId"]')!.value).to.equal(customer.id);
    const email = `${unique('u').replace(' ', '-')}@acting.example`.toLowerCase();
    await fill(dialog, { firstName: 'Grace', lastName: 'Hopper', email });
    await press(dialog, 'save');
    await waitFor(() => dialog.textContent?.includes('Grace'), 'the new user shown');
    await press(dialog, 'user-edit');
    await fill(dialog, { lastName: 'Hopper-Murray' });
    await press(dialog, 'save');
    await waitFor(() => dialog.querySelector('[data-action="user-edit"]'), 'back to the user');
    const users = (await api.users.list({ filter: `customerId = "${customer.id}"` })).items;
    expect(users.find((u) => u.email === email)?.lastName).to.equal('Hopper-Murray');
    await press(dialog, 'user-delete');
    await press(dialog, 'confirm');
    await waitFor(() => !dialog.open, 'closed');
    await waitFor(() => dataRows(table).length === 1, 'one user left');

    // The customer's only admin cannot go: the server says why, and the user stays.
    const admin = users.find((u) => u.admin)!;
    const adminDialog = await openOnly(widget, { q: admin.email }, admin.firstName);
    await press(adminDialog, 'user-delete');
    await press(adminDialog, 'confirm');
    const message = await waitFor(() => adminDialog.querySelector('.error-text[role="alert"]'), 'the refusal');
    // The server's refusal as such (a 409), not "someone else changed it" (that is a 412's).
    expect(message.textContent).to.equal(
      `This was refused. Not possible in this state: ${admin.firstName} ${admin.lastName} is the customer's last admin user and cannot be deleted: make another user an admin first.`,
    );
    // The confirmation is gone (asking again would be refused again): the user's record, its actions, are back.
    expect(Boolean(adminDialog.querySelector('[data-action="confirm"]'))).to.equal(false);
    expect(adminDialog.querySelector('[data-action="user-delete"]')?.checkVisibility()).to.equal(true);
    expect((await api.users.get({ userId: admin.id })).id).to.equal(admin.id);
  });

  it('fco-images: the owner shares an image with a billing entity and revokes it; an image only published to the caller offers neither', async () => {
    const api = await apiAs(LICENSEE);
    const alphaApi = await apiAs(ALPHA);
    const alphaBe = (await alphaApi.identity.getMe()).billingEntity;
    const licensee = (await api.identity.getMe()).billingEntity;
    // One of the licensee's own images (the licensee sees Alpha's too, which Alpha may share itself).
    const candidates = (await api.images.list({ filter: `ownerBillingEntityId = "${licensee.id}" AND publicationCount = 0`, pageSize: 20 })).items;
    // One whose name no other image contains, so the name search narrows the table to it.
    const alone = await Promise.all(candidates.map(async (c) => (await api.images.list({ filter: `name : "${c.name}"`, pageSize: 2 })).items.length === 1));
    const image = candidates[alone.indexOf(true)]!;
    const { widget } = await mountWidget('fco-images');
    let dialog = await openOnly(widget, { name: image.name }, image.name);
    const description = unique('Edited image');
    await press(dialog, 'image-edit');
    await fill(dialog, { description, 'permissions/canConsole': false });
    await press(dialog, 'save');
    await waitFor(() => dialog.querySelector('[data-field="description"]')?.textContent === description, 'the new description shown');
    const edited = await api.images.get({ imageId: image.id });
    expect([edited.description, edited.permissions.canConsole, edited.name]).to.deep.equal([description, false, image.name]);
    await press(dialog, 'image-share');
    await waitFor(() => dialog.querySelector(`form [data-field="billingEntityId"] option[value="${alphaBe.id}"]`), 'billing entities by name');
    await fill(dialog, { billingEntityId: alphaBe.id });
    await press(dialog, 'save');
    await waitFor(() => dialog.querySelector('[data-action="image-revoke"]'), 'shared');
    expect((await api.images.get({ imageId: image.id })).publishedTo.map((p) => p.billingEntityId)).to.include(alphaBe.id);
    const publications = dialog.querySelector('section.related fco-data-table')!;
    await waitFor(() => rowTexts(publications).some((text) => text.includes(alphaBe.name)), 'the publication listed by name');
    // The widget renders again whenever something it shows changes (a live update, a list of names arriving); the
    // publications of the image shown stay on screen instead of loading again from their first row.
    const images = widget as LitElement;
    images.requestUpdate();
    await images.updateComplete;
    await (publications as LitElement).updateComplete;
    expect(rowTexts(publications).some((text) => text.includes(alphaBe.name))).to.equal(true);

    // Alpha sees the licensee's image now, but may not change or share it.
    unmountAll();
    const alpha = await mountWidget('fco-images', ALPHA);
    const alphaDialog = await openOnly(alpha.widget, { name: image.name }, image.name);
    // Its owner shows by name, though the licensee is none of Alpha's billing entities.
    expect(rowTexts(alpha.table)[0]).to.contain(licensee.name).and.not.contain(licensee.id);
    expect(Boolean(alphaDialog.querySelector('[data-action="image-share"], [data-action="image-edit"], [data-action="image-revoke"]'))).to.equal(false);

    unmountAll();
    const again = await mountWidget('fco-images');
    dialog = await openOnly(again.widget, { name: image.name }, image.name);
    await press(dialog, 'image-revoke');
    await fill(dialog, { billingEntityId: alphaBe.id });
    await press(dialog, 'save');
    // Nothing is revoked before the user confirms what the confirmation names.
    await waitFor(() => dialog.querySelector('[data-action="confirm"]'), 'the confirmation');
    expect(dialog.textContent).to.contain(`Revoke the publication of ${image.name} to ${alphaBe.name}?`);
    expect((await api.images.get({ imageId: image.id })).publishedTo.map((p) => p.billingEntityId)).to.include(alphaBe.id);
    await press(dialog, 'confirm');
    await waitFor(() => !dialog.querySelector('[data-action="image-revoke"]') && dialog.querySelector('[data-action="image-share"]'), 'revoked');
    expect((await api.images.get({ imageId: image.id })).publishedTo).to.deep.equal([]);
  });

  it('fco-unpaid-invoices: marks overdue invoices, marks one paid, voids one with a reason, downloads a PDF under the server’s name', async () => {
    const api = await apiAs(LICENSEE);
    const [first, second] = (await api.invoices.list({ filter: 'status = UNPAID', orderBy: 'dueDate', pageSize: 2 })).items;
    await setViewport({ width: 1280, height: 800 });
    const { widget, table } = await mountWidget('fco-unpaid-invoices');
    // Ordered by due date, the first rows are overdue (the seed has invoices past their due date).
    expect(rowTexts(table)[0]).to.contain('Overdue');
    // The badge is whole on screen, inside its cell (not cut off by the cell's ellipsis).
    const badge = dataRows(table)[0]!.querySelector('[data-value="OVERDUE"]')!;
    const box = badge.getBoundingClientRect();
    const cell = badge.closest('[role="gridcell"]')!.getBoundingClientRect();
    expect(box.width).to.be.greaterThan(0);
    expect([box.left >= cell.left, box.right <= cell.right, box.top >= cell.top, box.bottom <= cell.bottom]).to.deep.equal([true, true, true, true]);
    // Its last pixels are what a person sees there (hit testing honours the clipping of the cell and the grid).
    expect(table.shadowRoot!.elementFromPoint(box.right - 2, box.top + box.height / 2) === badge).to.equal(true);

    // The download's content is read when the link is clicked: the widget revokes the object URL right after.
    const downloads: { name: string; text: Promise<string> }[] = [];
    const click = HTMLAnchorElement.prototype.click;
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      if (this.download) downloads.push({ name: this.download, text: fetch(this.href).then((response) => response.text()) });
      else click.call(this);
    };
    try {
      let dialog = await openOnly(widget, { invoiceNo: first!.invoiceNo }, first!.invoiceNo);
      await waitFor(() => dialog.querySelector('[data-field="items"] table'), 'the items');
      await press(dialog, 'invoice-download');
      await waitFor(() => downloads.length === 1, 'a download');
      // The server's Content-Disposition name, exactly (the widget's own fallback would be invoice-….pdf).
      expect(downloads[0]!.name).to.equal(`${first!.invoiceNo}.pdf`);
      expect(await downloads[0]!.text).to.match(/^%PDF/);

      await press(dialog, 'invoice-mark-paid');
      // A payment before the invoice date: the server's 422 shows on the date's field, and nothing is paid.
      const dayBefore = new Date(Date.parse(`${first!.invoiceDate}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
      await fill(dialog, { paidDate: dayBefore, reference: 'BANK-4711' });
      await press(dialog, 'save');
      const dateError = await waitFor(() => dialog.querySelector('form [data-field="paidDate"]')?.closest('label')?.querySelector('.field-error'), 'the date’s error');
      expect(dateError.textContent).to.equal(`must not be before the invoice date ${first!.invoiceDate}`);
      expect(dateError.checkVisibility()).to.equal(true);
      expect((await api.invoices.get({ invoiceId: first!.id })).status).to.equal('UNPAID');
      await fill(dialog, { paidDate: new Date().toISOString().slice(0, 10) });
      await press(dialog, 'save');
      // Back on the record (its download action) without the action just taken.
      const recordWithout = (action: string) => () => dialog.querySelector('[data-action="invoice-download"]') && !dialog.querySelector(`[data-action="${action}"]`);
      await waitFor(recordWithout('invoice-mark-paid'), 'paid');
      const paid = await api.invoices.get({ invoiceId: first!.id });
      expect([paid.status, paid.paymentReference]).to.deep.equal(['PAID', 'BANK-4711']);
      dialog.close();

      dialog = await openOnly(widget, { invoiceNo: second!.invoiceNo }, second!.invoiceNo);
      await press(dialog, 'invoice-void');
      await fill(dialog, { reason: 'Issued twice.' });
      await press(dialog, 'save');
      await press(dialog, 'confirm');
      await waitFor(recordWithout('invoice-void'), 'void');
      const voided = await api.invoices.get({ invoiceId: second!.id });
      expect([voided.status, voided.voidReason]).to.deep.equal(['VOID', 'Issued twice.']);
    } finally {
      HTMLAnchorElement.prototype.click = click;
    }
  });

  it('fco-nodes: puts a running node into maintenance and back (confirmed), edits its name and description, and shows the server’s refusal for an OFFLINE or ERROR node', async () => {
    const api = await apiAs(LICENSEE);
    const nodes = (await api.hardware.listNodes({ pageSize: 200 })).items;
    const running = nodes.find((n) => n.state === 'RUNNING')!;
    const down = nodes.find((n) => n.state === 'OFFLINE' || n.state === 'ERROR')!;
    const { widget } = await mountWidget('fco-nodes');
    let dialog = await openOnly(widget, { name: running.name }, running.name);
    await press(dialog, 'node-maintenance');
    await waitFor(() => dialog.querySelector('[data-action="confirm"]'), 'the confirmation');
    expect(dialog.textContent).to.contain('into maintenance?');
    expect((await api.hardware.getNode({ nodeId: running.id })).state).to.equal('RUNNING', 'nothing sent before confirming');
    await press(dialog, 'confirm');
    await waitFor(() => dialog.querySelector('[data-action="node-resume"]'), 'in maintenance');
    expect((await api.hardware.getNode({ nodeId: running.id })).state).to.equal('MAINTENANCE');
    await press(dialog, 'node-resume');
    await press(dialog, 'confirm');
    await waitFor(() => dialog.querySelector('[data-action="node-maintenance"]'), 'back in service');
    expect((await api.hardware.getNode({ nodeId: running.id })).state).to.equal('RUNNING');

    await press(dialog, 'hardware-edit');
    await fill(dialog, { name: `${running.name} (edited)`, description: 'Rack 7, slot 3.' });
    await press(dialog, 'save');
    await waitFor(() => dialog.querySelector('h2')?.textContent === `${running.name} (edited)`, 'the new name shown');
    const edited = await api.hardware.getNode({ nodeId: running.id });
    expect([edited.name, edited.description]).to.deep.equal([`${running.name} (edited)`, 'Rack 7, slot 3.']);
    await api.hardware.updateNode({ nodeId: running.id, ifMatch: edited, body: { name: running.name, description: running.description } });
    dialog.close();

    // The platform set this node's state: the server refuses, and says why (not "changed by someone else").
    dialog = await openOnly(widget, { name: down.name }, down.name);
    await press(dialog, 'node-maintenance');
    await press(dialog, 'confirm');
    const refusal = await waitFor(() => dialog.querySelector('.error-text[role="alert"]'), 'the refusal');
    expect(refusal.textContent).to.equal(`This was refused. Not possible in this state: Node ${down.name} is ${down.state}; only a RUNNING node can go into MAINTENANCE and back.`);
    expect(Boolean(dialog.querySelector('[data-action="confirm"]'))).to.equal(false);
    expect((await api.hardware.getNode({ nodeId: down.id })).state).to.equal(down.state);
  });

  it('a record’s actions wait for its fresh read (held back here): disabled, and a click does nothing until it arrives', async () => {
    const api = await apiAs(LICENSEE);
    const node = (await api.hardware.listNodes({ filter: 'state = RUNNING', pageSize: 1 })).items[0]!;
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const grant = await login(LICENSEE);
    const client = createClient({
      baseUrl: apiUrl(),
      auth: grant.token,
      fetch: async (request: Request, init?: RequestInit) => {
        if (request.method === 'GET' && new URL(request.url).pathname.endsWith(`/v1/nodes/${node.id}`)) await held;
        return fetch(request, init);
      },
    });
    const provider = document.createElement('fco-admin-provider') as FcoAdminProvider;
    provider.locale = 'en';
    provider.client = client;
    provider.append(document.createElement('fco-nodes'));
    document.body.append(provider);
    try {
      const widget = provider.querySelector('fco-nodes')!;
      const table = tableOf(await waitFor(() => inShadow(widget, 'fco-data-table') && widget, 'the table'));
      await waitForRows(table);
      await applyFilter(table, { name: node.name });
      await waitFor(() => dataRows(table).length === 1 && rowTexts(table)[0]!.includes(node.name), 'the node');
      dataRows(table)[0]!.querySelector<HTMLElement>('[role="gridcell"]')!.click();
      const dialog = await dialogOf(widget);
      const button = await waitFor(() => dialog.querySelector<HTMLButtonElement>('[data-action="node-maintenance"]'), 'the action');
      expect(dialog.querySelector('[role="status"].muted')?.textContent).to.equal('Reading the latest version…');
      expect(button.disabled).to.equal(true);
      button.click();
      await new Promise((resolve) => requestAnimationFrame(resolve));
      expect(Boolean(dialog.querySelector('[data-action="confirm"]'))).to.equal(false);
      release();
      await press(dialog, 'node-maintenance');
      await waitFor(() => dialog.querySelector('[data-action="confirm"]'), 'the confirmation, once the read arrived');
      expect(Boolean(dialog.querySelector('[role="status"].muted'))).to.equal(false);
      await press(dialog, 'cancel');
    } finally {
      release();
      provider.remove();
    }
  });

  it('fco-billing-entities: a tree moved through with the keyboard; creates a child, edits auto signup, deletes the empty child; a BE admin cannot switch its Admin page', async () => {
    const api = await apiAs(LICENSEE);
    const provider = await mount('<fco-billing-entities></fco-billing-entities>');
    const widget = provider.querySelector('fco-billing-entities')!;
    const tree = await waitFor(() => inShadow(widget, 'fco-tree-grid'), 'the tree');
    const rows = () => [...tree.shadowRoot!.querySelectorAll<HTMLElement>('[role="row"][data-key]')];
    await waitFor(() => rows().length > 3, 'the billing entities');
    expect(rows()[0]!.getAttribute('aria-level')).to.equal('1');
    rows()[0]!.focus();
    await sendKeys({ press: 'ArrowLeft' }); // the root collapses
    await waitFor(() => rows().length === 1, 'collapsed to the root');
    await sendKeys({ press: 'ArrowRight' });
    await waitFor(() => rows().length > 3, 'expanded again');
    await sendKeys({ press: 'ArrowRight' }); // to the first child
    expect(tree.shadowRoot!.activeElement?.getAttribute('aria-level')).to.equal('2');

    const alphaBe = (await (await apiAs(ALPHA)).identity.getMe()).billingEntity;
    rows().find((row) => row.dataset['key'] === alphaBe.id)!.click();
    let dialog = await dialogOf(widget);
    await press(dialog, 'billing-entity-create-child');
    const childName = unique('Child');
    await fill(dialog, { name: childName });
    await press(dialog, 'save');
    await waitFor(() => dialog.querySelector('h2')?.textContent === childName, 'the child shown');
    const child = (await api.billingEntities.list({ filter: `name = "${childName}"` })).items[0]!;
    expect(child.parentId).to.equal(alphaBe.id);
    await press(dialog, 'billing-entity-edit');
    await fill(dialog, { 'controlPanelOptions/allowAutoSignup': false, allowedOrigins: ['https://portal.child.example', 'https://admin.child.example'] });
    await press(dialog, 'save');
    await waitFor(() => dialog.querySelector('[data-action="billing-entity-delete"]'), 'back to the child');
    const savedChild = await api.billingEntities.get({ billingEntityId: child.id });
    expect(savedChild.controlPanelOptions.allowAutoSignup).to.equal(false);
    expect(savedChild.allowedOrigins).to.deep.equal(['https://portal.child.example', 'https://admin.child.example']);
    await press(dialog, 'billing-entity-delete');
    await press(dialog, 'confirm');
    await waitFor(() => !dialog.open, 'deleted');
    expect((await api.billingEntities.list({ filter: `name = "${childName}"` })).items).to.deep.equal([]);
    // The master billing entity always has its Admin page: even the licensee sees the switch locked, and why.
    rows()[0]!.click();
    dialog = await dialogOf(widget);
    await press(dialog, 'billing-entity-edit');
    const masterSwitch = await waitFor(() => dialog.querySelector<HTMLInputElement>('form [data-field="adminPageEnabled"]'), 'the master’s switch');
    expect(masterSwitch.disabled).to.equal(true);
    expect(masterSwitch.closest('label')!.textContent).to.contain('The master billing entity always has the Admin page.');

    unmountAll();
    const alphaProvider = await mount('<fco-billing-entities></fco-billing-entities>', { email: ALPHA });
    const alphaWidget = alphaProvider.querySelector('fco-billing-entities')!;
    const alphaTree = await waitFor(() => inShadow(alphaWidget, 'fco-tree-grid'), 'the BE admin’s tree');
    await waitFor(() => alphaTree.shadowRoot!.querySelector(`[data-key="${alphaBe.id}"]`), 'its own billing entity');
    alphaTree.shadowRoot!.querySelector<HTMLElement>(`[data-key="${alphaBe.id}"]`)!.click();
    dialog = await dialogOf(alphaWidget);
    await press(dialog, 'billing-entity-edit');
    const adminPage = await waitFor(() => dialog.querySelector<HTMLInputElement>('form [data-field="adminPageEnabled"]'), 'the Admin page switch');
    expect(adminPage.disabled).to.equal(true);
    expect(adminPage.closest('label')!.textContent).to.contain('Only the licensee decides this.');
  });

  it('as a billing entity’s admin (Alpha): creates a customer and a user, marks an invoice paid, voids one, downloads a PDF, shares its own image, creates a child billing entity, a product and an offer', async () => {
    const api = await apiAs(ALPHA);
    const alphaBe = (await api.identity.getMe()).billingEntity;
    const createIn = async (tag: string, action: string, values: Record<string, string>, attributes = '') => {
      const { widget } = await mountWidget(tag, ALPHA, attributes);
      inShadow<HTMLButtonElement>(widget, `.widget-actions [data-action="${action}"]`)!.click();
      const dialog = await dialogOf(widget);
      // Choices that name other objects (an offer's product) arrive with their names.
      for (const [field, value] of Object.entries(values)) {
        await waitFor(() => {
          const control = dialog.querySelector(`form [data-field="${field}"]`);
          return control && (!(control instanceof HTMLSelectElement) || [...control.options].some((o) => o.value === value));
        }, `${field} to offer ${value}`);
      }
      await fill(dialog, values);
      await press(dialog, 'save');
      await waitFor(() => dialog.querySelector(`[data-action="${action.replace('create', 'edit')}"]`), `${tag}: the new record`);
      unmountAll();
    };

    const name = unique('Alpha customer');
    const slug = name.split(' ').at(-1)!;
    await createIn('fco-customers', 'customer-create', {
      organisationName: name,
      email: `billing-${slug}@alpha-acting.example`,
      'adminUser/firstName': 'Ann',
      'adminUser/lastName': 'Alpha',
      'adminUser/email': `ann-${slug}@alpha-acting.example`,
    });
    const customer = (await api.customers.list({ filter: `organisationName = "${name}"` })).items[0]!;
    expect(customer.billingEntityId).to.equal(alphaBe.id);
    await createIn('fco-users', 'user-create', { firstName: 'Bob', lastName: 'Alpha', email: `bob-${slug}@alpha-acting.example` }, `customer-id="${customer.id}"`);
    expect((await api.users.list({ filter: `customerId = "${customer.id}"` })).items.map((u) => u.firstName).sort()).to.deep.equal(['Ann', 'Bob']);

    const childName = unique('Alpha child');
    const tree = await mount('<fco-billing-entities></fco-billing-entities>', { email: ALPHA });
    const beWidget = tree.querySelector('fco-billing-entities')!;
    const grid = await waitFor(() => inShadow(beWidget, 'fco-tree-grid'), 'the tree');
    (await waitFor(() => grid.shadowRoot!.querySelector<HTMLElement>(`[data-key="${alphaBe.id}"]`), 'Alpha in its tree')).click();
    let dialog = await dialogOf(beWidget);
    await press(dialog, 'billing-entity-create-child');
    await fill(dialog, { name: childName });
    await press(dialog, 'save');
    await waitFor(() => dialog.querySelector('h2')?.textContent === childName, 'the child');
    expect((await api.billingEntities.list({ filter: `name = "${childName}"` })).items[0]?.parentId).to.equal(alphaBe.id);
    unmountAll();

    const productName = unique('Alpha product');
    await createIn('fco-products', 'product-create', { name: productName, associatedType: 'DISK' });
    const product = (await api.products.list({ filter: `name = "${productName}"` })).items[0]!;
    expect(product.billingEntityId).to.equal(alphaBe.id);
    const offerName = unique('Alpha offer');
    await createIn('fco-product-offers', 'product-offer-create', { name: offerName, productId: product.id, billingPeriod: 'MONTHLY', unitType: 'NONCARRYOVER', 'price/amount': '4.50', 'price/currency': 'GBP' });
    expect((await api.productOffers.list({ filter: `name = "${offerName}"` })).items[0]?.price).to.deep.equal({ amount: '4.50', currency: 'GBP' });

    // One of Alpha's own images, shared with its child Alpha Kids.
    const kids = (await api.billingEntities.list({ filter: `parentId = "${alphaBe.id}" AND name = "Alpha Kids Hosting"` })).items[0]!;
    const own = (await api.images.list({ filter: `ownerBillingEntityId = "${alphaBe.id}" AND publicationCount = 0`, pageSize: 20 })).items;
    const alone = await Promise.all(own.map(async (c) => (await api.images.list({ filter: `name : "${c.name}"`, pageSize: 2 })).items.length === 1));
    const image = own[alone.indexOf(true)]!;
    const images = await mountWidget('fco-images', ALPHA);
    dialog = await openOnly(images.widget, { name: image.name }, image.name);
    await press(dialog, 'image-share');
    await waitFor(() => dialog.querySelector(`form [data-field="billingEntityId"] option[value="${kids.id}"]`), 'its billing entities by name');
    await fill(dialog, { billingEntityId: kids.id });
    await press(dialog, 'save');
    await waitFor(() => dialog.querySelector('[data-action="image-revoke"]'), 'shared');
    expect((await api.images.get({ imageId: image.id })).publishedTo.map((p) => p.billingEntityId)).to.deep.equal([kids.id]);
    unmountAll();

    const [toPay, toVoid] = (await api.invoices.list({ filter: 'status = UNPAID', orderBy: 'dueDate', pageSize: 2 })).items;
    const invoices = await mountWidget('fco-unpaid-invoices', ALPHA);
    const downloads: string[] = [];
    const click = HTMLAnchorElement.prototype.click;
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      if (this.download) downloads.push(this.download);
      else click.call(this);
    };
    try {
      dialog = await openOnly(invoices.widget, { invoiceNo: toPay!.invoiceNo }, toPay!.invoiceNo);
      await press(dialog, 'invoice-download');
      await waitFor(() => downloads.length === 1, 'the PDF');
      expect(downloads).to.deep.equal([`${toPay!.invoiceNo}.pdf`]);
      await press(dialog, 'invoice-mark-paid');
      await press(dialog, 'save');
      await waitFor(() => dialog.querySelector('[data-action="invoice-download"]') && !dialog.querySelector('[data-action="invoice-mark-paid"]'), 'paid');
      dialog.close();
      dialog = await openOnly(invoices.widget, { invoiceNo: toVoid!.invoiceNo }, toVoid!.invoiceNo);
      await press(dialog, 'invoice-void');
      await fill(dialog, { reason: 'Sent to the wrong customer.' });
      await press(dialog, 'save');
      await press(dialog, 'confirm');
      await waitFor(() => dialog.querySelector('[data-action="invoice-download"]') && !dialog.querySelector('[data-action="invoice-void"]'), 'void');
    } finally {
      HTMLAnchorElement.prototype.click = click;
    }
    expect((await api.invoices.get({ invoiceId: toPay!.id })).status).to.equal('PAID');
    expect((await api.invoices.get({ invoiceId: toVoid!.id })).status).to.equal('VOID');
  });

  it('fco-products and fco-product-offers: create a product with a component, an offer for it; locked fields show as locked while in use', async () => {
    const api = await apiAs(LICENSEE);
    const products = await mountWidget('fco-products');
    inShadow<HTMLButtonElement>(products.widget, '.widget-actions [data-action="product-create"]')!.click();
    let dialog = await dialogOf(products.widget);
    const name = unique('Product');
    await fill(dialog, { name, associatedType: 'SERVER' });
    await press(dialog, 'add-row');
    await fill(dialog, { 'components/0/name': 'CPU', 'components/0/referenceField': 'cpu' });
    await press(dialog, 'save');
    await waitFor(() => dialog.querySelector('h2')?.textContent === name, 'the product shown');
    const product = (await api.products.list({ filter: `name = "${name}"` })).items[0]!;
    expect(product.components.map((c) => c.name)).to.deep.equal(['CPU']);
    // A product with a configurable value, which an offer sets (componentConfig) and which then is in use.
    const used = await api.products.create({
      body: {
        name: unique('Configurable'),
        associatedType: 'SERVER',
        components: [
          { name: 'CPU', referenceField: 'cpu', configurableValues: [{ key: 'cpus', name: 'CPUs', validator: 'NUMERIC_INT', validatorArgs: { min: '1', max: '64' }, value: '2' }], measuredValues: [], optional: false },
        ],
      },
    });
    unmountAll();

    const offers = await mountWidget('fco-product-offers');
    inShadow<HTMLButtonElement>(offers.widget, '.widget-actions [data-action="product-offer-create"]')!.click();
    dialog = await dialogOf(offers.widget);
    const offerName = unique('Offer');
    await waitFor(() => dialog.querySelector(`form [data-field="productId"] option[value="${product.id}"]`), 'products by name');
    await waitFor(() => dialog.querySelector(`form [data-field="productId"] option[value="${used.id}"]`), 'the used product');
    await fill(dialog, { name: offerName, productId: used.id, billingPeriod: 'MONTHLY', unitType: 'CARRYOVER', 'price/amount': '9.90', 'price/currency': 'EUR' });
    dialog.querySelector<HTMLButtonElement>('form fieldset[data-field="componentConfig"] [data-action="add-row"]')!.click();
    await fill(dialog, { 'componentConfig/0/componentName': 'CPU', 'componentConfig/0/key': 'cpus', 'componentConfig/0/value': '4' });
    await press(dialog, 'save');
    await waitFor(() => dialog.querySelector('h2')?.textContent === offerName, 'the offer shown');
    const offer = (await api.productOffers.list({ filter: `name = "${offerName}"` })).items[0]!;
    expect(offer.price).to.deep.equal({ amount: '9.90', currency: 'EUR' });
    expect(offer.componentConfig).to.deep.equal([{ componentName: 'CPU', key: 'cpus', value: '4' }]);

    // Once a customer uses the offer, its billing period and unit type show as locked, and it cannot be deleted.
    await createCustomer(api, unique('Subscriber'), { productOfferId: offer.id });
    dialog.close();
    dialog = await openOnly(offers.widget, { name: offerName }, offerName);
    expect(Boolean(dialog.querySelector('[data-action="product-offer-delete"]'))).to.equal(false);
    await press(dialog, 'product-offer-edit');
    const period = await waitFor(() => dialog.querySelector<HTMLSelectElement>('form [data-field="billingPeriod"]'), 'the form');
    expect(period.disabled).to.equal(true);
    expect(period.closest('label')!.textContent).to.contain('Locked while in use.');
    const unitType = dialog.querySelector<HTMLSelectElement>('form [data-field="unitType"]')!;
    expect([unitType.disabled, unitType.closest('label')!.textContent!.includes('Locked while in use.')]).to.deep.equal([true, true]);
    unmountAll();

    // The product its offer uses: its type and components show as locked (the server would refuse the change).
    const again = await mountWidget('fco-products');
    dialog = await openOnly(again.widget, { name: used.name }, used.name);
    await press(dialog, 'product-edit');
    const type = await waitFor(() => dialog.querySelector<HTMLSelectElement>('form [data-field="associatedType"]'), 'the form');
    expect(type.disabled).to.equal(true);
    expect(type.closest('label')!.textContent).to.contain('Locked while in use.');
    const components = dialog.querySelector<HTMLFieldSetElement>('form fieldset[data-field="components"]')!;
    expect([components.disabled, components.textContent!.includes('Locked while in use.')]).to.deep.equal([true, true]);
  });
});
