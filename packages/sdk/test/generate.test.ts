import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
// @ts-expect-error the generator is plain JavaScript without declarations
import { buildOperationTable, methodName, resolve } from '../scripts/generate.mjs';
// @ts-expect-error plain JavaScript without declarations
import { buildMetadata } from '../scripts/metadata.mjs';

const run = promisify(execFile);
const generator = fileURLToPath(new URL('../scripts/generate.mjs', import.meta.url));

type Operation = Record<string, unknown>;
const op = (operationId: string, tag: string, extra: Operation = {}): Operation => ({
  operationId,
  tags: [tag],
  responses: { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'object' } } } } },
  ...extra,
});
const spec = (paths: Record<string, Record<string, Operation>>) => ({ openapi: '3.1.0', info: { title: 't', version: '1' }, paths });
const names = (table: Map<string, Map<string, { id: string }>>) =>
  Object.fromEntries([...table].map(([group, methods]) => [group, Object.fromEntries([...methods].map(([n, d]) => [n, d.id]))]));

describe('method names', () => {
  for (const [operationId, tag, expected] of [
    ['listCustomers', 'customers', 'list'],
    ['approveCustomer', 'customers', 'approve'],
    ['changeCustomerStatus', 'customers', 'changeStatus'],
    ['listServers', 'resources', 'listServers'],
    ['getBillingEntity', 'billing-entities', 'get'],
    ['listBillingEntities', 'billing-entities', 'list'],
    ['listProductOffers', 'product-offers', 'list'],
    ['getMe', 'identity', 'getMe'],
    ['listUsersettings', 'users', 'listUsersettings'],
  ] as const) {
    it(`${operationId} in ${tag} → ${expected}`, () => assert.equal(methodName(operationId, tag), expected));
  }
});

describe('operation table', () => {
  it('groups by tag, honours x-fco-method and describes parameters, body and response', () => {
    const table = buildOperationTable(
      spec({
        '/v1/billing-entities/{billingEntityId}': {
          parameters: [{ name: 'billingEntityId', in: 'path', required: true, schema: { type: 'string' } }] as never,
          get: op('getBillingEntity', 'billing-entities', { parameters: [{ name: 'If-None-Match', in: 'header', schema: { type: 'string' } }] }),
          post: op('signBillingEntity', 'billing-entities', {
            'x-fco-method': 'countersign',
            requestBody: { content: { 'application/merge-patch+json': { schema: { type: 'object' } } } },
          }),
        },
        '/v1/invoices/{invoiceId}/pdf': {
          get: op('downloadInvoicePdf', 'invoices', {
            parameters: [{ name: 'invoiceId', in: 'path', required: true, schema: { type: 'string' } }],
            responses: { '200': { description: 'pdf', content: { 'application/pdf': {} } } },
          }),
        },
      }),
    );
    assert.deepEqual(names(table), {
      billingEntities: { get: 'getBillingEntity', countersign: 'signBillingEntity' },
      invoices: { downloadPdf: 'downloadInvoicePdf' },
    });
    assert.deepEqual(table.get('billingEntities').get('get'), {
      id: 'getBillingEntity',
      method: 'GET',
      path: '/v1/billing-entities/{billingEntityId}',
      pathParams: ['billingEntityId'],
      headers: ['If-None-Match'],
      response: 'json',
    });
    assert.equal(table.get('billingEntities').get('countersign').body, 'application/merge-patch+json');
    assert.equal(table.get('invoices').get('downloadPdf').response, 'binary');
  });

  it('fails loudly on a name collision', () => {
    assert.throws(
      () => buildOperationTable(spec({ '/a': { get: op('listCustomers', 'customers') }, '/b': { get: op('listCustomer', 'customers') } })),
      /name collision: listCustomers and listCustomer both map to client\.customers\.list/,
    );
  });

  it('fails loudly on an operation without exactly one tag or with a reserved parameter name', () => {
    assert.throws(() => buildOperationTable(spec({ '/a': { get: op('listThings', 'things', { tags: [] }) } })), /exactly one tag/);
    assert.throws(
      () => buildOperationTable(spec({ '/a': { get: op('listThings', 'things', { parameters: [{ name: 'signal', in: 'query' }] }) } })),
      /"signal" is used twice or is reserved/,
    );
  });
});

