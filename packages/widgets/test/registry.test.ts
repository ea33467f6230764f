/**
 * Every widget of the registry, by being registered: its states (loading, empty, error with retry, forbidden, session
 * expired, populated), axe with data and with its detail open, and hostile text from the server rendered inert.
 * Widgets of one state share one provider, so the whole registry is checked in a few page loads.
 */
import { expect } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import { createClient, type Client } from '@fco-admin/sdk';
import { widgetRegistry } from '../src/registry.js';
import { FcoListWidget } from '../src/widget/list-widget.js';
import type { FcoAdminProvider } from '../src/provider/admin-provider.js';
import type { ListWidgetDefinition } from '../src/widget/definition.js';
import { ROW_HEIGHT } from '../src/table/data-table.js';
import { ALPHA, LICENSEE, apiUrl, dataRows, deepInShadows, embedToken, inShadow, listOf, login, openDetail, unmountAll, waitFor, type Grant } from './support/harness.js';
import { failingUntilRetry, hanging, hostileTexts, listPathOf, noRows, textFields, type Fetch } from './support/faults.js';
import { mountedWith } from './support/mounting.js';

afterEach(unmountAll);

declare global {
  interface Window {
    fcoPwned?: boolean;
  }
}

const listWidgets = widgetRegistry.filter((w): w is typeof w & { definition: ListWidgetDefinition } => w.prototype instanceof FcoListWidget);
/** Widgets of their own shape (the reports): the same states, shown by their own content. */
const otherWidgets = widgetRegistry.filter((w) => !(w.prototype instanceof FcoListWidget));
const lists = [...new Set(widgetRegistry.flatMap((w) => w.lists))];
const paths = [...new Set(lists.map((list) => listPathOf(list.id)))];
const allTags = widgetRegistry.map((w) => w.tag);

/** Every registered widget in one provider, on a page tall enough for all of them. */
async function mountAll(session: { fetchSessionToken?: () => Promise<Grant>; client?: Client }, tags = widgetRegistry.map((w) => w.tag)) {
  const provider = document.createElement('fco-admin-provider') as FcoAdminProvider;
  provider.locale = 'en';
  if (session.client) provider.client = session.client;
  else {
    provider.baseUrl = apiUrl();
    provider.fetchSessionToken = session.fetchSessionToken!;
  }
  for (const tag of tags) {
    const widget = document.createElement(tag);
    for (const [name, value] of Object.entries(mountedWith[tag] ?? {})) widget.setAttribute(name, value);
    provider.append(widget);
  }
  document.body.append(provider);
  unmountLater.push(provider);
  return { provider, widgets: tags.map((tag) => provider.querySelector(tag)!) };
}
const unmountLater: HTMLElement[] = [];
afterEach(() => unmountLater.splice(0).forEach((e) => e.remove()));

/** A licensee client whose calls go through `wrapped`. */
const licenseeThrough = (wrapped: Fetch) => createClient({ baseUrl: apiUrl(), auth: async () => (await login(LICENSEE)).token, fetch: wrapped, retry: false });

/** The state a widget shows: `rows` (of its data table, or its own `[part~="row"]`), or the `data-state` of its visible panel. */
function shows(widget: Element): string | undefined {
  const list = widget.shadowRoot?.querySelector('fco-data-table, fco-tree-grid');
  if (list && dataRows(list).length > 0) return 'rows';
  if (!list && deepInShadows(widget, '[part~="row"]').some((e) => e.checkVisibility())) return 'rows';
  const panels = deepInShadows(widget, '[data-state]').filter((e) => e.checkVisibility());
  return panels[0]?.getAttribute('data-state') ?? undefined;
}

/**
 * Every widget at once on one page: their calls queue on the browser's few connections per origin, and the reports
 * take three steps (their chunk, the catalogue, a run) — so a busy machine needs more than one widget alone would.
 */
async function allShow(widgets: Element[], state: string, timeout = 35_000) {
  await waitFor(() => widgets.every((w) => shows(w) === state), `every widget to show ${state}`, timeout).catch((error: Error) => {
    throw new Error(`${error.message}: ${widgets.map((w) => `${w.localName}=${shows(w)}`).join(', ')}`);
  });
}

