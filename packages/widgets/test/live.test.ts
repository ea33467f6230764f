import { expect } from '@open-wc/testing';
import { createClient, etagOf, NetworkError, UnauthorizedError, type Client } from '@fco-admin/sdk';
import { ChangeFeed, backoffDelay, type ChangeListener } from '../src/live/change-feed.js';
import type { ChangeEvent, ChangeStreamEvent } from '../src/live/types.js';
import type { FcoAdminProvider } from '../src/provider/admin-provider.js';
import type { FcoPendingCustomers } from '../src/pending-customers/pending-customers.js';
import {
  LICENSEE,
  apiAs,
  apiUrl,
  applyFilter,
  createCustomer,
  dataRows,
  fill,
  inShadow,
  login,
  openDetail,
  press,
  rowTexts,
  signUpPending,
  tableOf,
  unique,
  waitFor,
  waitForRows,
} from './support/harness.js';

/** One connection of a fake change stream: the test pushes events, fails it or ends it. */
interface FakeConnection {
  lastEventId: string | undefined;
  signal: AbortSignal;
  push(event: ChangeStreamEvent): void;
  fail(error: Error): void;
  end(): void;
}

/** A change stream the test feeds, recording every connection made to it. */
function fakeStream() {
  const connections: FakeConnection[] = [];
  const open = (given?: { lastEventId?: string; signal?: AbortSignal }): AsyncIterable<ChangeStreamEvent> => {
    const options = { lastEventId: given?.lastEventId, signal: given?.signal ?? new AbortController().signal };
    const queue: (ChangeStreamEvent | Error | null)[] = [];
    let wake: () => void = () => undefined;
    const add = (item: ChangeStreamEvent | Error | null) => {
      queue.push(item);
      wake();
    };
    connections.push({ lastEventId: options.lastEventId, signal: options.signal, push: add, fail: add, end: () => add(null) });
    options.signal.addEventListener('abort', () => wake(), { once: true });
    return {
      async *[Symbol.asyncIterator]() {
        for (;;) {
          while (queue.length === 0) {
            if (options.signal.aborted) return;
            await new Promise<void>((resolve) => (wake = resolve));
          }
          const item = queue.shift()!;
          if (item === null) return;
          if (item instanceof Error) throw item;
          yield item;
        }
      },
    };
  };
  return {
    open,
    connections,
    get current(): FakeConnection {
      const last = connections.at(-1);
      if (!last || last.signal.aborted) throw new Error('no open connection');
      return last;
    },
  };
}

let cursor = 0;
function change(kind: ChangeEvent['kind'], id: string, kindOfChange: ChangeEvent['change'], etag?: string): ChangeStreamEvent {
  return { type: 'change', id: `c${++cursor}`, data: { kind, id, change: kindOfChange, ...(etag ? { etag } : {}), at: new Date().toISOString() } };
}

function recorder() {
  const seen: string[] = [];
  const listener: ChangeListener = { change: (e) => seen.push(`${e.kind} ${e.id} ${e.change}`), reset: () => seen.push('reset') };
  return { seen, listener };
}

const unauthorized = () =>
  new UnauthorizedError({ type: 'about:blank', title: 'Unauthorized', status: 401, code: 'unauthenticated', requestId: 'test' });

