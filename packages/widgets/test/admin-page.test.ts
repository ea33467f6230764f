import { expect } from '@open-wc/testing';
import { sendKeys, sendMouse, setViewport } from '@web/test-runner-commands';
import { ALPHA, LICENSEE, allInShadow, apiAs, embedToken, inShadow, mount, signUpPending, unique, unmountAll, waitFor } from './support/harness.js';
import type { FcoAdminPage } from '../src/page/admin-page.js';
import type { FcoNavigateEvent } from '../src/events.js';

afterEach(unmountAll);

/** The layout endpoints are per user: every test starts from the default. */
async function resetLayout(email: string) {
  const api = await apiAs(email);
  await api.layout.reset({ ifMatch: await api.layout.get() });
  return api;
}

async function mountPage(email: string, attributes = '') {
  const provider = await mount(`<fco-admin-page ${attributes}></fco-admin-page>`, { email });
  const page = provider.querySelector('fco-admin-page') as FcoAdminPage;
  await waitFor(() => inShadow(page, '[role="tablist"]'), 'the tabs');
  return page;
}

const tabTitles = (page: Element) => allInShadow(page, '[role="tab"]').map((t) => t.querySelector('span')?.textContent);
const widgetIds = (page: Element, tabId: string) =>
  allInShadow(page, `#panel-${tabId} > [data-widget]`).map((w) => w.getAttribute('data-widget'));

