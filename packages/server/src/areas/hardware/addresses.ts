/** IP address arithmetic for pools and the subnets carved from them. */

export function ipv4ToNumber(address: string): number {
  return address.split('.').reduce((n, part) => n * 256 + Number(part), 0);
}

export function numberToIpv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
}

function ipv6ToBigInt(address: string): bigint {
  const [head, tail] = address.split('::') as [string, string | undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = tail === undefined ? left : [...left, ...Array(8 - left.length - right.length).fill('0'), ...right];
  return groups.reduce((n, group) => (n << 16n) + BigInt(parseInt(group || '0', 16)), 0n);
}

/** Addresses from `start` to `end` inclusive, capped at 2^53 - 1 (the API's integer range; IPv6 pools are larger). */
export function addressCount(start: string, end: string): number {
  if (start.includes(':')) {
    const count = ipv6ToBigInt(end) - ipv6ToBigInt(start) + 1n;
    return count > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(count);
  }
  return ipv4ToNumber(end) - ipv4ToNumber(start) + 1;
}
