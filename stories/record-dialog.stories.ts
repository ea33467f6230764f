import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { createClient, type Client } from '@fco-admin/sdk';
import { API_URL, sessionOf, signIn } from './support/api.js';
import { fill, inShadow, named, openRow, press, waitFor, widgetIn } from './support/play.js';
import { widgetMarkup } from './support/states.js';
import { inProvider, lookOf } from './support/render.js';

/**
 * The record dialog every acting widget shares, in its states, on real widgets as the licensee against the reference
 * server's demo data: a record read fresh, its edit form, the server's 422 on a field, a destructive action's
 * confirmation, the server's 409 refusal, the merge view after a concurrent change, and fields locked with their
 * reason. Loaders pick the demo records through the API; play functions act as a person does and throw when the
 * state does not show. Only the merge view's customer (made once, "Storybook concurrent edits") is ever changed.
 */
const meta: Meta = { title: 'Record dialog/states' };
export default meta;

type Story = StoryObj;
type Play = NonNullable<Story['play']>;
type Loaded = Record<string, string>;

/** `load` picks the demo records a story acts on, through the API; `play` gets what it returned. */
function story(tag: string, description: string, load: ((api: Client) => Promise<Loaded>) | undefined, play: (canvas: HTMLElement, loaded: Loaded) => Promise<void>): Story {
  return {
    render: (_args, context) => inProvider(lookOf(context.globals), { fetchSessionToken: sessionOf('licensee') }, widgetMarkup(tag)),
    parameters: { docs: { description: { story: description } } },
    ...(load ? { loaders: [() => load(licenseeApi())] } : {}),
    play: (async ({ canvasElement, loaded }) => play(canvasElement, loaded as Loaded)) satisfies Play,
  };
}

const licenseeApi = () => createClient({ baseUrl: API_URL, auth: () => signIn('licensee') });

/** An active demo customer with more users than its admin (first by name), so its detail lists them. */
async function customerWithUsers(api: Client): Promise<Loaded> {
  const page = await api.customers.list({ filter: 'status = "ACTIVE"', orderBy: 'organisationName', pageSize: 100 });
  const customer = page.items.find((c) => c.userCount > 1);
  if (!customer) throw new Error('no active demo customer with users');
  return { name: customer.organisationName };
}

/** Opens the loaded customer in fco-customers and waits for its fresh read (its users listed, Edit enabled). */
async function openCustomer(canvas: HTMLElement, name: string): Promise<HTMLDialogElement> {
  const dialog = await openRow(await widgetIn(canvas, 'fco-customers'), { q: name }, named(name));
  await waitFor(() => dialog.querySelector('h2')?.textContent === name, `the heading ${name}`);
  await waitFor(() => dialog.querySelector('fco-data-table')?.shadowRoot?.querySelector('[role="row"][data-key]'), 'the customer’s users');
  await waitFor(() => dialog.querySelector<HTMLButtonElement>('[data-action="customer-edit"]:not([disabled])'), 'Edit, enabled by the fresh read');
  return dialog;
}

export const DetailOpen = story('fco-customers',
  'A demo customer opened from the list: read fresh from the server (its actions wait for that read), its fields, limits and balance, and its users.',
  customerWithUsers,
  async (canvas, { name }) => {
    await openCustomer(canvas, name!);
  });

export const EditFormOpen = story('fco-customers',
  'As DetailOpen, then Edit: the form the spec\'s request body describes (required marks, lengths, the address and limits as groups), filled with the record. Nothing is saved.',
  customerWithUsers,
  async (canvas, { name }) => {
    const dialog = await openCustomer(canvas, name!);
    await press(dialog, 'customer-edit');
    await waitFor(() => dialog.querySelector<HTMLInputElement>('form [data-field="organisationName"]')?.value === name, 'the form filled with the record');
    await waitFor(() => dialog.querySelector('form fieldset[data-field="limits"]'), 'the limits as a group');
  });

export const ServerErrorsOnTheirFields = story('fco-customers',
  'As EditFormOpen, then the billing email `billing@northwind` saved: the browser accepts an address without a dot in its domain, the server\'s email format does not, and its 422 shows on that field. Nothing is saved.',
  customerWithUsers,
  async (canvas, { name }) => {
    const dialog = await openCustomer(canvas, name!);
    await press(dialog, 'customer-edit');
    await fill(dialog, { email: 'billing@northwind' });
    const email = dialog.querySelector<HTMLInputElement>('form [data-field="email"]')!;
    if (!email.checkValidity()) throw new Error('the browser refuses the address itself: it would never reach the server');
    await press(dialog, 'save');
    await waitFor(() => email.getAttribute('aria-invalid') === 'true' && email.closest('label')?.querySelector('.field-error'), 'the server’s error on the email field');
  });

export const DeleteConfirmation = story('fco-users',
  'A demo user opened, then Delete: the confirmation names the user and waits (not confirmed here, nothing is deleted).',
  async (api) => {
    const user = (await api.users.list({ filter: 'admin = false AND userType = "USER"', orderBy: 'email', pageSize: 1 })).items[0];
    if (!user) throw new Error('no demo user who is not an admin');
    return { email: user.email, firstName: user.firstName, lastName: user.lastName };
  },
  async (canvas, { email, firstName, lastName }) => {
    const dialog = await openRow(await widgetIn(canvas, 'fco-users'), { q: email! });
    await press(dialog, 'user-delete');
    const confirm = await waitFor(() => dialog.querySelector<HTMLButtonElement>('button[data-action="confirm"].danger:not([disabled])'), 'the confirmation');
    const asked = confirm.closest('dialog')?.textContent ?? '';
    if (!asked.includes(firstName!) || !asked.includes(lastName!)) throw new Error(`the confirmation does not name ${firstName} ${lastName}`);
  });