describe('every registered widget', function () {
  this.timeout(60_000);
  before(async () => {
    await setViewport({ width: 1280, height: 1000 });
  });

  it('is registered under its tag, titled in both languages, and offers only fields its list has', async () => {
    const { en, loadCatalogue } = await import('../src/i18n/messages.js');
    const de = await loadCatalogue('de');
    for (const widget of widgetRegistry) {
      expect(customElements.get(widget.tag), widget.tag).to.equal(widget);
      expect((en.widgetTitles as Record<string, string>)[widget.tag], widget.tag).to.be.a('string');
      expect((de.widgetTitles as Record<string, string>)[widget.tag], widget.tag).to.be.a('string');
    }
    // The types check this at compile time; this checks what the widgets really carry (a cast cannot slip past it).
    for (const { tag, definition } of listWidgets) {
      const { list, columns, filters = [], sort } = definition;
      const columnFields = columns.map((c) => (typeof c === 'string' ? c : c.field));
      const filterFields = filters.flatMap((f) => (typeof f === 'string' ? [f] : 'search' in f ? f.search : [f.field]));
      expect(columnFields.filter((f) => !(f in list.fields)), `${tag} columns`).to.deep.equal([]);
      expect(filterFields.filter((f) => !(list.filterable as readonly string[]).includes(f)), `${tag} filters`).to.deep.equal([]);
      expect(list.sortable as readonly string[], `${tag} sort`).to.include(sort[0]);
    }
  });

  it('shows the loading state while the session starts', async () => {
    const { widgets } = await mountAll({ fetchSessionToken: () => new Promise<Grant>(() => {}) });
    await allShow(widgets, 'loading');
  });

  it('shows the loading state while its list call is on its way', async () => {
    const { widgets } = await mountAll({ client: licenseeThrough(hanging(paths)) }, allTags);
    // A table is there with its skeleton rows and says it is busy (a tree, loaded whole, and the reports show the
    // loading panel).
    const busy = (w: Element) => {
      const table = inShadow(w, 'fco-data-table');
      return table ? Boolean(inShadow(table, '[role="grid"][aria-busy="true"]')) : shows(w) === 'loading';
    };
    await waitFor(() => widgets.every(busy), 'every widget busy');
    expect(widgets.filter((w) => shows(w) === 'rows').map((w) => w.localName)).to.deep.equal([]);
  });

  it('shows rows for the licensee', async () => {
    const { widgets } = await mountAll({ fetchSessionToken: () => login(LICENSEE) });
    await allShow(widgets, 'rows');
  });

  for (const registered of otherWidgets) {
    it(`${registered.tag}: passes axe with its data shown`, async () => {
      const { widgets } = await mountAll({ fetchSessionToken: () => login(LICENSEE) }, [registered.tag]);
      await allShow(widgets, 'rows');
      await expect(widgets[0]!).to.be.accessible();
    });
  }

  for (const registered of listWidgets) {
    it(`${registered.tag}: passes axe with rows and with its detail open (read fresh)`, async () => {
      const { widgets } = await mountAll({ fetchSessionToken: () => login(LICENSEE) }, [registered.tag]);
      const widget = widgets[0]!;
      await allShow(widgets, 'rows');
      await expect(widget).to.be.accessible();
      const dialog = await openDetail(widget, dataRows(listOf(widget))[0]!);
      expect(dialog.querySelector('h2')?.textContent?.trim()).to.not.equal('');
      await expect(dialog).to.be.accessible();
    });
  }

  it('shows the empty state when its list has no rows', async () => {
    const { widgets } = await mountAll({ client: licenseeThrough(noRows(paths)) }, allTags);
    await allShow(widgets, 'empty');
    await expect(widgets[0]!.parentElement!).to.be.accessible();
  });

  it('shows an error with Retry when its list fails, and Retry loads the real list', async () => {
    const { widgets } = await mountAll({ client: licenseeThrough(failingUntilRetry(paths)) }, allTags);
    await allShow(widgets, 'error');
    await expect(widgets[0]!.parentElement!).to.be.accessible();
    for (const widget of widgets) deepInShadows(widget, '[data-state="error"] button')[0]!.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
    await allShow(widgets, 'rows');
  });

  it('shows the forbidden state, naming the permission, without the scope — and calls nothing', async () => {
    const grant = await embedToken(ALPHA, ['layout:read']);
    const calls: string[] = [];
    const client = createClient({
      baseUrl: apiUrl(),
      auth: grant.token,
      fetch: (request, init) => {
        if (!new URL(request.url).pathname.endsWith('/me')) calls.push(request.url);
        return fetch(request, init);
      },
    });
    const { provider, widgets } = await mountAll({ client });
    await allShow(widgets, 'forbidden');
    for (const widget of widgets) {
      const needed = (widget.constructor as (typeof widgetRegistry)[number]).scopes[0]!;
      expect(deepInShadows(widget, '[data-state="forbidden"]')[0]!.textContent, widget.localName).to.contain(needed);
    }
    expect(calls).to.deep.equal([]);
    await expect(provider).to.be.accessible();
  });

  it('shows the session-expired state when the token is revoked and cannot be renewed', async () => {
    const revoked = await login(LICENSEE);
    await fetch(`${apiUrl()}/v1/sessions/current`, { method: 'DELETE', headers: { authorization: `Bearer ${revoked.token}` } });
    let calls = 0;
    const { provider, widgets } = await mountAll({
      fetchSessionToken: async () => {
        if (++calls > 1) throw new Error('the portal session has ended');
        return revoked;
      },
    });
    await waitFor(() => provider.status === 'expired', 'the session to end');
    await allShow(widgets, 'expired');
  });

  /** Elements that server text could have smuggled in; CodeMirror's own aria-hidden cursor buffers are images too. */
  const INJECTED = 'img:not(.cm-widgetBuffer), script';
  // A few widgets per page: every row carries 10,000-character strings, which is slow to lay out all at once.
  const HOSTILE_BATCH = 8;
  for (let first = 0; first < widgetRegistry.length; first += HOSTILE_BATCH) {
    const batch = widgetRegistry.slice(first, first + HOSTILE_BATCH);
    it(`renders hostile text from the server (markup, an unterminated override, 10,000 characters) as inert, contained text: ${batch.map((w) => w.tag).join(', ')}`, async () => {
      // Every text field of every list and record is made hostile on its way from the server.
      const wrappers = lists.map((list) => ({ path: listPathOf(list.id), fields: textFields(list) }));
      const hostile: Fetch = (request, init) => {
        const url = new URL(request.url);
        const match = wrappers.find((w) => url.pathname === w.path || url.pathname.startsWith(`${w.path}/`));
        return match ? hostileTexts(match.path, match.fields)(request, init) : fetch(request, init);
      };
      const { widgets } = await mountAll({ client: licenseeThrough(hostile) }, batch.map((w) => w.tag));
      await allShow(widgets, 'rows');
      for (const widget of widgets) {
        expect(deepInShadows(widget, INJECTED).map((e) => e.outerHTML), widget.localName).to.deep.equal([]);
        if (!(widget instanceof FcoListWidget)) {
          // A widget of its own shape (the reports): its content stays within it.
          expect(widget.scrollWidth, `${widget.localName} does not scroll sideways`).to.be.at.most(widget.clientWidth);
          continue;
        }
        const table = listOf(widget);
        for (const row of dataRows(table)) expect(row.getBoundingClientRect().height, widget.localName).to.equal(ROW_HEIGHT);
        const dialog = await openDetail(widget, dataRows(table)[0]!);
        expect(dialog.scrollWidth, `${widget.localName}: the dialog does not scroll sideways`).to.be.at.most(dialog.clientWidth);
        expect([...dialog.querySelectorAll(INJECTED)].map((e) => e.outerHTML), widget.localName).to.deep.equal([]);
        dialog.close();
      }
      expect(window.fcoPwned).to.equal(undefined);
    });
  }
});
