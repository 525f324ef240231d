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

/**
 * `localhost` and every name under `.localhost` are loopback (RFC 6761 §6.3): judged by name,
 * never asked of DNS, whose answer for them may be anything.
 */
export function isLocalhostName(hostname: string): boolean {
  const name = hostname.toLowerCase().replace(/\.+$/, '');
  return name === 'localhost' || name.endsWith('.localhost');
}

/** The IPv4 address in bits `from`..`from + 32` of an IPv6 address. */
function embeddedV4(v6: ipaddr.IPv6, from: number): string {
  const bytes = v6.toByteArray().slice(from / 8, from / 8 + 4);
  return bytes.join('.');
}

/**
 * An IPv6 address written with a dotted IPv4 tail, in hex groups: ipaddr.js reads `::8.8.8.8`
 * (IPv4-compatible) as `::ffff:8.8.8.8` (mapped), and those two must not be confused.
 */
function dottedTailAsHex(address: string): string {
  const m = /^(.*:)(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(address);
  if (!m) return address;
  const b = m.slice(2).map(Number);
  if (b.some((x) => x > 255)) return address;
  return `${m[1]}${((b[0] << 8) | b[1]).toString(16)}:${((b[2] << 8) | b[3]).toString(16)}`;
}

function v6Has(v6: ipaddr.IPv6, cidr: string): boolean {
  const [net, bits] = ipaddr.parseCIDR(cidr);
  return v6.match(net as ipaddr.IPv6, bits);
}

/**
 * True for loopback, private, link-local, CGNAT, multicast, reserved and IPv6 local forms, and
 * for every IPv6 form that carries an IPv4 address unless that address is public: IPv4-mapped
 * (::ffff:a.b.c.d) and SIIT (::ffff:0:a.b.c.d), NAT64 (64:ff9b::/96) and 6to4 (2002::/16) are
 * judged by the IPv4 address they embed; IPv4-compatible (::a.b.c.d, deprecated; the URL parser
 * writes [::127.0.0.1] as [::7f00:1]), local-use NAT64 (64:ff9b:1::/48) and Teredo are refused.
 */
export function isBlockedAddress(address: string): boolean {
  let addr: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    addr = ipaddr.parse(dottedTailAsHex(address.replace(/^\[|\]$/g, '').replace(/%.*$/, '')));
  } catch {
    return true;
  }
  if (addr.kind() === 'ipv4') return addr.range() !== 'unicast';
  const v6 = addr as ipaddr.IPv6;
  if (v6.isIPv4MappedAddress()) return isBlockedAddress(v6.toIPv4Address().toString());
  if (v6Has(v6, '::/96')) return true;
  if (v6Has(v6, '::ffff:0:0:0/96')) return isBlockedAddress(embeddedV4(v6, 96));
  if (v6Has(v6, '64:ff9b:1::/48')) return true;
  if (v6Has(v6, '64:ff9b::/96')) return isBlockedAddress(embeddedV4(v6, 96));
  if (v6Has(v6, '2002::/16')) return isBlockedAddress(embeddedV4(v6, 16));
  if (v6Has(v6, '2001::/32')) return true; // Teredo: the client's IPv4 address is obfuscated
  return v6.range() !== 'unicast';
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for net/tls.connect (undici's `connect` options) that refuses blocked addresses,
 * judging every address the name resolves to.
 */
export function guardedLookup(hostname: string, options: { all?: boolean; family?: number | string }, callback: LookupCallback): void {
  if (isLocalhostName(hostname)) return void process.nextTick(() => callback(new BlockedAddressError(hostname) as unknown as NodeJS.ErrnoException, []));
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
  return (isIP(host) !== 0 && isBlockedAddress(host)) || isLocalhostName(host);
}
