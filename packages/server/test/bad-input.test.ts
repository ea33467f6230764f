/**
 * Bad input, driven by the spec: every operation with a body gets malformed JSON, wrong JSON types, each required
 * property missing, each property of the wrong type, an unknown property, over-long strings and a 2 MB body; every
 * path parameter a malformed id; every list bad filters, orders and paging. All must answer 4xx problem+json with the
 * request id (the harness checks each answer against the spec and fails on any 5xx). Run as the licensee, so tenancy
 * never masks validation.
 *
 * @sqlite-only Bad input is refused by the HTTP layer's validation before any query is made (the NUL character that
 * PostgreSQL text cannot hold included), so the dialect behind it makes no difference.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { operations, type JsonSchema, type OperationSpec } from '../src/spec/document.js';
import { validatorAt, validatorFor } from '../src/spec/validator.js';
import { sessionScopes } from '../src/identity/scopes.js';
import { fieldType } from '../src/store/filter/fields.js';
import { assertProblem, startTestServer, type CallResult, type TestServer } from './harness.js';
import { flatten, listOperationFor, pathParams, propertiesOf, requiredOf, sampleBody, sampleValue, typeOf, wrongTypeValue } from './spec-samples.js';

const ALL = [...operations.values()];
/** Bad input is refused before any If-Match is compared, so any ETag does (and spares the harness a fresh read). */
const anyEtag = (op: OperationSpec): Record<string, string> => (op.requiresIfMatch ? { 'if-match': '"unchecked"' } : {});
const WITH_BODY = ALL.filter((op) => op.requestBody);
const LISTS = ALL.filter((op) => op.list);
const HUGE = 'x'.repeat(100_000);

/** One property of a body schema, addressed by its JSON pointer (nested objects included). */
interface BodyProperty {
  pointer: string;
  path: string[];
  schema: JsonSchema;
  required: boolean;
}

function bodyProperties(schema: JsonSchema, prefix: string[] = [], depth = 0): BodyProperty[] {
  const result: BodyProperty[] = [];
  const required = new Set(requiredOf(schema));
  for (const [name, property] of Object.entries(propertiesOf(schema))) {
    const path = [...prefix, name];
    result.push({ pointer: `/${path.join('/')}`, path, schema: property, required: required.has(name) });
    if (depth < 2 && typeOf(property) === 'object' && Object.keys(propertiesOf(flatten(property))).length) {
      result.push(...bodyProperties(flatten(property), path, depth + 1));
    }
  }
  return result;
}

/** `body` with the value at `path` replaced (undefined: removed), creating the parent objects on the way. */
function withValue(body: unknown, path: string[], value: unknown): Record<string, unknown> {
  const copy = structuredClone(body ?? {}) as Record<string, any>;
  let node = copy;
  for (const key of path.slice(0, -1)) {
    if (typeof node[key] !== 'object' || node[key] === null || Array.isArray(node[key])) node[key] = {};
    node = node[key];
  }
  if (value === undefined) delete node[path.at(-1)!];
  else node[path.at(-1)!] = value;
  return copy;
}

function namesPointer(result: CallResult, pointer: string, what: string): void {
  const pointers = (result.body.errors ?? []).map((e: { pointer: string }) => e.pointer);
  assert.ok(pointers.includes(pointer), `${what}: errors do not name ${pointer}: ${JSON.stringify(result.body)}`);
}

function assertClientError(result: CallResult, what: string): void {
  assert.ok(result.status >= 400 && result.status < 500, `${what}: ${result.status} ${JSON.stringify(result.body)}`);
  assert.equal(result.headers.get('content-type')?.split(';')[0], 'application/problem+json', what);
  assert.ok(result.body.requestId, what);
}

