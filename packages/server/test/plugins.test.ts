import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { assertProblem, assertUnknownReference, startTestServer, type TestServer } from './harness.js';
import { registersOf } from '../src/areas/plugins/domain.js';
import { checkValue, safePattern } from '../src/areas/plugins/validators.js';
import { demoBillingEntityId } from '../src/areas/billing-entities/seed.js';
import { fdlCodeBlockEntity } from '../src/areas/plugins/entity.js';
import { SEED_NOW } from '../src/seed/seed.js';
import { ALL_TENANTS } from '../src/store/scope.js';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

const PROVIDER_CODE = `function register()
  return { "audit_hook", "audit_settings", "audit_billing", "audit_report" }
end

function audit_hook(p)
  if p == nil then return { api = "TRIGGER", triggerType = "POST_MODIFY" } end
end

function audit_settings(p)
  if p == nil then
    return { api = "CONFIG_PROVIDER", name = "Audit settings", providerType = "AUDIT", providerGroup = "Compliance",
      resourceConfigs = { "SERVER", "CUSTOMER" },
      values = {
        { key = "ticketRef", name = "Ticket", validator = "REGEX", pattern = "^[A-Z]{3}-\\\\d{1,6}$", required = true, default = "AUD-1" },
        { key = "level", name = "Level", validator = "ENUM", options = { "low", "high" } },
        { key = "batch", name = "Batch", validator = "NUMERIC_INT", min = 1, max = 100 },
        { key = "ratio", name = "Ratio", validator = "NUMERIC_DOUBLE", min = 0, max = 1 },
        { key = "enabled", name = "Enabled", validator = "BOOLEAN" },
        { key = "token", name = "Token", validator = "PASSWORD" },
        { key = "notes", name = "Notes", validator = "BIG_TEXT" },
        { key = "since", name = "Since", validator = "DATE" },
        { key = "evil", name = "Evil", validator = "REGEX", pattern = "(a+)+$" },
      },
    }
  end
end

function audit_billing(p)
  if p == nil then return { api = "BILLING" } end
end

-- function audit_report(p) return { api = "REPORT" } end  (commented out: not registered)
`;

