import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { demoBillingEntityId } from '../src/areas/billing-entities/seed.js';
import { demoProductId, demoProductOfferId } from '../src/areas/products/seed.js';
import { assertProblem, assertUnknownReference, startTestServer, type TestServer } from './harness.js';

const ALPHA = demoBillingEntityId('alpha');
const ALPHA_KIDS = demoBillingEntityId('alpha-kids');
const BETA = demoBillingEntityId('beta');

const serverProduct = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  associatedType: 'SERVER',
  components: [
    {
      name: 'CPU',
      referenceField: 'cpu',
      configurableValues: [{ key: 'cpus', name: 'CPUs', validator: 'NUMERIC_INT', validatorArgs: { min: '1', max: '64' }, value: '2' }],
      measuredValues: [{ key: 'cpuHours', name: 'CPU hours', unit: 'hour' }],
      optional: false,
    },
  ],
  ...extra,
});

describe('products and product offers', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer({ customers: 150 });
  });
  after(() => t.close());

  it('lists the seeded catalogue in scope, with inUse derived from references', async () => {
    const all = await t.call('listProducts', { token: t.tokens.licensee, query: { pageSize: 100 } });
    assert.equal(all.status, 200);
    assert.equal(all.body.totalSize, 30);
    const alpha = await t.call('listProducts', { token: t.tokens.alpha, query: { pageSize: 100 } });
    assert.ok(alpha.body.items.every((p: any) => [ALPHA, ALPHA_KIDS].includes(p.billingEntityId)));
    assert.equal(alpha.body.totalSize, 12);
    const beta = await t.call('listProducts', { token: t.tokens.beta, query: { filter: 'inUse = false' } });
    assert.deepEqual(beta.body.items.map((p: any) => p.name), ['Snapshots'], 'the product without offers is not in use');
    const servers = await t.call('listProducts', { token: t.tokens.beta, query: { filter: 'associatedType = SERVER', orderBy: 'name' } });
    assert.equal(servers.body.items.length, 1);
    assert.equal(servers.body.items[0].inUse, true);

    const offers = await t.call('listProductOffers', { token: t.tokens.beta, query: { pageSize: 100 } });
    assert.equal(offers.body.totalSize, 12);
    assert.ok(offers.body.items.every((o: any) => o.billingEntityId === BETA && o.price.currency === 'USD'));
    const used = await t.call('listProductOffers', { token: t.tokens.beta, query: { filter: 'inUse = true', pageSize: 100 } });
    assert.ok(used.body.items.some((o: any) => o.id === demoProductOfferId('beta', 'server-small-hourly')) || used.body.items.length > 0);
    assert.ok(used.body.items.length < offers.body.items.length);
    const inactive = await t.call('listProductOffers', { token: t.tokens.beta, query: { filter: 'active = false' } });
    assert.equal(inactive.body.items.length, 1);
    const monthly = await t.call('listProductOffers', { token: t.tokens.alpha, query: { filter: `billingPeriod = MONTHLY AND productId = "${demoProductId('alpha', 'server')}"`, orderBy: 'name desc' } });
    assert.deepEqual(monthly.body.items.map((o: any) => o.name), ['Standard server, monthly (2024 price)', 'Standard server, monthly']);
    assertProblem(await t.call('listProductOffers', { token: t.tokens.alpha, query: { orderBy: 'price' } }), 400, 'invalid_order_by');
    assertProblem(await t.call('listProducts', {}), 401, 'unauthenticated');
  });

  it('an offer chosen by a customer is in use, and free again when the customer drops it', async () => {
    const product = (await t.call('createProduct', { token: t.tokens.alpha, body: serverProduct('Chosen server') })).body;
    const offer = (await t.call('createProductOffer', { token: t.tokens.alpha, body: { name: 'Chosen monthly', productId: product.id, billingPeriod: 'MONTHLY', unitType: 'NONCARRYOVER', price: { amount: '10.00', currency: 'GBP' } } })).body;
    assert.equal(offer.inUse, false);
    assert.equal((await t.call('getProduct', { token: t.tokens.alpha, params: { productId: product.id } })).body.inUse, true);
    const customer = await t.call('createCustomer', {
      token: t.tokens.alpha,
      body: { organisationName: 'Offer Taker', email: 'taker@offer.example', productOfferId: offer.id, adminUser: { firstName: 'Otto', lastName: 'Taker', email: 'otto@offer.example' } },
    });
    assert.equal(customer.status, 201);
    const inUse = await t.call('getProductOffer', { token: t.tokens.alpha, params: { productOfferId: offer.id } });
    assert.equal(inUse.body.inUse, true);
    assertProblem(await t.call('deleteProductOffer', { token: t.tokens.alpha, params: { productOfferId: offer.id } }), 409, 'invalid_state');
    // Locked fields: the 409 says why and points at each one the change touched (the same values again are no change).
    const locked = await t.call('updateProductOffer', { token: t.tokens.alpha, params: { productOfferId: offer.id }, body: { billingPeriod: 'HOURLY', unitType: 'CARRYOVER', name: 'Renamed' } });
    assertProblem(locked, 409, 'invalid_state');
    assert.equal(locked.body.detail, 'Chosen monthly bills customers or resources: its billing period and unit type cannot change.');
    assert.deepEqual(locked.body.errors.map((e: any) => [e.pointer, e.code]), [['/billingPeriod', 'locked'], ['/unitType', 'locked']]);
    const one = await t.call('updateProductOffer', { token: t.tokens.alpha, params: { productOfferId: offer.id }, body: { unitType: 'CARRYOVER', billingPeriod: 'MONTHLY' } });
    assert.deepEqual(one.body.errors.map((e: any) => e.pointer), ['/unitType']);
    // Price, name and active may change while in use.
    const repriced = await t.call('updateProductOffer', { token: t.tokens.alpha, params: { productOfferId: offer.id }, headers: { 'if-match': inUse.headers.get('etag')! }, body: { price: { amount: '11.50', currency: 'GBP' }, active: false } });
    assert.equal(repriced.status, 200);
    assert.deepEqual(repriced.body.price, { amount: '11.50', currency: 'GBP' });
    assert.equal(repriced.body.active, false);
    assert.equal(repriced.body.inUse, true);
    assert.equal(repriced.headers.get('etag'), (await t.call('getProductOffer', { token: t.tokens.alpha, params: { productOfferId: offer.id } })).headers.get('etag'));
    assertProblem(await t.call('updateProductOffer', { token: t.tokens.alpha, params: { productOfferId: offer.id }, headers: { 'if-match': inUse.headers.get('etag')! }, body: { name: 'Stale' } }), 412, 'precondition_failed');

    await t.call('updateCustomer', { token: t.tokens.alpha, params: { customerId: customer.body.id }, body: { productOfferId: null } });
    assert.equal((await t.call('getProductOffer', { token: t.tokens.alpha, params: { productOfferId: offer.id } })).body.inUse, false);
    assert.equal((await t.call('updateProductOffer', { token: t.tokens.alpha, params: { productOfferId: offer.id }, body: { billingPeriod: 'HOURLY' } })).body.billingPeriod, 'HOURLY');
    assert.equal((await t.call('deleteProductOffer', { token: t.tokens.alpha, params: { productOfferId: offer.id } })).status, 204);
    assert.equal((await t.call('getProduct', { token: t.tokens.alpha, params: { productId: product.id } })).body.inUse, false);
  });

  it('seeded servers make their offer in use', async () => {
    const servers = await t.call('listServers', { token: t.tokens.licensee, query: { pageSize: 1 } });
    assert.ok(servers.body.totalSize > 0, 'the demo has servers');
    const server = servers.body.items[0];
    assert.ok(server.productOfferId, 'seeded servers are billed by an offer');
    const offer = await t.call('getProductOffer', { token: t.tokens.licensee, params: { productOfferId: server.productOfferId } });
    assert.equal(offer.body.inUse, true);
    assert.equal(offer.body.billingEntityId, server.billingEntityId);
  });

  it('creates, edits and deletes a product; in-use products keep type and components', async () => {
    const created = await t.call('createProduct', { token: t.tokens.beta, body: serverProduct('Beta compute', { description: 'CPU only' }) });
    assert.equal(created.status, 201);
    const product = created.body;
    assert.equal(created.headers.get('location'), `/v1/products/${product.id}`);
    assert.equal(product.billingEntityId, BETA);
    assert.equal(product.inUse, false);
    assert.equal(product.description, 'CPU only');

    const etag = (await t.call('getProduct', { token: t.tokens.beta, params: { productId: product.id } })).headers.get('etag')!;
    const edited = await t.call('updateProduct', { token: t.tokens.beta, params: { productId: product.id }, headers: { 'if-match': etag }, body: { description: null, associatedType: 'VDC' } });
    assert.equal(edited.status, 200);
    assert.equal(edited.body.description, null);
    assert.equal(edited.body.associatedType, 'VDC');
    assertProblem(await t.call('updateProduct', { token: t.tokens.beta, params: { productId: product.id }, headers: { 'if-match': etag }, body: { name: 'x' } }), 412, 'precondition_failed');

    const offer = await t.call('createProductOffer', { token: t.tokens.beta, body: { name: 'Beta compute hourly', productId: product.id, billingPeriod: 'HOURLY', unitType: 'NONCARRYOVER', price: { amount: '0.03', currency: 'USD' }, componentConfig: [{ componentName: 'CPU', key: 'cpus', value: '4' }] } });
    assert.equal(offer.status, 201);
    assert.equal(offer.headers.get('location'), `/v1/product-offers/${offer.body.id}`);
    assert.equal(offer.body.billingEntityId, BETA);
    assert.equal(offer.body.active, true);
    assert.deepEqual(offer.body.clusterIds, []);

    assert.equal((await t.call('getProduct', { token: t.tokens.beta, params: { productId: product.id } })).body.inUse, true);
    for (const [body, pointers] of [[{ associatedType: 'SERVER' }, ['/associatedType']], [{ components: [] }, ['/components']], [{ associatedType: 'SERVER', components: [] }, ['/associatedType', '/components']]] as const) {
      const locked = await t.call('updateProduct', { token: t.tokens.beta, params: { productId: product.id }, body });
      assertProblem(locked, 409, 'invalid_state');
      assert.match(locked.body.detail, /is in use by product offers: its type and components cannot change/);
      assert.deepEqual(locked.body.errors.map((e: any) => [e.pointer, e.code]), pointers.map((p) => [p, 'locked']));
    }
    assertProblem(await t.call('deleteProduct', { token: t.tokens.beta, params: { productId: product.id } }), 409, 'invalid_state');
    // The same components again is no change.
    assert.equal((await t.call('updateProduct', { token: t.tokens.beta, params: { productId: product.id }, body: { name: 'Beta compute v2', components: product.components } })).status, 200);

    assert.equal((await t.call('deleteProductOffer', { token: t.tokens.beta, params: { productOfferId: offer.body.id } })).status, 204);
    assertProblem(await t.call('getProductOffer', { token: t.tokens.beta, params: { productOfferId: offer.body.id } }), 404, 'not_found');
    assertProblem(await t.call('deleteProduct', { token: t.tokens.beta, params: { productId: product.id }, headers: { 'if-match': '"stale"' } }), 412, 'precondition_failed');
    assert.equal((await t.call('deleteProduct', { token: t.tokens.beta, params: { productId: product.id } })).status, 204);
    assertProblem(await t.call('getProduct', { token: t.tokens.beta, params: { productId: product.id } }), 404, 'not_found');
  });

  it('keeps tenants apart', async () => {
    const betaProduct = demoProductId('beta', 'server');
    const betaOffer = demoProductOfferId('beta', 'server-standard-monthly');
    assertProblem(await t.call('getProduct', { token: t.tokens.alpha, params: { productId: betaProduct } }), 404, 'not_found');
    assertProblem(await t.call('updateProduct', { token: t.tokens.alpha, params: { productId: betaProduct }, body: { name: 'Mine' } }), 404, 'not_found');
    assertProblem(await t.call('deleteProduct', { token: t.tokens.alpha, params: { productId: demoProductId('beta', 'snapshot') } }), 404, 'not_found');
    assertProblem(await t.call('getProductOffer', { token: t.tokens.alpha, params: { productOfferId: betaOffer } }), 404, 'not_found');
    assertProblem(await t.call('updateProductOffer', { token: t.tokens.alpha, params: { productOfferId: betaOffer }, body: { name: 'Mine' } }), 404, 'not_found');
    assertProblem(await t.call('deleteProductOffer', { token: t.tokens.alpha, params: { productOfferId: demoProductOfferId('beta', 'ip-setup') } }), 404, 'not_found');
    assertUnknownReference(await t.call('createProduct', { token: t.tokens.alpha, body: serverProduct('Into Beta', { billingEntityId: BETA }) }), '/billingEntityId');
    const offerOfBeta = await t.call('createProductOffer', { token: t.tokens.alpha, body: { name: 'Steal', productId: betaProduct, billingPeriod: 'MONTHLY', unitType: 'NONCARRYOVER', price: { amount: '1.00', currency: 'USD' } } });
    assertProblem(offerOfBeta, 422, 'validation_failed');
    assert.equal(offerOfBeta.body.errors[0].pointer, '/productId');
    // Descendants are in scope; the licensee reaches everything.
    assert.equal((await t.call('getProduct', { token: t.tokens.alpha, params: { productId: demoProductId('alpha-kids', 'disk') } })).status, 200);
    assert.equal((await t.call('getProductOffer', { token: t.tokens.licensee, params: { productOfferId: betaOffer } })).status, 200);
    const kids = await t.call('createProduct', { token: t.tokens.alpha, body: serverProduct('Kids compute', { billingEntityId: ALPHA_KIDS }) });
    assert.equal(kids.body.billingEntityId, ALPHA_KIDS);
  });

  it('validates products and offers (422 naming the entry)', async () => {
    const duplicateComponent = serverProduct('Dup');
    duplicateComponent.components.push({ ...duplicateComponent.components[0]! });
    const dup = await t.call('createProduct', { token: t.tokens.alpha, body: duplicateComponent });
    assertProblem(dup, 422, 'validation_failed');
    assert.deepEqual(dup.body.errors.map((e: any) => e.pointer), ['/components/1/name']);

    const duplicateKey = serverProduct('Dup key');
    duplicateKey.components[0]!.measuredValues.push({ key: 'cpus', name: 'Again', unit: 'hour' });
    const dupKey = await t.call('createProduct', { token: t.tokens.alpha, body: duplicateKey });
    assert.deepEqual(dupKey.body.errors.map((e: any) => e.pointer), ['/components/0/measuredValues/1/key']);

    const badDefault = serverProduct('Bad default');
    badDefault.components[0]!.configurableValues[0]!.value = '99';
    assert.deepEqual((await t.call('createProduct', { token: t.tokens.alpha, body: badDefault })).body.errors.map((e: any) => e.pointer), ['/components/0/configurableValues/0/value']);
    // A validator the server will not run is refused for what it is, with or without a default, at its argument.
    const withValidator = (validator: string, validatorArgs: unknown, value: string | null) => {
      const body = serverProduct(`Validator ${validator}`);
      body.components[0]!.configurableValues[0] = { key: 'cpus', name: 'CPUs', validator, validatorArgs, value } as never;
      return t.call('createProduct', { token: t.tokens.alpha, body });
    };
    const at = '/components/0/configurableValues/0';
    for (const [args, value, pointer, why] of [
      [{ pattern: '(a+)+' }, null, `${at}/validatorArgs/pattern`, /repeats a group that itself repeats/],
      [{ pattern: '(a+)+' }, 'aaa', `${at}/validatorArgs/pattern`, /exponential time/],
      [{ pattern: '(a)\\1' }, null, `${at}/validatorArgs/pattern`, /backreferences/],
      [{ pattern: '[a-' }, null, `${at}/validatorArgs/pattern`, /not a valid regular expression/],
      [{ min: '1' }, null, `${at}/validatorArgs/pattern`, /needs a pattern/],
      [null, 'x', `${at}/validatorArgs`, /needs a pattern/],
    ] as const) {
      const refused = await withValidator('REGEX', args, value);
      assertProblem(refused, 422, 'validation_failed');
      assert.deepEqual(refused.body.errors.map((e: any) => [e.pointer, e.code]), [[pointer, 'invalid_validator']], JSON.stringify(args));
      assert.match(refused.body.errors[0].message, why);
      assert.doesNotMatch(refused.body.detail, /code block/, 'products have no code block');
    }
    assert.deepEqual((await withValidator('ENUM', {}, null)).body.errors.map((e: any) => e.pointer), [`${at}/validatorArgs/options`]);
    assert.deepEqual((await withValidator('NUMERIC_INT', { min: '5', max: '1' }, null)).body.errors.map((e: any) => e.pointer), [`${at}/validatorArgs/min`]);
    const fine = await withValidator('REGEX', { pattern: '^[a-z]+(-[a-z]+)?$' }, 'small-box');
    assert.equal(fine.status, 201, JSON.stringify(fine.body));
    assertProblem(await t.call('createProduct', { token: t.tokens.alpha, body: serverProduct('Bad type', { associatedType: 'TOASTER' }) }), 422, 'validation_failed');
    assertProblem(await t.call('createProduct', { token: t.tokens.alpha, body: serverProduct('Read only', { inUse: true }) }), 422, 'read_only_field');
    assertProblem(await t.call('createProduct', { token: t.tokens.alpha, body: { name: 'No components', associatedType: 'DISK' } }), 422, 'validation_failed');

    const product = demoProductId('alpha', 'server');
    const offer = (extra: Record<string, unknown>) => ({ name: 'Test offer', productId: product, billingPeriod: 'MONTHLY', unitType: 'NONCARRYOVER', price: { amount: '5.00', currency: 'GBP' }, ...extra });
    const pointers = async (extra: Record<string, unknown>) => {
      const result = await t.call('createProductOffer', { token: t.tokens.alpha, body: offer(extra) });
      assertProblem(result, 422, 'validation_failed');
      return result.body.errors.map((e: any) => e.pointer);
    };
    assert.deepEqual(await pointers({ price: { amount: '5.00', currency: 'EUR' } }), ['/price/currency']);
    assert.deepEqual(await pointers({ price: { amount: '5.001', currency: 'GBP' } }), ['/price/amount']);
    assert.deepEqual(await pointers({ price: { amount: '-5.00', currency: 'GBP' } }), ['/price/amount']);
    assert.deepEqual(await pointers({ componentConfig: [{ componentName: 'GPU', key: 'gpus', value: '1' }] }), ['/componentConfig/0/componentName']);
    assert.deepEqual(await pointers({ componentConfig: [{ componentName: 'CPU', key: 'threads', value: '1' }] }), ['/componentConfig/0/key']);
    assert.deepEqual(await pointers({ componentConfig: [{ componentName: 'CPU', key: 'cpus', value: 'lots' }] }), ['/componentConfig/0/value']);
    assert.deepEqual(await pointers({ componentConfig: [{ componentName: 'CPU', key: 'cpus', value: '2' }, { componentName: 'CPU', key: 'cpus', value: '3' }] }), ['/componentConfig/1/key']);
    assert.deepEqual(await pointers({ clusterIds: ['00000000-0000-4000-8000-000000000000'] }), ['/clusterIds/0']);
    assert.deepEqual(await pointers({ billingEntityId: ALPHA_KIDS }), ['/billingEntityId']);
    assert.deepEqual(await pointers({ productId: '00000000-0000-4000-8000-000000000000' }), ['/productId']);
    assertProblem(await t.call('createProductOffer', { token: t.tokens.alpha, body: offer({ billingPeriod: 'FORTNIGHTLY' }) }), 422, 'validation_failed');
    assertProblem(await t.call('createProductOffer', { token: t.tokens.alpha, body: offer({ price: { amount: '5', currency: 'GBP' }, inUse: false }) }), 422, 'read_only_field');

    const clusters = await t.call('listClusters', { token: t.tokens.licensee, query: { pageSize: 1 } });
    const withCluster = await t.call('createProductOffer', { token: t.tokens.alpha, body: offer({ clusterIds: clusters.body.items.map((c: any) => c.id) }) });
    assert.equal(withCluster.status, 201);
    const existing = demoProductOfferId('alpha', 'disk-ssd');
    assertProblem(await t.call('updateProductOffer', { token: t.tokens.alpha, params: { productOfferId: existing }, body: { productId: product } }), 422, 'read_only_field');
    assertProblem(await t.call('updateProductOffer', { token: t.tokens.alpha, params: { productOfferId: existing }, body: { price: { amount: '1.00', currency: 'USD' } } }), 422, 'validation_failed');
    assertProblem(await t.call('updateProductOffer', { token: t.tokens.alpha, params: { productOfferId: existing }, body: { componentConfig: [{ componentName: 'Storage', key: 'tier', value: 'tape' }] } }), 422, 'validation_failed');
    assertProblem(await t.call('updateProductOffer', { token: t.tokens.alpha, params: { productOfferId: existing }, body: {} }), 422, 'validation_failed');
  });
});