describe('bad input', () => {
  let t: TestServer;
  let token: string;
  /** Real path ids (first item of each list, as the licensee), for lists nested under an object. */
  const realIds = new Map<string, string>();

  /** Well-formed path parameters: real ids where a nested list needs its parent, otherwise any valid value. */
  async function paramsFor(op: OperationSpec, real = false): Promise<Record<string, string>> {
    const params: Record<string, string> = {};
    for (const p of op.parameters.filter((p) => p.in === 'path')) {
      if (real) {
        const list = listOperationFor(op, p.name);
        const key = `${list.operationId}:${JSON.stringify(params)}`;
        if (!realIds.has(key)) {
          const page = await t.call(list.operationId, { token, params: { ...params }, query: { pageSize: 1 } });
          const item = page.body.items?.[0];
          assert.ok(item, `no item in ${list.operationId}`);
          realIds.set(key, item[p.name] ?? item.id);
        }
        params[p.name] = realIds.get(key)!;
      } else params[p.name] = String(sampleValue(p.schema, () => null));
    }
    return params;
  }

  before(async () => {
    t = await startTestServer({ customers: 20 });
    // A licensee API key holding every scope (embed-sessions:create is for API keys only), so no 403 hides a check.
    const key = await t.call('createApiKey', {
      token: t.tokens.licensee,
      body: { name: 'bad input', scopes: [...sessionScopes('LICENSEE_ADMIN'), 'embed-sessions:create'] },
    });
    assert.equal(key.status, 201);
    token = key.body.secret;
  });
  after(() => t.close());

  it('checks every operation with a body', () => {
    assert.ok(WITH_BODY.length >= 30, `${WITH_BODY.length}`);
    for (const op of WITH_BODY) {
      const validate = validatorAt(op.requestBody!.schemaPointer);
      assert.ok(validate(sampleBody(op, () => null)), `the generated sample body of ${op.operationId} is not valid: ${JSON.stringify(validate.errors)}`);
    }
  });

  it('malformed JSON → 400 invalid_json; a body of the wrong JSON type → 4xx', async () => {
    for (const op of WITH_BODY) {
      const params = await paramsFor(op);
      for (const rawBody of ['{"a": ', '{a: 1}', "{'a': 1}", '[1, 2', '\u0000']) {
        assertProblem(await t.call(op.operationId, { token, headers: anyEtag(op), params, rawBody }), 400, 'invalid_json');
      }
      for (const rawBody of ['[]', '"text"', '42', 'true', 'null']) {
        const result = await t.call(op.operationId, { token, headers: anyEtag(op), params, rawBody });
        assertClientError(result, `${op.operationId} ${rawBody}`);
        assert.notEqual(result.status, 404, `${op.operationId}: validation comes before the lookup`);
      }
    }
  });

  it('each required property missing → 422 naming it', async () => {
    let checked = 0;
    for (const op of WITH_BODY) {
      const params = await paramsFor(op);
      const body = sampleBody(op, () => null);
      for (const property of bodyProperties(op.requestBody!.schema).filter((p) => p.required)) {
        const parentPresent = property.path.length === 1 || bodyProperties(op.requestBody!.schema).find((p) => p.pointer === `/${property.path.slice(0, -1).join('/')}`)?.required;
        if (!parentPresent) continue;
        const result = await t.call(op.operationId, { token, headers: anyEtag(op), params, body: withValue(body, property.path, undefined) });
        assertProblem(result, 422, 'validation_failed');
        namesPointer(result, property.pointer, `${op.operationId} without ${property.pointer}`);
        checked++;
      }
    }
    assert.ok(checked >= 30, `${checked}`);
  });

  it('each property of the wrong type → 422 naming it', async () => {
    let checked = 0;
    for (const op of WITH_BODY) {
      const params = await paramsFor(op);
      const body = sampleBody(op, () => null);
      const validate = validatorAt(op.requestBody!.schemaPointer);
      for (const property of bodyProperties(op.requestBody!.schema)) {
        const wrong = withValue(body, property.path, wrongTypeValue(property.schema));
        if (validate(wrong)) continue; // the schema accepts anything here (a free-form value)
        const result = await t.call(op.operationId, { token, headers: anyEtag(op), params, body: wrong });
        assert.equal(result.status, 422, `${op.operationId} ${property.pointer}: ${result.status} ${JSON.stringify(result.body)}`);
        namesPointer(result, property.pointer, `${op.operationId} ${property.pointer} of the wrong type`);
        checked++;
      }
    }
    assert.ok(checked >= 100, `${checked}`);
  });

  it('an unknown property → 422 unknown_field naming it', async () => {
    for (const op of WITH_BODY) {
      const params = await paramsFor(op);
      const body = sampleBody(op, () => null);
      if (typeOf(op.requestBody!.schema) !== 'object') continue;
      const result = await t.call(op.operationId, { token, headers: anyEtag(op), params, body: { ...(body as object), colourOfTheBikeshed: 'red' } });
      assertProblem(result, 422, 'unknown_field');
      namesPointer(result, '/colourOfTheBikeshed', op.operationId);
    }
  });

  it('strings over their maxLength → 422 naming them; a 2 MB body → 400 payload_too_large', async () => {
    let checked = 0;
    for (const op of WITH_BODY) {
      const params = await paramsFor(op);
      const body = sampleBody(op, () => null);
      const validate = validatorAt(op.requestBody!.schemaPointer);
      for (const property of bodyProperties(op.requestBody!.schema).filter((p) => typeOf(p.schema) === 'string')) {
        const long = withValue(body, property.path, HUGE);
        if (validate(long)) continue; // no limit on this one (a Lua source, a PEM key: bounded by the body size)
        const result = await t.call(op.operationId, { token, headers: anyEtag(op), params, body: long });
        assert.equal(result.status, 422, `${op.operationId} ${property.pointer}: ${result.status}`);
        namesPointer(result, property.pointer, `${op.operationId} ${property.pointer} too long`);
        checked++;
      }
      const big = withValue(body, [Object.keys(propertiesOf(op.requestBody!.schema))[0] ?? 'x'], 'x'.repeat(2 * 1024 * 1024));
      assertProblem(await t.call(op.operationId, { token, headers: anyEtag(op), params, body: big }), 400, 'payload_too_large');
    }
    assert.ok(checked >= 40, `${checked}`);
  });

  it('the NUL character (which PostgreSQL text cannot hold) → 422 naming the property, before any query', async () => {
    let checked = 0;
    for (const op of WITH_BODY) {
      const params = await paramsFor(op);
      const body = sampleBody(op, () => null);
      const validate = validatorAt(op.requestBody!.schemaPointer);
      for (const property of bodyProperties(op.requestBody!.schema).filter((p) => typeOf(p.schema) === 'string')) {
        const withNul = withValue(body, property.path, 'a\u0000b');
        if (!validate(withNul)) continue; // refused by its format or pattern already
        const result = await t.call(op.operationId, { token, headers: anyEtag(op), params, body: withNul });
        assertProblem(result, 422, 'validation_failed');
        assert.deepEqual(result.body.errors.map((e: any) => [e.pointer, e.code]), [[property.pointer, 'invalid_character']], op.operationId);
        checked++;
      }
    }
    assert.ok(checked >= 40, `${checked}`);
    const nulFilter = await t.call('listCustomers', { token, query: { filter: 'organisationName = "a\u0000b"' } });
    assertProblem(nulFilter, 400, 'invalid_parameter');
    assert.equal(nulFilter.body.errors[0].pointer, 'filter');
  });

  it('every path parameter that is not a well-formed id → 400 invalid_parameter naming it', async () => {
    for (const op of ALL.filter((o) => pathParams(o).length)) {
      const valid = await paramsFor(op);
      for (const parameter of op.parameters.filter((p) => p.in === 'path')) {
        const name = parameter.name;
        const fits = validatorFor(parameter.schema, `bad-input:${op.operationId}:${name}`);
        for (const bad of ['not-a-uuid', '12345', "1' OR '1'='1", 'Ä'.repeat(100), 'a'.repeat(100)].filter((v) => !fits(v))) {
          const result = await t.call(op.operationId, { token, headers: anyEtag(op), params: { ...valid, [name]: bad }, body: sampleBody(op, () => null) });
          assertProblem(result, 400, 'invalid_parameter');
          assert.ok(result.body.errors.some((e: any) => e.location === 'path' && e.pointer === name), `${op.operationId} ${name}: ${JSON.stringify(result.body)}`);
        }
      }
    }
  });

  it('unknown and repeated query parameters → 400', async () => {
    for (const op of ALL.filter((o) => o.method === 'get')) {
      const params = await paramsFor(op, Boolean(op.list));
      assertProblem(await t.call(op.operationId, { token, headers: anyEtag(op), params, query: { colour: 'red' } }), 400, 'invalid_parameter');
    }
    const repeated = await fetch(`${t.url}/v1/customers?pageSize=1&pageSize=2`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(repeated.status, 400);
  });

  it('lists: bad filters, orders and paging → 400 naming the parameter', async () => {
    for (const op of LISTS) {
      const params = await paramsFor(op, true);
      const list = op.list!;
      const call = (query: Record<string, string | number>) => t.call(op.operationId, { token, headers: anyEtag(op), params, query });
      const field = list.filterable[0]!;
      for (const filter of [`${field} =`, `${field} = "open`, `(${field} = 1`, 'AND', `${field} ~ 1`, '= 1', `${field} = 1)`,
        Array.from({ length: 60 }, (_, i) => `${field} != "${i}"`).join(' OR '), `${'('.repeat(20)}${field} = "a"${')'.repeat(20)}`]) {
        assertProblem(await call({ filter }), 400, 'invalid_filter');
      }
      assertProblem(await call({ filter: 'colourOfTheBikeshed = "red"' }), 400, 'invalid_filter');
      for (const name of list.filterable) {
        // A value of the wrong kind for the field: a number for text, a word for everything else.
        const wrong = fieldType(list.itemSchema, name).kind === 'string' ? '42' : '"not-a-value"';
        const result = await call({ filter: `${name} = ${wrong}` });
        assertProblem(result, 400, 'invalid_filter');
      }
      for (const orderBy of ['colourOfTheBikeshed', `${list.sortable[0]} sideways`, `${list.sortable[0]},`, `${list.sortable[0]} desc desc`, ',']) {
        assertProblem(await call({ orderBy }), 400, 'invalid_order_by');
      }
      for (const pageSize of [0, 501, -1, 'abc', 1.5]) assertProblem(await call({ pageSize }), 400, 'invalid_parameter');
      for (const offset of [-1, 'abc', 1.5]) assertProblem(await call({ offset }), 400, 'invalid_parameter');
      const first = await call({ pageSize: 1 });
      assert.equal(first.status, 200, op.operationId);
      const pageToken: string | undefined = first.body.nextPageToken;
      for (const tampered of ['garbage', 'x.y', 'a'.repeat(2049), ...(pageToken ? [pageToken.slice(0, -2) + (pageToken.endsWith('AA') ? 'BB' : 'AA'), `${pageToken}x`] : [])]) {
        const result = await call({ pageToken: tampered });
        assertClientError(result, `${op.operationId} pageToken ${tampered.slice(0, 20)}`);
        assert.equal(result.status, 400, `${op.operationId}: ${JSON.stringify(result.body)}`);
      }
      if (pageToken) {
        // Bound to the list, filter and order: replaying it with another order is refused.
        const other = list.sortable.find((s) => s !== list.sortable[0]) ?? list.sortable[0]!;
        assertProblem(await call({ pageToken, orderBy: `${other} desc` }), 400, 'invalid_page_token');
        assertProblem(await call({ pageToken, offset: 1 }), 400, 'invalid_parameter');
      } else {
        assertProblem(await call({ pageToken: 'x.y', offset: 1 }), 400, 'invalid_parameter');
      }
    }
  });
});