describe('plugins', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer();
  });
  after(async () => {
    await t?.close();
  });

  const list = async (token: string, query: Record<string, string | number> = {}) => {
    const r = await t.call('listFdlCodeBlocks', { token, query: { pageSize: 100, ...query } });
    assert.equal(r.status, 200);
    return r.body.items as any[];
  };

  test('lists blocks by tenancy, with filters', async () => {
    const all = await list(t.tokens.licensee);
    assert.equal(all.length, 8);
    const alpha = await list(t.tokens.alpha);
    const alphaScope = [demoBillingEntityId('alpha'), demoBillingEntityId('alpha-kids')];
    assert.ok(alpha.length === 3 && alpha.every((b) => alphaScope.includes(b.billingEntityId)));
    const beta = await list(t.tokens.beta);
    assert.ok(beta.length === 2 && beta.every((b) => b.billingEntityId === demoBillingEntityId('beta')));
    const drafts = await list(t.tokens.licensee, { filter: 'hasUnsignedChanges = true' });
    assert.ok(drafts.length > 0 && drafts.every((b) => b.hasUnsignedChanges && b.unsignedCode !== b.signedCode));
    const never = await list(t.tokens.licensee, { filter: 'active = false' });
    assert.ok(never.length === 2 && never.every((b) => b.signedCode === null && b.hash === null && b.registers.triggers.length === 0));
    const sorted = await list(t.tokens.licensee, { orderBy: 'signedAt desc' });
    assert.equal(sorted.length, 8);
    assertProblem(await t.call('listFdlCodeBlocks', { token: t.tokens.licensee, query: { filter: 'unsignedCode = "x"' } }), 400, 'invalid_filter');
    assertProblem(await t.call('listFdlCodeBlocks', {}), 401, 'unauthenticated');
  });

  test('seeded signed code: hash and what it registers', async () => {
    const [card] = await list(t.tokens.beta, { filter: 'name = "Card payments"' });
    assert.equal(card.hash, sha256(card.signedCode));
    assert.deepEqual(card.registers, { triggers: ['PRE_PAYMENT', 'POST_PAYMENT'], configurationProviders: ['card_gateway'], billingMethods: ['card_billing'], reportMethods: [] });
    const got = await t.call('getFdlCodeBlock', { token: t.tokens.beta, params: { fdlCodeBlockId: card.id } });
    assert.equal(got.status, 200);
    assert.deepEqual(got.body, card);
    // Another billing entity's block is not there for a BE admin.
    assertProblem(await t.call('getFdlCodeBlock', { token: t.tokens.alpha, params: { fdlCodeBlockId: card.id } }), 404, 'not_found');
  });

  test('create, edit, sign (licensee only), revert, discard, delete', async () => {
    const created = await t.call('createFdlCodeBlock', { token: t.tokens.alpha, body: { name: 'Audit', description: 'Audit trail', unsignedCode: PROVIDER_CODE } });
    assert.equal(created.status, 201);
    const id = created.body.id;
    assert.equal(created.headers.get('location'), `/v1/fdl-code-blocks/${id}`);
    assert.equal(created.body.billingEntityId, demoBillingEntityId('alpha'));
    assert.deepEqual([created.body.active, created.body.hasUnsignedChanges, created.body.signedCode, created.body.hash], [false, true, null, null]);
    assert.deepEqual(created.body.registers, { triggers: [], configurationProviders: [], billingMethods: [], reportMethods: [] });

    assertUnknownReference(await t.call('createFdlCodeBlock', { token: t.tokens.alpha, body: { name: 'X', unsignedCode: 'x', billingEntityId: demoBillingEntityId('beta') } }), '/billingEntityId');
    assertProblem(await t.call('createFdlCodeBlock', { token: t.tokens.alpha, body: { name: 'X', unsignedCode: '' } }), 422, 'validation_failed');

    // Never signed: nothing to revert to.
    assertProblem(await t.call('revertFdlCodeBlock', { token: t.tokens.alpha, params: { fdlCodeBlockId: id } }), 409, 'invalid_state');
    // Signing is the licensee's alone.
    assertProblem(await t.call('signFdlCodeBlock', { token: t.tokens.alpha, params: { fdlCodeBlockId: id } }), 403, 'forbidden');
    // The BE admin cannot set what signing sets.
    assertProblem(await t.call('updateFdlCodeBlock', { token: t.tokens.alpha, params: { fdlCodeBlockId: id }, body: { hash: 'a'.repeat(64) } }), 422, 'read_only_field');
    // Sign with the If-Match of the reviewed version; a stale one is 412.
    assertProblem(await t.call('signFdlCodeBlock', { token: t.tokens.licensee, params: { fdlCodeBlockId: id }, headers: { 'if-match': '"stale"' } }), 412, 'precondition_failed');
    const reviewed = await t.call('getFdlCodeBlock', { token: t.tokens.licensee, params: { fdlCodeBlockId: id } });
    const signed = await t.call('signFdlCodeBlock', { token: t.tokens.licensee, params: { fdlCodeBlockId: id }, headers: { 'if-match': reviewed.headers.get('etag')! } });
    assert.equal(signed.status, 200);
    assert.equal(signed.body.signedCode, PROVIDER_CODE);
    assert.equal(signed.body.signedBy, 'admin@licensee.demo');
    assert.ok(signed.body.signedAt);
    assert.equal(signed.body.hash, sha256(PROVIDER_CODE));
    assert.deepEqual([signed.body.active, signed.body.hasUnsignedChanges], [true, false]);
    assert.deepEqual(signed.body.registers, { triggers: ['POST_MODIFY'], configurationProviders: ['audit_settings'], billingMethods: ['audit_billing'], reportMethods: [] });
    // Draft equals the signed code: nothing to sign.
    assertProblem(await t.call('signFdlCodeBlock', { token: t.tokens.licensee, params: { fdlCodeBlockId: id } }), 409, 'invalid_state');

    // The provider the code defines now exists, for the block's billing entity.
    const providers = await t.call('listConfigurationProviders', { token: t.tokens.alpha, query: { filter: `fdlCodeBlockId = "${id}"` } });
    assert.equal(providers.body.items.length, 1);
    const provider = providers.body.items[0];
    assert.deepEqual([provider.name, provider.providerType, provider.providerGroup, provider.resourceConfigs], ['Audit settings', 'AUDIT', 'Compliance', ['SERVER', 'CUSTOMER']]);
    assert.deepEqual(provider.values.map((v: any) => v.validator), ['REGEX', 'ENUM', 'NUMERIC_INT', 'NUMERIC_DOUBLE', 'BOOLEAN', 'PASSWORD', 'BIG_TEXT', 'DATE', 'REGEX']);
    assert.equal(provider.values[0].value, 'AUD-1');

    // Edit the draft: the signed code keeps running.
    const edited = PROVIDER_CODE.replace('"audit_billing", ', '');
    const patched = await t.call('updateFdlCodeBlock', { token: t.tokens.alpha, params: { fdlCodeBlockId: id }, body: { unsignedCode: edited, description: null } });
    assert.equal(patched.status, 200);
    assert.deepEqual([patched.body.unsignedCode, patched.body.signedCode, patched.body.hasUnsignedChanges, patched.body.description], [edited, PROVIDER_CODE, true, null]);
    assert.deepEqual(patched.body.registers.billingMethods, ['audit_billing']);
    // Revert: the draft is the signed code again.
    const reverted = await t.call('revertFdlCodeBlock', { token: t.tokens.alpha, params: { fdlCodeBlockId: id } });
    assert.deepEqual([reverted.status, reverted.body.unsignedCode, reverted.body.hasUnsignedChanges], [200, PROVIDER_CODE, false]);
    // Discard a signed block's draft: it stays, without a draft; then there is nothing to sign.
    const discarded = await t.call('discardFdlCodeBlock', { token: t.tokens.alpha, params: { fdlCodeBlockId: id } });
    assert.deepEqual([discarded.status, discarded.body.unsignedCode, discarded.body.active], [200, null, true]);
    assertProblem(await t.call('signFdlCodeBlock', { token: t.tokens.licensee, params: { fdlCodeBlockId: id } }), 409, 'invalid_state');

    // Signing the edited code re-syncs: what it no longer registers is gone.
    await t.call('updateFdlCodeBlock', { token: t.tokens.alpha, params: { fdlCodeBlockId: id }, body: { unsignedCode: edited } });
    const resigned = await t.call('signFdlCodeBlock', { token: t.tokens.licensee, params: { fdlCodeBlockId: id } });
    assert.deepEqual(resigned.body.registers.billingMethods, []);
    assert.equal(resigned.body.hash, sha256(edited));

    // Delete: the block and its providers go.
    assertProblem(await t.call('deleteFdlCodeBlock', { token: t.tokens.beta, params: { fdlCodeBlockId: id } }), 404, 'not_found');
    assert.equal((await t.call('deleteFdlCodeBlock', { token: t.tokens.alpha, params: { fdlCodeBlockId: id } })).status, 204);
    assertProblem(await t.call('getFdlCodeBlock', { token: t.tokens.alpha, params: { fdlCodeBlockId: id } }), 404, 'not_found');
    assertProblem(await t.call('getConfigurationProvider', { token: t.tokens.alpha, params: { configurationProviderId: provider.id } }), 404, 'not_found');
  });

  test('discarding a never-signed block deletes it', async () => {
    const created = await t.call('createFdlCodeBlock', { token: t.tokens.beta, body: { name: 'Scratch', unsignedCode: 'function register() return {} end' } });
    const discarded = await t.call('discardFdlCodeBlock', { token: t.tokens.beta, params: { fdlCodeBlockId: created.body.id } });
    assert.equal(discarded.status, 204);
    assertProblem(await t.call('getFdlCodeBlock', { token: t.tokens.beta, params: { fdlCodeBlockId: created.body.id } }), 404, 'not_found');
  });

  test('configuration providers: tenancy, password values never returned', async () => {
    const all = await t.call('listConfigurationProviders', { token: t.tokens.licensee, query: { pageSize: 100 } });
    assert.equal(all.status, 200);
    const alpha = await t.call('listConfigurationProviders', { token: t.tokens.alpha, query: { pageSize: 100 } });
    const alphaScope = [demoBillingEntityId('alpha'), demoBillingEntityId('alpha-kids')];
    assert.ok(alpha.body.items.length > 0 && alpha.body.items.every((p: any) => alphaScope.includes(p.billingEntityId)));
    assert.ok(all.body.totalSize > alpha.body.totalSize);
    const gateways = await t.call('listConfigurationProviders', { token: t.tokens.beta, query: { filter: 'providerType = "PAYMENT"' } });
    assert.equal(gateways.body.items.length, 1);
    const gateway = gateways.body.items[0];
    const apiKey = gateway.values.find((v: any) => v.key === 'apiKey');
    assert.deepEqual([apiKey.value, apiKey.hasValue], [null, true]);
    assertProblem(await t.call('getConfigurationProvider', { token: t.tokens.alpha, params: { configurationProviderId: gateway.id } }), 404, 'not_found');
    const got = await t.call('getConfigurationProvider', { token: t.tokens.beta, params: { configurationProviderId: gateway.id } });
    assert.deepEqual(got.body, gateway);
  });

  test('provider values are checked by their validators', async () => {
    const created = await t.call('createFdlCodeBlock', { token: t.tokens.licensee, body: { name: 'Audit 2', unsignedCode: PROVIDER_CODE, billingEntityId: demoBillingEntityId('beta') } });
    await t.call('signFdlCodeBlock', { token: t.tokens.licensee, params: { fdlCodeBlockId: created.body.id } });
    const listed = await t.call('listConfigurationProviders', { token: t.tokens.beta, query: { filter: `fdlCodeBlockId = "${created.body.id}"` } });
    const id = listed.body.items[0].id;
    const patch = (values: Record<string, string | null>, token = t.tokens.beta) => t.call('updateConfigurationProvider', { token, params: { configurationProviderId: id }, body: { values } });
    const invalid: Array<[string, string]> = [
      ['ticketRef', 'aud-1'], ['level', 'medium'], ['batch', '1.5'], ['batch', '101'], ['ratio', 'x'], ['ratio', '1.01'],
      ['enabled', 'yes'], ['token', ''], ['since', '2026-02-30'], ['evil', 'aaaa'],
    ];
    for (const [key, value] of invalid) {
      const r = await patch({ [key]: value });
      assertProblem(r, 422, 'validation_failed');
      assert.deepEqual(r.body.errors.map((e: any) => e.pointer), [`/values/${key}`], `${key}=${value}`);
    }
    // A pattern the server will not run: the value cannot be set, and the code block is what must change.
    const evil = (await patch({ evil: 'aaaa' })).body.errors[0];
    assert.equal(evil.code, 'invalid_validator');
    assert.match(evil.message, /exponential time.*code block/);
    const unknown = await patch({ nope: 'x', ticketRef: null });
    assertProblem(unknown, 422, 'validation_failed');
    assert.deepEqual(unknown.body.errors.map((e: any) => e.pointer).sort(), ['/values/nope', '/values/ticketRef']);

    const ok = await patch({ ticketRef: 'SEC-42', level: 'high', batch: '100', ratio: '0.25', enabled: 'true', token: 's3cret', notes: 'line 1\nline 2', since: '2024-02-29' });
    assert.equal(ok.status, 200);
    const byKey = Object.fromEntries(ok.body.values.map((v: any) => [v.key, v]));
    assert.deepEqual(
      ['ticketRef', 'level', 'batch', 'ratio', 'enabled', 'notes', 'since'].map((k) => byKey[k].value),
      ['SEC-42', 'high', '100', '0.25', 'true', 'line 1\nline 2', '2024-02-29'],
    );
    assert.deepEqual([byKey.token.value, byKey.token.hasValue], [null, true]);
    const cleared = await patch({ token: null, level: null });
    const after = Object.fromEntries(cleared.body.values.map((v: any) => [v.key, v]));
    assert.deepEqual([after.token.hasValue, after.level.hasValue, after.level.value], [false, false, null]);
    assertProblem(await t.call('updateConfigurationProvider', { token: t.tokens.beta, params: { configurationProviderId: id }, body: { values: { batch: '5' } }, headers: { 'if-match': '"old"' } }), 412, 'precondition_failed');
    assertProblem(await patch({ batch: '5' }, t.tokens.alpha), 404, 'not_found');
  });

  test('checks Lua without saving it: the syntax error on its line and column, warnings about registrations', async () => {
    const check = (code: string, token = t.tokens.alpha) => t.call('checkFdlCode', { token, body: { code } });
    const valid = await check(PROVIDER_CODE);
    assert.equal(valid.status, 200);
    assert.equal(valid.body.valid, true);
    assert.deepEqual(valid.body.registers, { triggers: ['POST_MODIFY'], configurationProviders: ['audit_settings'], billingMethods: ['audit_billing'], reportMethods: [] });
    // "audit_report" is registered, but its function is commented out: a warning on the name, in the register() line.
    assert.deepEqual(valid.body.diagnostics.map((d: any) => [d.severity, d.line, d.column, d.endColumn]), [['WARNING', 2, 61, 75]]);
    assert.match(valid.body.diagnostics[0].message, /register\(\) names "audit_report", but there is no function audit_report/);

    // Columns count the line's characters as editors do, even after non-ASCII text on the same line.
    const broken = 'function register()\n  return { "a" }\nend\nfunction a(p)\n  local s = "€ – ünïcode" +* 2\nend\n';
    const error = await check(broken);
    assert.equal(error.body.valid, false);
    assert.deepEqual(error.body.diagnostics.map((d: any) => [d.severity, d.line, d.column, d.endLine, d.endColumn]), [['ERROR', 5, 28, 5, 29]]);
    assert.equal(broken.split('\n')[4]!.slice(27, 28), '*');
    assert.match(error.body.diagnostics[0].message, /expected near '\*'/);
    const unclosed = await check('function register()\n  return { "a" }\n');
    assert.deepEqual(unclosed.body.diagnostics.map((d: any) => [d.severity, d.line]), [['ERROR', 3]]);
    assert.match(unclosed.body.diagnostics[0].message, /'end' expected/);

    // What the platform would ignore is said, on the definition it concerns.
    const odd = await check([
      'function register() return { "hook", "pay", "cfg", "ghost" } end',
      'function hook(p) return { api = "TRIGGER", triggerType = "WHEN_PIGS_FLY" } end',
      'function pay(p) return { api = "PAYMENTS" } end',
      'function cfg(p) return { api = "CONFIG_PROVIDER", name = "C", values = { { key = "ok" }, { key = "bad", validator = "COLOUR" } } } end',
    ].join('\n'));
    assert.equal(odd.body.valid, true);
    assert.deepEqual(odd.body.diagnostics.map((d: any) => [d.line, d.message.split(':')[0]]), [[1, 'register() names "ghost", but there is no function ghost.'], [2, 'hook'], [3, 'pay'], [4, 'cfg']]);
    assert.deepEqual(odd.body.registers, { triggers: [], configurationProviders: ['cfg'], billingMethods: [], reportMethods: [] });
    assert.match((await check('local x = 1')).body.diagnostics[0].message, /no register\(\) function/);

    // Hostile input is a finding, never a server error.
    const deep = await check(`x = ${'('.repeat(20000)}1${')'.repeat(20000)}`);
    assert.equal(deep.status, 200);
    assert.equal(deep.body.valid, false);
    assert.equal((await check('')).body.valid, true);
    // Anyone who may read code may check it; nobody else.
    assert.equal((await check(PROVIDER_CODE, t.tokens.beta)).status, 200);
    assertProblem(await t.call('checkFdlCode', { body: { code: PROVIDER_CODE } }), 401, 'unauthenticated');
  });

  test('saves refuse code with a syntax error (422 with line and column); signing refuses an invalid stored draft', async () => {
    const bad = 'function register()\n  return { "a" \nend\n';
    const created = await t.call('createFdlCodeBlock', { token: t.tokens.alpha, body: { name: 'Broken', unsignedCode: bad } });
    assertProblem(created, 422, 'validation_failed');
    assert.deepEqual(created.body.errors.map((e: any) => [e.pointer, e.code, e.line, e.column]), [['/unsignedCode', 'lua_syntax', 3, 1]]);
    const good = await t.call('createFdlCodeBlock', { token: t.tokens.alpha, body: { name: 'Fine', unsignedCode: 'function register() return {} end' } });
    assert.equal(good.status, 201);
    const id = good.body.id;
    const patched = await t.call('updateFdlCodeBlock', { token: t.tokens.alpha, params: { fdlCodeBlockId: id }, body: { unsignedCode: bad } });
    assertProblem(patched, 422, 'validation_failed');
    assert.deepEqual(patched.body.errors.map((e: any) => [e.pointer, e.line, e.column]), [['/unsignedCode', 3, 1]]);
    assert.equal((await t.call('getFdlCodeBlock', { token: t.tokens.alpha, params: { fdlCodeBlockId: id } })).body.unsignedCode, 'function register() return {} end');
    // A draft stored before the check existed: signing it is refused with its place.
    await t.server.store.repository(fdlCodeBlockEntity, ALL_TENANTS).update(id, (b) => ({ ...b, unsignedCode: bad, hasUnsignedChanges: true }));
    const signed = await t.call('signFdlCodeBlock', { token: t.tokens.licensee, params: { fdlCodeBlockId: id } });
    assertProblem(signed, 409, 'invalid_state');
    assert.match(signed.body.detail, /syntax error at line 3, column 1/);
  });

  test('every seeded draft and signed code passes the check', async () => {
    const seeded = await list(t.tokens.licensee, { filter: `createdAt <= "${SEED_NOW.toISOString()}"` });
    assert.ok(seeded.length >= 5);
    for (const block of seeded) {
      for (const code of [block.unsignedCode, block.signedCode]) {
        if (code === null) continue;
        const checked = await t.call('checkFdlCode', { token: t.tokens.licensee, body: { code } });
        assert.equal(checked.body.valid, true, `${block.name}: ${JSON.stringify(checked.body.diagnostics)}`);
        assert.deepEqual(checked.body.diagnostics, [], `${block.name} has warnings`);
      }
    }
  });

  test('editable is computed for the caller; a caller that may not change blocks is refused', async () => {
    const readOnly = await t.call('createApiKey', { token: t.tokens.alpha, body: { name: 'plugin reader', scopes: ['plugins:read'] } });
    assert.equal(readOnly.status, 201);
    const reader = readOnly.body.secret as string;
    const mine = await list(t.tokens.alpha);
    const seen = await list(reader);
    assert.ok(mine.length > 0 && mine.every((b) => b.editable === true));
    assert.deepEqual(seen.map((b) => b.id), mine.map((b) => b.id));
    assert.ok(seen.every((b) => b.editable === false));
    const one = await t.call('getFdlCodeBlock', { token: reader, params: { fdlCodeBlockId: mine[0].id } });
    assert.equal(one.body.editable, false);
    // Filters on editable mean it as the caller sees it.
    assert.equal((await list(reader, { filter: 'editable = true' })).length, 0);
    assert.equal((await list(reader, { filter: 'editable = false' })).length, mine.length);
    assert.equal((await list(t.tokens.alpha, { filter: 'editable = true' })).length, mine.length);
    assert.equal((await list(t.tokens.alpha, { filter: 'NOT editable = true OR name = "nothing"' })).length, 0);
    for (const operationId of ['updateFdlCodeBlock', 'revertFdlCodeBlock', 'discardFdlCodeBlock', 'deleteFdlCodeBlock']) {
      const body = operationId === 'updateFdlCodeBlock' ? { name: 'Mine now' } : undefined;
      assertProblem(await t.call(operationId, { token: reader, params: { fdlCodeBlockId: mine[0].id }, body }), 403, 'forbidden');
    }
    // Signing is the licensee's: a billing entity admin cannot give a key what it does not hold.
    assertProblem(await t.call('createApiKey', { token: t.tokens.alpha, body: { name: 'signer', scopes: ['plugins:sign'] } }), 403, 'forbidden');
    const licenseeKey = await t.call('createApiKey', { token: t.tokens.licensee, body: { name: 'no signing', scopes: ['plugins:read', 'plugins:write'] } });
    assertProblem(await t.call('signFdlCodeBlock', { token: licenseeKey.body.secret, params: { fdlCodeBlockId: mine[0].id } }), 403, 'forbidden');
  });

  test('the Lua reader and validators on their own', () => {
    assert.deepEqual(registersOf(null).triggers, []);
    assert.deepEqual(registersOf('function register() return { "x" } end function x(p) return { api = "TRIGGER", triggerType = "NOT_A_TRIGGER" } end').triggers, []);
    assert.deepEqual(registersOf("--[[ function register() return {'a'} end ]]\nlocal s = 'function register()'").triggers, []);
    assert.deepEqual(registersOf("function register()\n  return { 'a' }\nend\nfunction a(p) if p == nil then return { api = 'TRIGGER', triggerType = 'SCHEDULED' } end end").triggers, ['SCHEDULED']);
    assert.equal(safePattern('(a+)+$'), null);
    assert.equal(safePattern('(x*)*'), null);
    assert.ok(safePattern('^[a-z]+(-[a-z]+)?$'));
    assert.equal(checkValue('REGEX', { pattern: '[a-z]+' }, 'a'.repeat(5000)) !== null, true);
    assert.equal(checkValue('NUMERIC_DOUBLE', { min: '-1.5', max: '2' }, '-1.5'), null);
  });
});