describe('event streams', () => {
  const streamSpec = (content: Record<string, unknown>, schemas: Record<string, unknown> = { Tick: { type: 'object' } }) => ({
    ...spec({ '/v1/ticks': { get: op('streamTicks', 'ticks', { responses: { '200': { description: 'events', content } } }) } }),
    components: { schemas },
  });

  it('describes a text/event-stream answer as events typed by name, not as text to read whole', () => {
    const table = buildOperationTable(streamSpec({ 'text/event-stream': { schema: { type: 'string' }, 'x-fco-events': { tick: 'Tick' } } }));
    assert.deepEqual(table.get('ticks').get('stream'), {
      id: 'streamTicks',
      method: 'GET',
      path: '/v1/ticks',
      response: 'events',
      accept: 'text/event-stream',
      events: { tick: 'Tick' },
    });
  });

  it('fails loudly on a stream without x-fco-events, naming an unknown schema, or mixed with JSON', () => {
    assert.throws(() => buildOperationTable(streamSpec({ 'text/event-stream': { schema: { type: 'string' } } })), /needs x-fco-events/);
    assert.throws(
      () => buildOperationTable(streamSpec({ 'text/event-stream': { 'x-fco-events': { tick: 'Tock' } } })),
      /x-fco-events\.tick must name a schema of components\/schemas, got "Tock"/,
    );
    assert.throws(
      () => buildOperationTable(streamSpec({ 'text/event-stream': { 'x-fco-events': { tick: 'Tick' } }, 'application/json': {} })),
      /cannot share its 2xx answers/,
    );
  });
});

describe('metadata', () => {
  const listSpec = (item: Record<string, unknown>, list: Record<string, unknown>, schemas: Record<string, unknown> = {}) => ({
    ...spec({
      '/v1/things': {
        get: op('listThings', 'things', {
          'x-fco-list': list,
          responses: {
            '200': {
              description: 'ok',
              content: {
                'application/json': {
                  schema: { allOf: [{ type: 'object' }, { type: 'object', properties: { items: { type: 'array', items: { $ref: '#/components/schemas/Thing' } } } }] },
                },
              },
            },
          },
        }),
        post: op('createThing', 'things', {
          requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } } },
        }),
      },
    }),
    components: { schemas: { Thing: { type: 'object', required: ['name'], properties: item }, ...schemas } },
  });

  it('describes each item field by kind, keeps named enums apart, and lists what filters and sorts', () => {
    const result = buildMetadata(
      listSpec(
        {
          name: { type: 'string', maxLength: 20 },
          state: { $ref: '#/components/schemas/State' },
          at: { type: ['string', 'null'], format: 'date-time' },
          price: { allOf: [{ $ref: '#/components/schemas/Decimal' }] },
          tags: { type: 'array', items: { type: 'string' } },
        },
        { filterable: ['name', 'state'], sortable: ['at'] },
        { State: { type: 'string', enum: ['ON', 'OFF'] }, Decimal: { type: 'string', pattern: '^[0-9]+$' } },
      ),
      resolve,
    );
    assert.deepEqual(result.enums, [{ name: 'State', values: ['ON', 'OFF'] }]);
    assert.deepEqual(result.lists[0], {
      id: 'listThings',
      item: 'Thing',
      fields: { name: 'text', state: { enum: 'State', values: { $enum: 'State' } }, at: 'date-time', price: 'decimal', tags: { array: 'text' } },
      filterable: ['name', 'state'],
      sortable: ['at'],
    });
    assert.deepEqual(result.bodies[0].body.properties.name, { kind: 'text', maxLength: 20 });
    assert.deepEqual(result.bodies[0].body.properties.at, { kind: 'date-time', nullable: true });
    assert.deepEqual(result.bodies[0].body.required, ['name']);
  });

  it('marks a list whose items the change stream announces (their schema is a ChangeKind)', () => {
    const listed = (kinds: string[]) =>
      buildMetadata(listSpec({ name: { type: 'string' } }, { sortable: ['name'] }, { ChangeKind: { type: 'string', enum: kinds } }), resolve).lists[0];
    assert.equal(listed(['Thing', 'Other']).changes, true);
    assert.equal('changes' in listed(['Other']), false);
  });

  it('refuses a list field the item lacks and an unnamed enum in a list (its labels are found by name)', () => {
    assert.throws(() => buildMetadata(listSpec({ name: { type: 'string' } }, { sortable: ['nmae'] }), resolve), /names "nmae", which the item schema lacks/);
    assert.throws(() => buildMetadata(listSpec({ mode: { type: 'string', enum: ['A'] } }, {}), resolve), /must be a named schema/);
  });
});

describe('generate.mjs', () => {
  it('picks up a new operation and --check reports stale files', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fco-sdk-gen-'));
    try {
      const bundle = join(dir, 'bundle.json');
      await writeFile(bundle, JSON.stringify(spec({ '/v1/widgets': { get: op('listWidgets', 'widgets') } })));
      await run(process.execPath, [generator, '--bundle', bundle, '--out', dir]);
      assert.match(await readFile(join(dir, 'operations.ts'), 'utf8'), /widgets: \{\n {4}list: \{ id: "listWidgets"/);
      await run(process.execPath, [generator, '--bundle', bundle, '--out', dir, '--check']);

      await writeFile(bundle, JSON.stringify(spec({ '/v1/widgets': { get: op('listWidgets', 'widgets'), post: op('createWidget', 'widgets') } })));
      await assert.rejects(run(process.execPath, [generator, '--bundle', bundle, '--out', dir, '--check']), (error: { code: number; stderr: string }) => {
        assert.equal(error.code, 1);
        assert.match(error.stderr, /Stale generated SDK sources: .*schema\.ts, .*operations\.ts/);
        return true;
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
