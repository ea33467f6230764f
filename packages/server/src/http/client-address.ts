/**
 * The client address that sign-in throttling, rate limits and idempotency keys count by: the TCP peer, or — only for
 * peers named as trusted proxies — the address that the proxies' `X-Forwarded-For` chain says reached the first of
 * them. Anyone can write `X-Forwarded-For`; a trusted proxy appends its own peer to whatever came in, so the chain is
 * read from the right, over trusted hops only, and the first untrusted address is the client.
 */
import { BlockList, isIP } from 'node:net';

export class TrustedProxyError extends Error {}

/** IPv4 peers of a dual-stack socket arrive as `::ffff:192.0.2.1`; compared, and counted, as `192.0.2.1`. */
function normalise(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped ? mapped[1]! : address;
}

const family = (address: string) => (isIP(address) === 6 ? 'ipv6' : 'ipv4');

export interface TrustedProxies {
  has(address: string): boolean;
}

/** Addresses and CIDR ranges (`10.0.0.0/8`, `192.0.2.7`, `fd00::/8`); anything else is a TrustedProxyError. */
export function trustedProxies(entries: readonly string[]): TrustedProxies {
  const list = new BlockList();
  for (const raw of entries) {
    const entry = raw.trim();
    const [address = '', prefixText, ...rest] = entry.split('/');
    const version = isIP(address);
    const prefix = prefixText === undefined ? undefined : Number(prefixText);
    const widest = version === 6 ? 128 : 32;
    if (!version || rest.length || (prefix !== undefined && (!/^\d+$/.test(prefixText!) || prefix > widest))) {
      throw new TrustedProxyError(`"${entry}" is not an IP address or a CIDR range (10.0.0.0/8, 192.0.2.7, fd00::/8)`);
    }
    if (prefix === undefined) list.addAddress(normalise(address), family(normalise(address)));
    else list.addSubnet(address, prefix, version === 6 ? 'ipv6' : 'ipv4');
  }
  return { has: (address) => isIP(normalise(address)) !== 0 && list.check(normalise(address), family(normalise(address))) };
}

/**
 * The client of a request from `peer` carrying these `X-Forwarded-For` values: the rightmost address not of a trusted
 * proxy, walking left only while the hop that wrote the entry is trusted. An entry that is no address ends the walk
 * at the trusted hop that passed it on.
 */
export function clientAddress(peer: string, forwardedFor: string | undefined, trusted: TrustedProxies): string {
  let client = normalise(peer);
  if (!forwardedFor || !trusted.has(client)) return client;
  const chain = forwardedFor.split(',').map((hop) => normalise(hop.trim()));
  for (let i = chain.length - 1; i >= 0 && trusted.has(client); i--) {
    if (!isIP(chain[i]!)) break;
    client = chain[i]!;
  }
  return client;
}
