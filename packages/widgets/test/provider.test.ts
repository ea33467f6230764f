import { expect } from '@open-wc/testing';
import { ALPHA, LICENSEE, apiUrl, embedToken, inShadow, login, mount, tableOf, unmountAll, waitFor, waitForRows, type Grant } from './support/harness.js';
import type { FcoCustomers } from '../src/customers/customers.js';
import type { FcoSessionExpiredEvent } from '../src/events.js';

afterEach(unmountAll);

describe('<fco-admin-provider>', () => {
  it('loads the principal and its scopes from /v1/me when the grant is a bare token', async () => {
    const fetchSessionToken = async (): Promise<Grant> => {
      const { token, expiresAt } = await login(ALPHA);
      return { token, expiresAt };
    };
    const provider = await mount('', { fetchSessionToken });
    expect(provider.status).to.equal('active');
    expect(provider.principal?.user.email).to.equal(ALPHA);
    expect(provider.principal?.role).to.equal('BE_ADMIN');
    expect(provider.principal?.scopes).to.include('customers:read');
  });

  it('renews the token before it expires', async () => {
    let calls = 0;
    // Claim a short lifetime so the provider renews soon (the server's token itself is still valid).
    const fetchSessionToken = async (): Promise<Grant> => {
      calls++;
      const grant = await login(LICENSEE);
      return { token: grant.token, expiresAt: new Date(Date.now() + 35_000).toISOString() };
    };
    const provider = await mount('<fco-customers></fco-customers>', { fetchSessionToken });
    expect(provider.status).to.equal('active');
    expect(calls).to.equal(1);
    await waitFor(() => calls >= 2, 'a renewal before expiry', 20_000);
    expect(provider.status).to.equal('active');
  });

  it('renews once after a 401 (revoked token) and carries on', async () => {
    const revoked = await login(LICENSEE);
    await fetch(`${apiUrl()}/v1/sessions/current`, { method: 'DELETE', headers: { authorization: `Bearer ${revoked.token}` } });
    let calls = 0;
    const fetchSessionToken = async (): Promise<Grant> => (++calls === 1 ? revoked : login(LICENSEE));
    const pages: PerformanceResourceTiming[] = [];
    const observer = new PerformanceObserver((list) => pages.push(...(list.getEntries() as PerformanceResourceTiming[]).filter((e) => e.name.includes('/v1/customers?'))));
    observer.observe({ type: 'resource', buffered: false });
    // The revoked token's grant names its principal, so the session looks active and the first page goes out with
    // it: refused, then asked again with the renewed token.
    const provider = await mount('<fco-customers></fco-customers>', { fetchSessionToken });
    await waitForRows(tableOf(await waitFor(() => inShadow(provider.querySelector('fco-customers')!, 'fco-data-table') && provider.querySelector('fco-customers')!, 'the table')));
    await waitFor(() => pages.length === 2, 'both attempts at page 1 timed');
    observer.disconnect();
    // In the order they were asked (an entry is recorded when its body has been read, which may be later).
    expect(pages.sort((a, b) => a.startTime - b.startTime).map((e) => e.responseStatus)).to.deep.equal([401, 200]);
    expect(provider.status).to.equal('active');
    expect(calls).to.equal(2);
  });

  it('asks nothing more once removed from the page, not even with the token it was waiting for', async () => {
    const realFetch = window.fetch;
    const asked: string[] = [];
    window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
      asked.push(input instanceof Request ? input.url : String(input));
      return realFetch(input, init);
    };
    try {
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let handedOver = false;
      const fetchSessionToken = async (): Promise<Grant> => {
        await held;
        const grant = await login(LICENSEE);
        handedOver = true;
        return grant;
      };
      const provider = document.createElement('fco-admin-provider');
      provider.baseUrl = apiUrl();
      provider.fetchSessionToken = fetchSessionToken;
      document.body.append(provider);
      await provider.updateComplete;
      provider.remove();
      release();
      await waitFor(() => handedOver, 'the token the removed provider was waiting for');
      // Whatever would follow the token goes out within a few microtasks; give it far longer.
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(asked.filter((url) => new URL(url).pathname === '/v1/me')).to.deep.equal([]);
      expect(provider.status).to.equal('starting');
    } finally {
      window.fetch = realFetch;
    }
  });

  it('moves to the session-expired state (and says so once) when the token cannot be renewed', async () => {
    const expired: FcoSessionExpiredEvent[] = [];
    document.addEventListener('fco-session-expired', (e) => expired.push(e), { once: true });
    let calls = 0;
    const fetchSessionToken = async (): Promise<Grant> => {
      if (++calls > 1) throw new Error('the portal session has ended');
      const grant = await login(LICENSEE);
      return { token: grant.token, expiresAt: new Date(Date.now() + 35_000).toISOString() };
    };
    const provider = await mount('<fco-customers></fco-customers>', { fetchSessionToken });
    const widget = provider.querySelector('fco-customers') as FcoCustomers;
    await waitForRows(tableOf(await waitFor(() => inShadow(widget, 'fco-data-table') && widget, 'the table')));
    await waitFor(() => provider.status === 'expired', 'the session to expire', 20_000);
    await waitFor(() => inShadow(widget, '[data-state="expired"]'), 'the widget’s session-expired state');
    expect(expired).to.have.length(1);
    expect(expired[0]!.reason).to.contain('portal session has ended');
  });

  it('keeps several providers on one page independent (principal, locale)', async () => {
    const a = await mount('<fco-customers></fco-customers>', { email: LICENSEE, locale: 'en' });
    const b = await mount('<fco-customers></fco-customers>', { email: ALPHA, locale: 'de' });
    expect(a.principal?.user.email).to.equal(LICENSEE);
    expect(b.principal?.user.email).to.equal(ALPHA);
    const tableA = tableOf(await waitFor(() => inShadow(a.querySelector('fco-customers')!, 'fco-data-table') && a.querySelector('fco-customers')!, 'a'));
    const tableB = tableOf(await waitFor(() => inShadow(b.querySelector('fco-customers')!, 'fco-data-table') && b.querySelector('fco-customers')!, 'b'));
    await waitForRows(tableA);
    await waitForRows(tableB);
    expect(inShadow(tableA, '[role="columnheader"][aria-sort]')?.textContent).to.contain('Organisation');
    expect(inShadow(tableB, 'form.filters button[type="submit"]')?.textContent?.trim()).to.equal('Anwenden');
    expect(tableA.totalSize).to.be.greaterThan(tableB.totalSize);
  });

  it('asks no GET /v1/me when the session token names its principal: page 1 is the first request', async () => {
    const entries: PerformanceResourceTiming[] = [];
    const observer = new PerformanceObserver((list) => entries.push(...(list.getEntries() as PerformanceResourceTiming[])));
    observer.observe({ type: 'resource', buffered: false });
    const provider = await mount('<fco-customers></fco-customers>');
    await waitForRows(tableOf(await waitFor(() => inShadow(provider.querySelector('fco-customers')!, 'fco-data-table') && provider.querySelector('fco-customers')!, 'the table')));
    await waitFor(() => entries.some((e) => e.name.includes('/v1/customers?')), 'page 1 timed');
    observer.disconnect();
    expect(provider.principal?.user.email).to.equal(LICENSEE);
    expect(entries.filter((e) => e.name.includes('/v1/me')), 'no GET /v1/me').to.deep.equal([]);
    expect(entries.filter((e) => e.name.includes('/v1/customers?')), 'page 1 asked for once').to.have.length(1);
  });

  it('shows the forbidden state without calling the API when an embed token lacks the scope', async () => {
    const grant = await embedToken(ALPHA, ['users:read']);
    const requests: string[] = [];
    const observer = new PerformanceObserver((list) => list.getEntries().forEach((e) => requests.push(e.name)));
    observer.observe({ type: 'resource', buffered: false });
    const provider = await mount('<fco-customers></fco-customers><fco-users></fco-users>', { fetchSessionToken: async () => grant });
    expect(provider.principal?.tokenType).to.equal('EMBED');
    const customers = provider.querySelector('fco-customers')!;
    const forbidden = await waitFor(() => inShadow(customers, '[data-state="forbidden"]'), 'the forbidden state');
    expect(forbidden.textContent).to.contain('customers:read');
    const users = provider.querySelector('fco-users')!;
    await waitForRows(tableOf(await waitFor(() => inShadow(users, 'fco-data-table') && users, 'users table')));
    requests.push(...observer.takeRecords().map((e) => e.name)); // entries not yet delivered to the callback
    observer.disconnect();
    expect(requests.filter((url) => url.includes('/v1/customers'))).to.deep.equal([]);
    expect(requests.some((url) => url.includes('/v1/users'))).to.equal(true);
  });
});
