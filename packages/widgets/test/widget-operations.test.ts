/**
 * The spec's x-fco-widgets table (what an embed token limited to some widgets may call) against what the widgets
 * call: every operation a registered widget's definition can reach — its list, its fresh read, its related lists,
 * the choices its filters, columns and forms load, its actions and its create — found by running those pieces with a
 * client that records the operations called, plus what it states it calls beyond a definition (`calls`). The table
 * must grant exactly these: a missing one is refused to a widget-limited token, an extra one is more than it needs.
 */
import { expect } from '@open-wc/testing';
import { operationTable, type Client, type OperationId } from '@fco-admin/sdk';
import { widgetRegistry, type RegisteredWidget } from '../src/registry.js';
import { FcoListWidget } from '../src/widget/list-widget.js';
import { FcoAdminProvider } from '../src/provider/admin-provider.js';
import { FcoAdminPage } from '../src/page/admin-page.js';
import type { ChoiceSource, ListWidgetDefinition } from '../src/widget/definition.js';
import { apiUrl } from './support/harness.js';

/** A client whose every method records its operation and answers an empty page. */
function recordingClient(called: Set<string>): Client {
  const client: Record<string, Record<string, () => Promise<unknown>>> = {};
  for (const [group, methods] of Object.entries(operationTable)) {
    client[group] = Object.fromEntries(
      Object.entries(methods).map(([name, operation]) => [
        name,
        async () => {
          called.add(operation.id);
          return { items: [], totalSize: 0, nextPageToken: null };
        },
      ]),
    );
  }
  return client as unknown as Client;
}

/** Every operation a list widget's definition can call. */
async function operationsOfDefinition(definition: ListWidgetDefinition): Promise<Set<string>> {
  const called = new Set<string>([definition.list.id, definition.get, ...(definition.related ?? []).map((related) => related.list.id)]);
  const client = recordingClient(called);
  const actions = definition.actions?.((action) => action) ?? [];
  const create = definition.create?.((spec) => spec);
  const sources = new Set<ChoiceSource>();
  for (const spec of definition.filters ?? []) if (typeof spec === 'object' && 'choices' in spec && spec.choices) sources.add(spec.choices);
  for (const spec of definition.columns) if (typeof spec === 'object' && spec.names) sources.add(spec.names);
  for (const form of [...actions.map((action) => action.form), create?.form]) {
    for (const field of form?.fields ?? []) if (typeof field === 'object' && field.choices) sources.add(field.choices);
  }
  // What runs after the call (saving a download, reading the answer) may fail on the recorded empty answer.
  const settle = (run: () => Promise<unknown>) => run().catch(() => undefined);
  for (const source of sources) await settle(() => source.load(client, new AbortController().signal));
  const item = { id: 'recorded' };
  for (const action of actions) await settle(async () => action.run({ client, item: item as never, body: {} }));
  if (create) await settle(async () => create.run({ client, body: {} }));
  return called;
}

const isListWidget = (widget: RegisteredWidget): widget is RegisteredWidget & { definition: ListWidgetDefinition } =>
  widget.prototype instanceof FcoListWidget;

/** Each element's operations, derived: the table's keys are the registry's tags, the provider and the tab container. */
async function derivedTable(): Promise<Map<string, { shows?: string; calls: Set<string> }>> {
  const table = new Map<string, { shows?: string; calls: Set<string> }>();
  for (const widget of widgetRegistry) {
    const calls = isListWidget(widget) ? await operationsOfDefinition(widget.definition) : new Set<string>();
    for (const id of widget.calls ?? []) calls.add(id);
    table.set(widget.tag, { shows: (isListWidget(widget) ? widget.definition.list : widget.lists[0])?.id, calls });
  }
  table.set('fco-admin-provider', { calls: new Set(FcoAdminProvider.calls) });
  table.set('fco-admin-page', { calls: new Set(FcoAdminPage.calls) });
  return table;
}

describe('x-fco-widgets', () => {
  let granted: Record<string, OperationId[]>;
  let derived: Map<string, { shows?: string; calls: Set<string> }>;
  before(async () => {
    const spec = (await (await fetch(`${apiUrl()}/openapi.json`)).json()) as { 'x-fco-widgets': Record<string, OperationId[]> };
    granted = spec['x-fco-widgets'];
    derived = await derivedTable();
  });

  it('has an entry for every registered widget, the provider and the tab container, and no other', () => {
    expect(Object.keys(granted).sort()).to.deep.equal([...derived.keys()].sort());
  });

  it('grants each widget every operation it calls', () => {
    const missing = [...derived].flatMap(([tag, { calls }]) => [...calls].filter((id) => !granted[tag]?.includes(id as OperationId)).map((id) => `${tag} → ${id}`));
    expect(missing, 'operations widgets call that x-fco-widgets does not grant them').to.deep.equal([]);
  });

  it('grants no widget an operation it does not call', () => {
    const extra = Object.entries(granted).flatMap(([tag, ids]) => ids.filter((id) => !derived.get(tag)?.calls.has(id)).map((id) => `${tag} → ${id}`));
    expect(extra, 'operations x-fco-widgets grants that no widget calls').to.deep.equal([]);
  });

  it("lists first the operation each widget shows (a default layout offers a widget only if the token may call it)", () => {
    const wrong = [...derived].filter(([tag, { shows }]) => shows && granted[tag]?.[0] !== shows).map(([tag, { shows }]) => `${tag} shows ${shows}, first is ${granted[tag]?.[0]}`);
    expect(wrong).to.deep.equal([]);
  });
});