describe('the change feed', () => {
  it('opens one stream only while someone listens, and hands each change to the listeners of its kind', async () => {
    const stream = fakeStream();
    const feed = new ChangeFeed(() => undefined);
    feed.setSource(stream.open);
    expect(stream.connections.length).to.equal(0);
    const customers = recorder();
    const users = recorder();
    const stopCustomers = feed.subscribe('Customer', customers.listener);
    const stopUsers = feed.subscribe('User', users.listener);
    expect(stream.connections.length).to.equal(1);

    stream.current.push(change('Customer', 'a', 'updated', '"1"'));
    stream.current.push(change('User', 'b', 'deleted'));
    stream.current.push({ type: 'reset', id: 'r1', data: {} });
    await waitFor(() => users.seen.length === 2, 'the user listener');
    expect(customers.seen).to.deep.equal(['Customer a updated', 'reset']);
    expect(users.seen).to.deep.equal(['User b deleted', 'reset']);

    stopCustomers();
    expect(stream.connections[0]!.signal.aborted).to.equal(false);
    stopUsers();
    expect(stream.connections[0]!.signal.aborted).to.equal(true);
    expect(feed.active).to.equal(false);
    expect(stream.connections.length).to.equal(1);
  });

  it('holds the session\'s first connection until its start settles, and starts from the cursor it names', async () => {
    const stream = fakeStream();
    const feed = new ChangeFeed(() => undefined, () => 0);
    let settle!: (cursor: string | undefined) => void;
    feed.setSource(stream.open, new Promise((resolve) => (settle = resolve)));
    const { seen, listener } = recorder();
    feed.subscribe('Customer', listener);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(stream.connections.length, 'nothing asked while the first reads are under way').to.equal(0);
    expect(feed.active, 'about to open').to.equal(true);
    settle('c41');
    await waitFor(() => stream.connections.length === 1, 'the first connection');
    expect(stream.current.lastEventId).to.equal('c41');

    // Its reconnections carry on from what it received; a new session starts at the present without a start.
    const sent = change('Customer', 'a', 'updated', '"2"');
    stream.current.push(sent);
    await waitFor(() => seen.length === 1, 'the change');
    stream.current.end();
    await waitFor(() => stream.connections.length === 2, 'the reconnection');
    expect(stream.current.lastEventId).to.equal(sent.id);
    const next = fakeStream();
    feed.setSource(next.open);
    await waitFor(() => next.connections.length === 1, 'the new session\'s connection');
    expect(next.current.lastEventId).to.equal(undefined);
  });

  it('reconnects after a failure or the end of the stream, with backoff and the last event id', async () => {
    const stream = fakeStream();
    const feed = new ChangeFeed(() => undefined, () => 0);
    feed.setSource(stream.open);
    const { seen, listener } = recorder();
    feed.subscribe('Customer', listener);
    const sent = change('Customer', 'a', 'created', '"1"');
    stream.current.push(sent);
    await waitFor(() => seen.length === 1, 'the first change');

    const failedAt = Date.now();
    stream.current.fail(new NetworkError('the server went away'));
    await waitFor(() => stream.connections.length === 2, 'the reconnection');
    expect(Date.now() - failedAt).to.be.at.least(backoffDelay(0, () => 0) - 20);
    expect(stream.current.lastEventId).to.equal(sent.id);

    stream.current.end();
    await waitFor(() => stream.connections.length === 3, 'the reconnection after the server closed the stream');
    expect(stream.current.lastEventId).to.equal(sent.id);
  });

  it('stays closed when the server refuses the session, and starts afresh with a new one', async () => {
    const stream = fakeStream();
    const refused: string[] = [];
    const feed = new ChangeFeed((failure) => refused.push(failure.kind));
    feed.setSource(stream.open);
    feed.subscribe('Customer', recorder().listener);
    stream.current.push(change('Customer', 'a', 'created'));
    stream.current.fail(unauthorized());
    await waitFor(() => refused.length === 1, 'the refusal');
    expect(refused).to.deep.equal(['unauthenticated']);
    expect(feed.active).to.equal(false);

    const next = fakeStream();
    feed.setSource(next.open);
    expect(next.connections.length).to.equal(1);
    expect(next.current.lastEventId).to.equal(undefined);
  });

  it('backs off from half a second, doubling up to thirty, with jitter', () => {
    expect(backoffDelay(0, () => 0)).to.equal(250);
    expect(backoffDelay(0, () => 1)).to.equal(500);
    expect(backoffDelay(3, () => 1)).to.equal(4000);
    expect(backoffDelay(20, () => 1)).to.equal(30_000);
    expect(backoffDelay(20, () => 0)).to.equal(15_000);
  });
});

