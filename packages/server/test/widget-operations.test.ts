/**
 * The spec's x-fco-widgets table against the layout catalogue and the spec's operations, and the token rule derived
 * from it over every widget and every operation. (Enforcement over HTTP: tenancy-matrix.test.ts, identity.test.ts.)
 *
 * @sqlite-only The spec's widget table and the token rule derived from it: no database involved.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WIDGET_TYPES } from '../src/areas/layout/catalogue.js';
import { operations } from '../src/spec/document.js';
import { PROVIDER_ELEMENT, WIDGET_OPERATIONS, widgetsMayCall } from '../src/spec/widgets.js';


describe('x-fco-widgets', () => {
  it('has an entry for every widget of the layout catalogue, the provider and the tab container, and nothing else', () => {
    assert.deepEqual([...WIDGET_OPERATIONS.keys()].sort(), [...WIDGET_TYPES, PROVIDER_ELEMENT, 'fco-admin-page'].sort());
  });

  it('names only operations of the spec, each widget its own list and read operations', () => {
    for (const [widget, ids] of WIDGET_OPERATIONS) {
      assert.ok(ids.size > 0, widget);
      for (const id of ids) assert.ok(operations.has(id), `${widget}: ${id}`);
    }
    // No widget mints tokens, manages API keys or signs in: those stay with backends and the portal.
    const never = ['createEmbedSession', 'createApiKey', 'listApiKeys', 'revokeApiKey', 'createSession', 'signUpCustomer'];
    for (const [widget, ids] of WIDGET_OPERATIONS) for (const id of never) assert.ok(!ids.has(id), `${widget} calls ${id}`);
  });

  it('every operation is called by some widget, or is one that only backends and portals call', () => {
    // getReport: the reports widget reads a report's definition from the catalogue's page, never one by one.
    const backendOnly = new Set(['createSession', 'deleteCurrentSession', 'signUpCustomer', 'listApiKeys', 'createApiKey', 'getApiKey', 'revokeApiKey', 'createEmbedSession', 'getReport']);
    const used = new Set([...WIDGET_OPERATIONS.values()].flatMap((ids) => [...ids]));
    const neither = [...operations.keys()].filter((id) => !used.has(id) && !backendOnly.has(id));
    assert.deepEqual(neither, [], 'a new operation needs an entry in openapi/widgets.yaml (or here, if no widget calls it)');
  });

  it('a token limited to widgets may call the union of their operations and the provider\'s, on every operation', () => {
    const widgets = [...WIDGET_OPERATIONS.keys()];
    for (const op of operations.keys()) {
      assert.equal(widgetsMayCall(null, op), true, `unlimited → ${op}`);
      for (const widget of widgets) {
        const expected = WIDGET_OPERATIONS.get(widget)!.has(op) || WIDGET_OPERATIONS.get(PROVIDER_ELEMENT)!.has(op);
        assert.equal(widgetsMayCall([widget], op), expected, `${widget} → ${op}`);
      }
      const pair = ['fco-customers', 'fco-clusters'];
      assert.equal(widgetsMayCall(pair, op), pair.some((w) => widgetsMayCall([w], op)), `${pair.join('+')} → ${op}`);
    }
    assert.equal(widgetsMayCall(['fco-no-such-widget'], 'listCustomers'), false);
  });
});