export const LastAdminRefused = story('fco-users',
  'The only user (and so the last admin) of a demo customer, Delete confirmed: the server refuses with 409 and says why; the confirmation gives way to the user\'s record, which stays.',
  async (api) => {
    const page = await api.customers.list({ filter: 'status = "ACTIVE"', orderBy: 'organisationName', pageSize: 100 });
    const customer = page.items.find((c) => c.userCount === 1);
    if (!customer) throw new Error('no active demo customer with a single user');
    const admin = (await api.users.list({ filter: `customerId = "${customer.id}"` })).items[0];
    if (!admin?.admin) throw new Error(`${customer.organisationName}'s only user is no admin`);
    return { email: admin.email };
  },
  async (canvas, { email }) => {
    const dialog = await openRow(await widgetIn(canvas, 'fco-users'), { q: email! });
    await press(dialog, 'user-delete');
    await press(dialog, 'confirm');
    const message = await waitFor(() => dialog.querySelector('.error-text[role="alert"]'), 'the refusal');
    if (!/last admin/.test(message.textContent ?? '')) throw new Error(`not the last admin's refusal: ${message.textContent}`);
    await waitFor(() => !dialog.querySelector('[data-action="confirm"]') && dialog.querySelector('[data-action="user-delete"]'), 'the record back instead of the confirmation');
  });

const CONCURRENT = 'Storybook concurrent edits';

export const MergeViewAfterConcurrentChange = story('fco-customers',
  `"${CONCURRENT}" (a customer made for this story, once) opened and its VAT number edited; meanwhile the play function changes the VAT number and the credit limit through the API, then saves: the server answers 412 (or the change reached the dialog first, through the live stream), and the merge view shows both VAT numbers to choose from, the credit limit taken from the server, the edit kept.`,
  async (api) => {
    const found = (await api.customers.list({ filter: `organisationName = "${CONCURRENT}"` })).items[0];
    const customer = found ?? (await api.customers.create({
      body: { organisationName: CONCURRENT, email: 'billing@storybook-concurrent.example', adminUser: { firstName: 'Conny', lastName: 'Current', email: 'conny@storybook-concurrent.example' } },
    }));
    return { id: customer.id };
  },
  async (canvas, { id }) => {
    const dialog = await openRow(await widgetIn(canvas, 'fco-customers'), { q: CONCURRENT }, named(CONCURRENT));
    await press(dialog, 'customer-edit');
    const mine = `GB-MINE-${Date.now() % 100000}`;
    await fill(dialog, { vatNumber: mine });
    // Someone else saves first.
    const api = licenseeApi();
    const current = await api.customers.get({ customerId: id! });
    const theirs = `GB-THEIRS-${Date.now() % 100000}`;
    await api.customers.update({ customerId: id!, ifMatch: current, body: { vatNumber: theirs, creditLimit: `${(Date.now() % 900) + 100}.00` } });
    const merging = () => {
      const vat = dialog.querySelector('form [data-conflict] [data-field="vatNumber"]')?.textContent ?? '';
      return vat.includes(mine) && vat.includes(theirs);
    };
    // The change can reach the dialog through the live stream before the save: the merge view then shows at once,
    // and a save would go through with the user's choice (the point of the merge view), leaving nothing to show.
    if (!merging()) await press(dialog, 'save');
    await waitFor(merging, 'the merge view with both VAT numbers');
  });

export const LockedProductTypeInUse = story('fco-products',
  'A demo product that an offer uses, opened for editing: its type and components show as locked, with the reason, instead of failing on save.',
  async (api) => {
    const product = (await api.products.list({ filter: 'inUse = true', orderBy: 'name', pageSize: 1 })).items[0];
    if (!product) throw new Error('no demo product in use');
    return { name: product.name };
  },
  async (canvas, { name }) => {
    const dialog = await openRow(await widgetIn(canvas, 'fco-products'), { name: name! }, named(name!));
    await press(dialog, 'product-edit');
    await waitFor(() => {
      const type = dialog.querySelector<HTMLSelectElement>('form [data-field="associatedType"]');
      return type?.disabled && type.closest('label')?.querySelector('[id$="-locked"]');
    }, 'the type locked, with the reason');
  });

export const LockedAdminPageOfMaster = story('fco-billing-entities',
  'The master billing entity (the root of the tree) opened for editing: it always has the Admin page, so even the licensee sees that switch locked, and why.',
  undefined,
  async (canvas) => {
    const widget = await waitFor(() => canvas.querySelector<HTMLElement>('fco-billing-entities'), 'fco-billing-entities');
    const tree = await waitFor(() => inShadow(widget, 'fco-tree-grid'), 'the tree');
    const root = await waitFor(() => tree.shadowRoot?.querySelector<HTMLElement>('[role="row"][data-key][aria-level="1"]'), 'the master billing entity');
    root.click();
    const dialog = await waitFor(() => inShadow<HTMLDialogElement>(widget, 'dialog[open]'), 'its dialog');
    await press(dialog, 'billing-entity-edit');
    await waitFor(() => {
      const adminPage = dialog.querySelector<HTMLInputElement>('form [data-field="adminPageEnabled"]');
      return adminPage?.disabled && adminPage.checked && adminPage.closest('label')?.querySelector('[id$="-locked"]');
    }, 'the Admin page switch locked on, with the reason');
  });