describe('live list widgets (changes fed to the provider)', () => {
  const mounted: HTMLElement[] = [];
  afterEach(() => mounted.splice(0).forEach((element) => element.remove()));

  /** A provider whose client is signed in to the real server but whose change stream the test feeds. */
  async function mountFed(inner: string, stream: ReturnType<typeof fakeStream>): Promise<FcoAdminProvider> {
    const real = createClient({ baseUrl: apiUrl(), auth: () => login(LICENSEE) });
    const provider = document.createElement('fco-admin-provider');
    provider.client = { ...real, changes: { stream: stream.open } } as unknown as Client;
    const template = document.createElement('template');
    template.innerHTML = inner;
    provider.append(template.content);
    document.body.append(provider);
    mounted.push(provider);
    await waitFor(() => provider.status === 'active', 'the session');
    return provider;
  }

  async function customersTable(provider: FcoAdminProvider, name: string) {
    const widget = provider.querySelector('fco-customers')!;
    const table = tableOf(await waitFor(() => inShadow(widget, 'fco-data-table') && widget, 'the customers table'));
    await waitForRows(table);
    await applyFilter(table, { q: name });
    return { widget, table };
  }

  it('holds one stream for all its widgets, and none when no widget listens', async () => {
    const stream = fakeStream();
    const provider = await mountFed('', stream);
    expect(provider.streamingChanges).to.equal(false);
    provider.append(...['fco-customers', 'fco-pending-customers', 'fco-users'].map((tag) => document.createElement(tag)));
    await waitFor(() => provider.streamingChanges, 'the stream to open');
    await waitFor(() => stream.connections.length === 1, 'one connection');
    for (const widget of [...provider.children]) widget.remove();
    await waitFor(() => !provider.streamingChanges, 'the stream to close');
    expect(stream.connections.length).to.equal(1);
    expect(stream.connections[0]!.signal.aborted).to.equal(true);
  });

  it('opens no stream for widgets whose objects the stream never announces (the read-only resources)', async () => {
    const stream = fakeStream();
    const provider = await mountFed('', stream);
    provider.append(...['fco-servers', 'fco-jobs'].map((tag) => document.createElement(tag)));
    for (const widget of [...provider.children]) await waitForRows(tableOf(await waitFor(() => inShadow(widget, 'fco-data-table') && widget, widget.localName)));
    expect(provider.streamingChanges).to.equal(false);
    expect(stream.connections.length).to.equal(0);
  });

  it('updates a row changed elsewhere in place and drops a deleted one', async () => {
    const api = await apiAs(LICENSEE);
    const name = unique('Live row');
    const created = await createCustomer(api, name);
    const stream = fakeStream();
    const provider = await mountFed('<fco-customers></fco-customers><fco-users></fco-users>', stream);
    const { table } = await customersTable(provider, name);
    const row = await waitFor(() => dataRows(table).length === 1 && dataRows(table)[0], 'the row');

    const updated = await api.customers.update({ customerId: created.id, ifMatch: created, body: { organisationName: `${name} renamed` } });
    stream.current.push(change('Customer', created.id, 'updated', etagOf(updated)));
    await waitFor(() => rowTexts(table)[0]?.includes('renamed'), 'the renamed row');
    expect(dataRows(table)[0]).to.equal(row);

    // A user (deleted for good, unlike customers) disappears from the users list.
    const users = provider.querySelector('fco-users')!;
    const usersTable = tableOf(users);
    const user = await api.users.create({ body: { customerId: created.id, firstName: 'Gone', lastName: unique('Soon').replace(/ /g, ''), email: `gone-${Date.now()}@widgets.example` } });
    await applyFilter(usersTable, { q: user.lastName });
    await waitFor(() => dataRows(usersTable).length === 1, 'the user row');
    await api.users.delete({ userId: user.id, ifMatch: user });
    stream.current.push(change('User', user.id, 'deleted'));
    await waitFor(() => inShadow(usersTable, '[data-state="empty"]'), 'the deleted user to disappear');
  });

  it('keeps an open record’s related list live (a customer’s users)', async () => {
    const api = await apiAs(LICENSEE);
    const name = unique('Live related');
    const created = await createCustomer(api, name);
    const stream = fakeStream();
    const provider = await mountFed('<fco-customers></fco-customers>', stream);
    const { widget, table } = await customersTable(provider, name);
    const dialog = await openDetail(widget, await waitFor(() => dataRows(table)[0], 'the row'));
    const related = await waitFor(() => dialog.querySelector('fco-data-table.related'), 'the customer’s users');
    await waitFor(() => dataRows(related).length > 0 || inShadow(related, '[data-state="empty"]'), 'the users to load');
    const lastName = unique('Joined').replace(/ /g, '');
    const user = await api.users.create({ body: { customerId: created.id, firstName: 'Newly', lastName, email: `joined-${Date.now()}@widgets.example` } });
    stream.current.push(change('User', user.id, 'created'));
    await waitFor(() => rowTexts(related).some((text) => text.includes(lastName)), 'the new user in the open record');
  });

  it('reloads the pending list (and its count) on a creation, and everything on a reset', async () => {
    const stream = fakeStream();
    const provider = await mountFed('<fco-pending-customers></fco-pending-customers><fco-customers></fco-customers>', stream);
    const pending = provider.querySelector('fco-pending-customers') as FcoPendingCustomers;
    const before = await waitFor(() => pending.count, 'the count');
    const id = await signUpPending(unique('Live signup'));
    stream.current.push(change('Customer', id, 'created', '"x"'));
    await waitFor(() => pending.count === before + 1, 'the count to grow');

    const name = unique('After reset');
    const { table } = await customersTable(provider, name);
    await waitFor(() => inShadow(table, '[data-state="empty"]'), 'no such customer yet');
    await createCustomer(await apiAs(LICENSEE), name);
    stream.current.push({ type: 'reset', id: 'reset-1', data: {} });
    await waitFor(() => rowTexts(table)[0]?.includes(name), 'the new customer after the reset');
  });

  it('tells an open edit that its record changed and merges instead of failing on save; a deletion ends the dialog', async () => {
    const api = await apiAs(LICENSEE);
    const name = unique('Live edit');
    const created = await createCustomer(api, name, { vatNumber: 'GB111' });
    const stream = fakeStream();
    const provider = await mountFed('<fco-customers></fco-customers>', stream);
    const { widget, table } = await customersTable(provider, name);
    await waitFor(() => dataRows(table).length === 1, 'the row');
    const dialog = await openDetail(widget, dataRows(table)[0]!);
    await press(dialog, 'customer-edit');
    await fill(dialog, { timeZone: 'Europe/Berlin' });

    const theirs = await api.customers.update({ customerId: created.id, ifMatch: await api.customers.get({ customerId: created.id }), body: { vatNumber: 'DE-THEIRS' } });
    stream.current.push(change('Customer', created.id, 'updated', etagOf(theirs)));
    const merge = await waitFor(() => dialog.querySelector('[data-conflict]'), 'the merge view');
    expect(merge.querySelector('h3')?.textContent).to.contain('Someone else changed this');
    expect(merge.querySelector('[data-field="vatNumber"]')?.textContent).to.contain('DE-THEIRS');
    expect(dialog.querySelector<HTMLInputElement>('input[data-field="timeZone"]')!.value).to.equal('Europe/Berlin');
    await press(dialog, 'save');
    await waitFor(() => dialog.querySelector('[data-action="customer-edit"]'), 'the saved record');
    const saved = await api.customers.get({ customerId: created.id });
    expect([saved.timeZone, saved.vatNumber]).to.deep.equal(['Europe/Berlin', 'DE-THEIRS']);

    // Changed while only viewed: the record shows the new version and says so.
    const again = await api.customers.update({ customerId: created.id, ifMatch: saved, body: { vatNumber: 'DE-AGAIN' } });
    stream.current.push(change('Customer', created.id, 'updated', etagOf(again)));
    await waitFor(() => dialog.querySelector('[data-notice]')?.textContent?.includes('Someone else changed this'), 'the notice');
    await waitFor(() => dialog.textContent?.includes('DE-AGAIN'), 'the new version in the dialog');

    // Deleted elsewhere (customers are kept as DELETED, so this is what a hard deletion of any object looks like).
    stream.current.push(change('Customer', created.id, 'deleted'));
    await waitFor(() => dialog.querySelector('[data-notice]')?.textContent?.includes('deleted'), 'the deletion notice');
    expect(Boolean(dialog.querySelector('[data-action="customer-edit"]'))).to.equal(false);
  });
});
