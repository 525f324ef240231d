// SSRF guard: where private URLs are not allowed, an attempt may only connect to a globally
// routable unicast address. The check runs on the address actually connected to (the socket's
// DNS lookup), so a public name that resolves to 127.0.0.1 is refused as well.
import ipaddr from 'ipaddr.js';
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP } from 'node:net';

export class BlockedAddressError extends Error {
  readonly code = 'ERR_BLOCKED_ADDRESS';
  constructor(readonly address: string) {
    super(`Refused to connect to non-public address ${address}`);
  }
}

/** True for loopback, private, link-local, CGNAT, multicast, reserved and IPv6 local forms. */
export function isBlockedAddress(address: string): boolean {
  let addr: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    addr = ipaddr.parse(address.replace(/^\[|\]$/g, '').replace(/%.*$/, ''));
  } catch {
    return true;
  }
  if (addr.kind() === 'ipv6') {
    const v6 = addr as ipaddr.IPv6;
    // ::ffff:127.0.0.1, NAT64 and 6to4 embed an IPv4 address: judge that one.
    if (v6.isIPv4MappedAddress()) return isBlockedAddress(v6.toIPv4Address().toString());
    const range = v6.range();
    if (range === 'rfc6052' || range === '6to4' || range === 'teredo') return true;
    return range !== 'unicast';
  }
  return addr.range() !== 'unicast';
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for net/tls.connect (undici's `connect` options) that refuses blocked addresses,
 * judging every address the name resolves to.
 */
export function guardedLookup(hostname: string, options: { all?: boolean; family?: number | string }, callback: LookupCallback): void {
  dnsLookup(hostname, { ...options, all: true } as { all: true }, (err, addresses) => {
    if (err) return callback(err, []);
    const blocked = addresses.find((a) => isBlockedAddress(a.address));
    if (blocked) return callback(new BlockedAddressError(blocked.address) as unknown as NodeJS.ErrnoException, []);
    if (options.all) return callback(null, addresses);
    callback(null, addresses[0].address, addresses[0].family);
  });
}

/** Literal IP hosts skip DNS (and the lookup hook): check them before connecting. */
export function literalHostBlocked(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '');
  return isIP(host) !== 0 && isBlockedAddress(host);
}