describe('<fco-admin-page>', () => {
  before(async () => {
    await setViewport({ width: 1280, height: 2400 });
  });

  it('renders the role’s default layout, names widget types nobody registered, and hides Hardware from BE admins', async () => {
    await resetLayout(LICENSEE);
    const page = await mountPage(LICENSEE);
    expect(tabTitles(page)).to.include.members(['Customers', 'All Resources', 'Hardware']);
    expect(widgetIds(page, 'customers')).to.deep.equal(['customers', 'users', 'pending-customers']);
    expect(inShadow(page, '#panel-customers fco-customers')).to.exist;
    // A host that maps a type to a tag it never registered sees the gap named, not a blank box.
    page.widgetTags = { 'fco-users': 'acme-users' };
    const unknown = await waitFor(() => inShadow(page, '#panel-customers [data-unknown-widget="fco-users"]'), 'the unregistered widget named');
    expect(unknown.textContent).to.contain('fco-users');
    unmountAll();
    await resetLayout(ALPHA);
    const bePage = await mountPage(ALPHA);
    expect(tabTitles(bePage)).to.not.include('Hardware');
  });

  it('shows an embed session the tabs its token can fill, and says so when it can fill none', async () => {
    await resetLayout(ALPHA);
    const customersOnly = await mount('<fco-admin-page></fco-admin-page>', {
      fetchSessionToken: () => embedToken(ALPHA, ['layout:read', 'customers:read']),
    });
    const page = customersOnly.querySelector('fco-admin-page') as FcoAdminPage;
    await waitFor(() => inShadow(page, '[role="tablist"]'), 'the tabs');
    expect(tabTitles(page)).to.deep.equal(['Customers']);
    expect(widgetIds(page, 'customers')).to.deep.equal(['customers', 'pending-customers']);
    unmountAll();
    const nothingToOpen = await mount('<fco-admin-page></fco-admin-page>', { fetchSessionToken: () => embedToken(ALPHA, ['layout:read']) });
    const empty = nothingToOpen.querySelector('fco-admin-page') as FcoAdminPage;
    const message = await waitFor(() => inShadow(empty, '[data-state="empty"]'), 'the empty page message');
    expect(message.checkVisibility()).to.equal(true);
    expect(message.textContent).to.contain('may not open any');
  });

  it('shows only the selected tab’s panel, as a person sees it, whatever the host’s styles say', async () => {
    await resetLayout(LICENSEE);
    // A host stylesheet that displays every panel (the way a portal's design system might style ::part(panel)).
    const hostStyle = document.createElement('style');
    hostStyle.textContent = 'fco-admin-page::part(panel) { display: flex !important; }';
    document.head.append(hostStyle);
    try {
      const page = await mountPage(LICENSEE);
      const panels = () => allInShadow(page, '[role="tabpanel"]');
      for (const tab of allInShadow(page, '[role="tab"]')) {
        const box = tab.getBoundingClientRect();
        // A click at the tab's place on screen, as a pointer would.
        const target = page.shadowRoot!.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
        expect(target?.closest('[role="tab"]'), `the tab ${tab.textContent} is on top at its place`).to.equal(tab);
        (target as HTMLElement).click();
        const id = tab.getAttribute('data-tab');
        await waitFor(() => panels().filter((p) => p.checkVisibility()).length === 1, 'one panel visible');
        const visible = panels().filter((p) => p.checkVisibility());
        expect(visible.map((p) => p.id)).to.deep.equal([`panel-${id}`]);
        for (const hidden of panels().filter((p) => p !== visible[0])) {
          const hiddenBox = hidden.getBoundingClientRect();
          expect([hiddenBox.width, hiddenBox.height], `${hidden.id} takes no space`).to.deep.equal([0, 0]);
        }
        // The visible panel starts right under the tabs: nothing of another tab above it.
        const tablist = inShadow(page, '[role="tablist"]')!.getBoundingClientRect();
        expect(visible[0]!.getBoundingClientRect().top - tablist.bottom).to.be.below(40);
      }
    } finally {
      hostStyle.remove();
    }
  });

  it('creates a tab’s widgets when the tab is first shown (badge widgets at once), and keeps them', async () => {
    await resetLayout(LICENSEE);
    const page = await mountPage(LICENSEE);
    expect(Boolean(inShadow(page, '#panel-resources fco-servers')), 'not shown yet, not created').to.equal(false);
    expect(inShadow(page, '#panel-resources [data-widget="servers"] h2')?.textContent).to.equal('Servers');
    inShadow<HTMLElement>(page, '[data-tab="resources"]')!.click();
    const servers = await waitFor(() => inShadow(page, '#panel-resources fco-servers'), 'servers created on first show');
    inShadow<HTMLElement>(page, '[data-tab="customers"]')!.click();
    await waitFor(() => !servers.checkVisibility(), 'servers hidden again');
    expect(inShadow(page, '#panel-resources fco-servers')).to.equal(servers);
  });

  it('speaks the page’s language in default tab titles, switches at run time, and keeps titles the user chose', async () => {
    const api = await resetLayout(ALPHA);
    const layout = await api.layout.get({});
    const renamed = { ...layout, tabs: layout.tabs.map((t) => (t.id === 'billing' ? { ...t, title: 'Money matters' } : t)) };
    await api.layout.replace({ ifMatch: layout, body: { tabs: renamed.tabs } });
    const provider = await mount('<fco-admin-page></fco-admin-page>', { email: ALPHA, locale: 'de' });
    const page = provider.querySelector('fco-admin-page') as FcoAdminPage;
    await waitFor(() => inShadow(page, '[role="tablist"]'), 'the tabs');
    // The page speaks English until the German catalogue has arrived (it loads lazily): the titles follow it.
    await waitFor(() => tabTitles(page).includes('Kunden'), 'German titles');
    expect(tabTitles(page)).to.include.members(['Kunden', 'Alle Ressourcen', 'Money matters']);
    provider.locale = 'en';
    await waitFor(() => tabTitles(page).includes('Customers'), 'English titles after switching the locale');
    expect(tabTitles(page)).to.include('Money matters');
    await api.layout.reset({ ifMatch: await api.layout.get() });
  });

  it('shows the count of customers awaiting approval as a badge on the tab', async () => {
    await resetLayout(LICENSEE);
    await signUpPending(unique('Badge'));
    const api = await apiAs(LICENSEE);
    const pending = await api.customers.list({ filter: 'status = PENDING_APPROVAL', pageSize: 1 });
    const page = await mountPage(LICENSEE);
    const badge = await waitFor(() => inShadow(page, '[data-tab="customers"] [data-badge]'), 'the badge', 20_000);
    expect(badge.textContent).to.equal(String(pending.totalSize));
  });

  it('follows the URL hash when asked and emits fco-navigate', async () => {
    await resetLayout(LICENSEE);
    location.hash = 'billing';
    const page = await mountPage(LICENSEE, 'hash-navigation');
    expect(page.selectedTab).to.equal('billing');
    const events: FcoNavigateEvent[] = [];
    page.addEventListener('fco-navigate', (e) => events.push(e));
    inShadow<HTMLElement>(page, '[data-tab="images"]')!.click();
    expect(location.hash).to.equal('#images');
    expect(events.map((e) => e.tabId)).to.deep.equal(['images']);
    location.hash = 'customers';
    await waitFor(() => page.selectedTab === 'customers', 'the hash to select Customers');
    history.replaceState(null, '', location.pathname + location.search);
  });

  it('customises with the keyboard: moves a tab, adds and renames a tab, reorders and removes widgets; persisted across reload', async () => {
    const api = await resetLayout(ALPHA);
    let page = await mountPage(ALPHA);
    inShadow<HTMLButtonElement>(page, '[data-action="customise"]')!.click();
    await waitFor(() => inShadow(page, '[part="toolbar"]'), 'the toolbar');

    // Alt+ArrowRight on the selected tab moves it one place right.
    inShadow<HTMLElement>(page, '[data-tab="customers"]')!.focus();
    await sendKeys({ down: 'Alt' });
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ up: 'Alt' });
    await waitFor(() => tabTitles(page)[1] === 'Customers', 'Customers second');
    expect(page.shadowRoot!.activeElement?.getAttribute('data-tab')).to.equal('customers');

    // Alt+ArrowDown on a widget's handle moves it down; the buttons have accessible names.
    const handle = inShadow<HTMLElement>(page, '#panel-customers [data-widget="customers"] [data-action="widget-drag"]')!;
    expect(handle.getAttribute('aria-label')).to.equal('Drag Customers');
    handle.focus();
    await sendKeys({ down: 'Alt' });
    await sendKeys({ press: 'ArrowDown' });
    await waitFor(() => widgetIds(page, 'customers')[1] === 'customers', 'Customers widget second');
    await sendKeys({ press: 'ArrowDown' }); // the handle keeps the focus, so it moves on
    await sendKeys({ up: 'Alt' });
    await waitFor(() => widgetIds(page, 'customers')[2] === 'customers', 'Customers widget third');
    expect(inShadow(page, '[role="status"]')?.textContent).to.contain('Customers moved to position 3');
    const remove = inShadow<HTMLButtonElement>(page, '#panel-customers [data-widget="users"] [data-action="widget-remove"]')!;
    expect(remove.getAttribute('aria-label')).to.equal('Remove Users');
    remove.click();
    await waitFor(() => widgetIds(page, 'customers').length === 2, 'Users removed');

    inShadow<HTMLButtonElement>(page, '[data-action="tab-add"]')!.click();
    const title = await waitFor(() => inShadow<HTMLInputElement>(page, 'input[name="tab-title"]'), 'the title field');
    title.value = 'My queue';
    title.dispatchEvent(new Event('input'));
    const typeSelect = inShadow<HTMLSelectElement>(page, 'select[name="widget-type"]')!;
    typeSelect.value = 'fco-pending-customers';
    typeSelect.dispatchEvent(new Event('change'));
    await waitFor(() => !inShadow<HTMLButtonElement>(page, '[data-action="widget-add"]')!.disabled, 'add enabled');
    inShadow<HTMLButtonElement>(page, '[data-action="widget-add"]')!.click();
    inShadow<HTMLButtonElement>(page, '[data-action="save"]')!.click();
    await waitFor(() => !inShadow(page, '[part="toolbar"]'), 'saved');

    const saved = await api.layout.get();
    expect(saved.isDefault).to.equal(false);
    expect(saved.tabs[1]!.id).to.equal('customers');
    expect(saved.tabs[1]!.widgets.map((w) => w.id)).to.deep.equal(['pending-customers', 'customers']);
    expect(saved.tabs.at(-1)).to.deep.include({ title: 'My queue' });
    expect(saved.tabs.at(-1)!.widgets.map((w) => w.type)).to.deep.equal(['fco-pending-customers']);

    unmountAll();
    page = await mountPage(ALPHA);
    expect(tabTitles(page)[1]).to.equal('Customers');
    expect(tabTitles(page).at(-1)).to.equal('My queue');
    expect(widgetIds(page, 'customers')).to.deep.equal(['pending-customers', 'customers']);
  });

  it('renames a widget, moves it to another tab, and adds back a removed one from the picker (only types the caller may use)', async () => {
    const api = await resetLayout(ALPHA);
    const page = await mountPage(ALPHA);
    inShadow<HTMLButtonElement>(page, '[data-action="customise"]')!.click();
    await waitFor(() => inShadow(page, '[part="toolbar"]'), 'the toolbar');
    const offered = [...inShadow<HTMLSelectElement>(page, 'select[name="widget-type"]')!.options].map((o) => o.value).filter(Boolean);
    // A billing entity's admin may use every widget but the hardware ones (its own audit log included).
    expect(offered).to.include.members(['fco-customers', 'fco-servers', 'fco-jobs', 'fco-audit-log']);
    expect(offered.filter((type) => ['fco-clusters', 'fco-nodes', 'fco-storage-units', 'fco-ip-pools'].includes(type))).to.deep.equal([]);

    const title = inShadow<HTMLInputElement>(page, '#panel-customers [data-widget="users"] input[name="widget-title"]')!;
    title.value = 'People';
    title.dispatchEvent(new Event('change'));
    await waitFor(() => inShadow(page, '#panel-customers [data-widget="users"] h2')?.textContent === 'People', 'renamed');
    const target = inShadow<HTMLSelectElement>(page, '#panel-customers [data-widget="users"] select[name="widget-tab"]')!;
    target.value = 'billing';
    target.dispatchEvent(new Event('change'));
    await waitFor(() => widgetIds(page, 'billing').includes('users'), 'moved to Billing');
    expect(widgetIds(page, 'customers')).to.deep.equal(['customers', 'pending-customers']);

    inShadow<HTMLButtonElement>(page, '#panel-customers [data-widget="pending-customers"] [data-action="widget-remove"]')!.click();
    await waitFor(() => widgetIds(page, 'customers').length === 1, 'removed');
    const picker = inShadow<HTMLSelectElement>(page, 'select[name="widget-type"]')!;
    picker.value = 'fco-pending-customers';
    picker.dispatchEvent(new Event('change'));
    await waitFor(() => !inShadow<HTMLButtonElement>(page, '[data-action="widget-add"]')!.disabled, 'add enabled');
    inShadow<HTMLButtonElement>(page, '[data-action="widget-add"]')!.click();
    inShadow<HTMLButtonElement>(page, '[data-action="save"]')!.click();
    await waitFor(() => !inShadow(page, '[part="toolbar"]'), 'saved');

    const saved = await api.layout.get();
    expect(saved.tabs.find((t) => t.id === 'customers')!.widgets.map((w) => w.type)).to.deep.equal(['fco-customers', 'fco-pending-customers']);
    expect(saved.tabs.find((t) => t.id === 'billing')!.widgets.find((w) => w.id === 'users')).to.deep.equal({ id: 'users', type: 'fco-users', title: 'People' });
  });

  it('customises with the pointer: drags a widget below the next one and a tab to the front; persisted', async () => {
    const api = await resetLayout(ALPHA);
    let page = await mountPage(ALPHA);
    inShadow<HTMLButtonElement>(page, '[data-action="customise"]')!.click();
    const center = (element: Element) => {
      const box = element.getBoundingClientRect();
      return [Math.round(box.left + box.width / 2), Math.round(box.top + box.height / 2)] as [number, number];
    };
    const handle = await waitFor(
      () => inShadow(page, '#panel-customers [data-widget="customers"] [data-action="widget-drag"]'),
      'the handle',
    );
    const usersFrame = inShadow(page, '#panel-customers [data-widget="users"]')!;
    const target = usersFrame.getBoundingClientRect();
    await sendMouse({ type: 'move', position: center(handle) });
    await sendMouse({ type: 'down' });
    await sendMouse({ type: 'move', position: [Math.round(target.left + 40), Math.round(target.top + target.height * 0.75)] });
    await sendMouse({ type: 'up' });
    await waitFor(() => widgetIds(page, 'customers')[1] === 'customers', 'Customers dragged below Users');

    const billingTab = inShadow(page, '[data-tab="billing"]')!;
    const firstTab = inShadow(page, '[data-tab="customers"]')!;
    await sendMouse({ type: 'move', position: center(billingTab) });
    await sendMouse({ type: 'down' });
    const firstBox = firstTab.getBoundingClientRect();
    await sendMouse({ type: 'move', position: [Math.round(firstBox.left + 2), Math.round(firstBox.top + firstBox.height / 2)] });
    await sendMouse({ type: 'up' });
    await waitFor(() => tabTitles(page)[0] === 'Billing', 'Billing first');

    inShadow<HTMLButtonElement>(page, '[data-action="save"]')!.click();
    await waitFor(() => !inShadow(page, '[part="toolbar"]'), 'saved');
    const saved = await api.layout.get();
    expect(saved.tabs[0]!.id).to.equal('billing');
    expect(saved.tabs.find((t) => t.id === 'customers')!.widgets.map((w) => w.id)).to.deep.equal(['users', 'customers', 'pending-customers']);
    unmountAll();
    page = await mountPage(ALPHA);
    expect(tabTitles(page)[0]).to.equal('Billing');
  });

  it('shows an If-Match conflict on save and lets the user overwrite or load the other version, losing nothing', async () => {
    const api = await resetLayout(ALPHA);
    const page = await mountPage(ALPHA);
    inShadow<HTMLButtonElement>(page, '[data-action="customise"]')!.click();
    (await waitFor(() => inShadow<HTMLButtonElement>(page, '[data-action="tab-add"]'), 'the toolbar')).click();
    const title = await waitFor(() => inShadow<HTMLInputElement>(page, 'input[name="tab-title"]'), 'the title field');
    title.value = 'Mine';
    title.dispatchEvent(new Event('input'));

    // Another browser tab saves first.
    const theirs = await api.layout.get();
    await api.layout.replace({ ifMatch: theirs, body: { tabs: [{ id: 'theirs', title: 'Theirs', widgets: [] }] } });

    inShadow<HTMLButtonElement>(page, '[data-action="save"]')!.click();
    await waitFor(() => inShadow(page, '[data-conflict]'), 'the conflict message');
    expect(tabTitles(page)).to.include('Mine'); // the draft is still there
    inShadow<HTMLButtonElement>(page, '[data-action="conflict-overwrite"]')!.click();
    await waitFor(() => !inShadow(page, '[part="toolbar"]'), 'saved over theirs');
    expect((await api.layout.get()).tabs.map((t) => t.title)).to.include('Mine');

    // And the other choice: load their version.
    (await waitFor(() => inShadow<HTMLButtonElement>(page, '[data-action="customise"]'), 'customise')).click();
    (await waitFor(() => inShadow<HTMLButtonElement>(page, '[data-action="tab-add"]'), 'the toolbar')).click();
    const again = await api.layout.get();
    await api.layout.replace({ ifMatch: again, body: { tabs: [{ id: 'theirs', title: 'Theirs', widgets: [] }] } });
    inShadow<HTMLButtonElement>(page, '[data-action="save"]')!.click();
    await waitFor(() => inShadow(page, '[data-conflict]'), 'the conflict message again');
    inShadow<HTMLButtonElement>(page, '[data-action="conflict-reload"]')!.click();
    await waitFor(() => tabTitles(page).join() === 'Theirs', 'their layout');
  });

  it('resets to the default layout', async () => {
    const api = await resetLayout(ALPHA);
    const current = await api.layout.get();
    await api.layout.replace({ ifMatch: current, body: { tabs: [{ id: 'only', title: 'Only', widgets: [] }] } });
    const page = await mountPage(ALPHA);
    expect(tabTitles(page)).to.deep.equal(['Only']);
    inShadow<HTMLButtonElement>(page, '[data-action="customise"]')!.click();
    (await waitFor(() => inShadow<HTMLButtonElement>(page, '[data-action="reset"]'), 'the toolbar')).click();
    (await waitFor(() => inShadow<HTMLButtonElement>(page, '[data-action="confirm-reset"]'), 'confirm')).click();
    await waitFor(() => tabTitles(page)[0] === 'Customers', 'the default tabs');
    expect((await api.layout.get()).isDefault).to.equal(true);
  });
});
