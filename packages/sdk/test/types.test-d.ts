// Compile-time tests of the generated client types, checked by `tsc -p tsconfig.test.json` in `npm test`.
// Every `@ts-expect-error` must hold: if a type regression made the line compile, tsc fails the test.
import { createClient, paginate, etagOf, filter, type Schemas, type Client, type OperationOptions } from '../src/index.js';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function assertType<T extends true>(): T | void {}

declare const client: Client;
const customerId = '0b5f7a52-3c1e-4d59-9a57-6f1f2f0e9a11';

export async function typeTests(): Promise<void> {
  // Results are the spec's schemas.
  const customer = await client.customers.get({ customerId });
  assertType<Equal<typeof customer, Schemas['Customer']>>();
  const page = await client.customers.list({ filter: filter.eq('status', 'ACTIVE'), pageSize: 10 });
  assertType<Equal<(typeof page)['items'][number], Schemas['Customer']>>();
  assertType<Equal<Awaited<ReturnType<typeof client.customers.delete>>, void>>();
  assertType<Equal<Awaited<ReturnType<typeof client.invoices.downloadPdf>>, Blob>>();
  assertType<Equal<Awaited<ReturnType<typeof client.reports.export>>, string>>();

  // Options: nothing needed → argument optional; headers by camelCase name; call options everywhere.
  await client.customers.list();
  await client.customers.list({ signal: AbortSignal.timeout(1000), timeout: 500, offset: 100 });
  // Writes to an existing object take the object as read (its ETag is sent) or the ETag itself; never nothing.
  await client.customers.update({ customerId, ifMatch: customer, body: { email: 'a@example.com' } });
  await client.customers.update({ customerId, ifMatch: '"v1"', body: { email: 'a@example.com' } });
  await client.customers.delete({ customerId, ifMatch: customer });
  await client.customers.approve({ customerId, ifMatch: customer });
  const layout = await client.layout.get();
  await client.layout.replace({ ifMatch: layout, body: { tabs: layout.tabs } });
  // @ts-expect-error If-Match is required on an edit
  await client.customers.update({ customerId, body: { email: 'a@example.com' } });
  // @ts-expect-error If-Match is required on a delete
  await client.customers.delete({ customerId });
  // @ts-expect-error If-Match is required on a domain action
  await client.invoices.markPaid({ invoiceId: customerId, body: {} });
  // @ts-expect-error an ETag that may be missing does not do: pass the object
  await client.customers.update({ customerId, ifMatch: etagOf(customer), body: { email: 'a@example.com' } });
  // @ts-expect-error undefined is not an ETag
  await client.users.lock({ userId: customerId, ifMatch: undefined });
  await client.customers.create({
    idempotencyKey: 'k-1',
    body: {} as OperationOptions<'createCustomer'>['body'],
  });

  // @ts-expect-error wrong parameter type (pageSize is an integer)
  await client.customers.list({ pageSize: '10' });
  // @ts-expect-error missing required path parameter
  await client.customers.get({});
  // @ts-expect-error no argument where a path parameter is required
  await client.customers.get();
  // @ts-expect-error unknown operation
  await client.customers.frobnicate();
  // @ts-expect-error unknown group
  await client.frobnicators.list();
  // @ts-expect-error wrong body field
  await client.customers.update({ customerId, body: { colour: 'red' } });
  // @ts-expect-error unknown option key
  await client.customers.get({ customerId, cusomerId: customerId });
  // @ts-expect-error a required body is missing
  await client.customers.changeStatus({ customerId });
  // @ts-expect-error an operation without a body takes none
  await client.customers.get({ customerId, body: {} });
  // @ts-expect-error If-Match is only for operations that declare it
  await client.customers.list({ ifMatch: '"x"' });

  // paginate is typed by the list it walks.
  for await (const item of paginate(client.customers.list, { filter: 'status = ACTIVE', pageSize: 100 })) {
    assertType<Equal<typeof item, Schemas['Customer']>>();
  }
  for await (const p of paginate.pages(client.users.list, {})) {
    assertType<Equal<(typeof p)['items'][number], Schemas['User']>>();
  }
  // @ts-expect-error paginate needs a list operation
  paginate(client.customers.get, { customerId });
  // @ts-expect-error paginate checks the list's options
  paginate(client.customers.list, { pageSize: 'many' });
  // @ts-expect-error paginate rejects unknown options
  paginate(client.customers.list, { colour: 'red' });
  paginate(client.customers.list);
  paginate(client.images.listPublications, { imageId: customerId });
  // @ts-expect-error a list with a path parameter needs it
  paginate(client.images.listPublications);

  createClient({ baseUrl: 'http://127.0.0.1', auth: async () => ({ token: 't', expiresAt: Date.now() + 60_000 }) });
  // @ts-expect-error auth is required
  createClient({ baseUrl: 'http://127.0.0.1' });
}

// The spec's list metadata types a user interface built from it: fields, sort and filter fields come from x-fco-list.
import { metadata, methodOf, type ListItem, type SortableField, type FilterableField, type ItemField } from '../src/index.js';

export async function metadataTypeTests(): Promise<void> {
  assertType<Equal<ListItem<typeof metadata.listServers>, Schemas['Server']>>();
  const sortable: SortableField<typeof metadata.listServers> = 'cpu';
  // @ts-expect-error customerId is filterable but the list cannot sort by it
  const notSortable: SortableField<typeof metadata.listServers> = 'customerId';
  const filterable: FilterableField<typeof metadata.listDisks> = 'serverId';
  // @ts-expect-error a typo is not a field
  const typo: ItemField<typeof metadata.listServers> = 'nmae';
  assertType<Equal<(typeof metadata.ServerStatus)[number], Schemas['ServerStatus']>>();
  const list = methodOf(client, 'listServers');
  const page = await list({ pageSize: 5 });
  assertType<Equal<(typeof page)['items'][number], Schemas['Server']>>();
  void [sortable, notSortable, filterable, typo];
}

// An event-stream operation is iterated, not awaited: its events are typed by name from the spec's x-fco-events.
import type { OperationEvent } from '../src/index.js';

export async function streamTypeTests(): Promise<void> {
  for await (const event of client.changes.stream({ lastEventId: '42', signal: AbortSignal.timeout(1000) })) {
    if (event.type === 'change') {
      assertType<Equal<typeof event.data, Schemas['ChangeEvent']>>();
      const kind: Schemas['ChangeKind'] = event.data.kind;
      void kind;
    } else {
      assertType<Equal<typeof event.type, 'reset'>>();
    }
    assertType<Equal<typeof event.id, string>>();
  }
  assertType<Equal<OperationEvent<'streamChanges'>['type'], 'change' | 'reset'>>();
  // @ts-expect-error a stream is not a promise of one result
  await client.changes.stream().then(() => undefined);
  // @ts-expect-error the header option is lastEventId
  client.changes.stream({ lastEventID: '1' });
}
