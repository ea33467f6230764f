/**
 * The client address behind trusted reverse proxies: X-Forwarded-For counts only from peers named as trusted proxies,
 * read from the right over trusted hops; from anyone else it is ignored, so a client cannot pick its own address to
 * escape per-address limits or to lock others out.
 *
 * @sqlite-only The client address is decided before any database work; the rate limit that shows it is in memory.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { clientAddress, trustedProxies } from '../src/http/client-address.js';
import { startServer, type RunningServer } from '../src/node.js';

describe('client address', () => {
  const proxies = trustedProxies(['10.0.0.0/8', '192.0.2.7', 'fd00::/8']);

  it('is the peer, unless the peer is a trusted proxy', () => {
    assert.equal(clientAddress('203.0.113.5', '198.51.100.1', proxies), '203.0.113.5', 'an untrusted peer\'s header is ignored');
    assert.equal(clientAddress('10.1.2.3', undefined, proxies), '10.1.2.3', 'a proxy without the header is the client');
    assert.equal(clientAddress('10.1.2.3', '198.51.100.1', proxies), '198.51.100.1');
    assert.equal(clientAddress('::ffff:192.0.2.7', '198.51.100.1', proxies), '198.51.100.1', 'IPv4 peers of an IPv6 socket');
    assert.equal(clientAddress('fd00::1', '2001:db8::1', proxies), '2001:db8::1');
  });

  it('reads the chain from the right: the first address that is not a trusted proxy, whatever the client wrote before it', () => {
    assert.equal(clientAddress('10.0.0.1', '1.1.1.1, 198.51.100.1', proxies), '198.51.100.1');
    assert.equal(clientAddress('10.0.0.1', '1.1.1.1, 198.51.100.1, 10.9.9.9', proxies), '198.51.100.1', 'over proxies in a row');
    assert.equal(clientAddress('10.0.0.1', '10.0.0.2, 10.0.0.3', proxies), '10.0.0.2', 'every hop a proxy: the farthest');
    assert.equal(clientAddress('10.0.0.1', 'not-an-address, 10.0.0.3', proxies), '10.0.0.3', 'a hop that is no address ends the walk');
  });

  it('refuses entries that are neither addresses nor CIDR ranges', () => {
    for (const entry of ['proxy.example', '10.0.0.0/33', '10.0.0.0/x', 'fd00::/129', '10.0.0.1/8/8', '']) {
      assert.throws(() => trustedProxies([entry]), /is not an IP address or a CIDR range/, entry);
    }
  });

  describe('over HTTP, counted by the per-address rate limit', () => {
    const servers: RunningServer[] = [];
    after(async () => {
      for (const server of servers) await server.close();
    });
    const serve = async (trusted: string[]) => {
      const server = await startServer({ db: 'sqlite::memory:', port: 0, seed: 'none', rateLimit: { limit: 2, windowSeconds: 60 }, trustedProxies: trusted });
      servers.push(server);
      return (forwardedFor: string) => fetch(`${server.url}/v1/no-such-path`, { headers: { 'x-forwarded-for': forwardedFor } }).then((r) => r.status);
    };

    it('from an untrusted peer, a spoofed X-Forwarded-For is ignored: every request counts against the peer', async () => {
      const request = await serve(['10.0.0.0/8']);
      assert.deepEqual([await request('198.51.100.1'), await request('198.51.100.2'), await request('198.51.100.3')], [404, 404, 429]);
    });

    it('from a trusted proxy, each client counts on its own, and what a client wrote left of it is ignored', async () => {
      const request = await serve(['127.0.0.1']);
      assert.deepEqual([await request('198.51.100.1'), await request('203.0.113.9, 198.51.100.1'), await request('198.51.100.1')], [404, 404, 429]);
      assert.equal(await request('198.51.100.2'), 404, 'another client');
    });
  });
});
