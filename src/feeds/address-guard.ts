// Address guard: which network destinations the fetcher may reach.
// Every address a host name resolves to is checked at connect time (inside the socket's DNS
// lookup), so a name that resolves to a public address once and to 127.0.0.1 later (DNS rebinding)
// cannot slip through. Literal IPs in a URL never reach the lookup and are checked up front.
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

export type BlockedReason =
  | 'loopback'
  | 'private'
  | 'link-local'
  | 'cgnat'
  | 'multicast'
  | 'unspecified'
  | 'reserved'
  | 'cloud-metadata'
  | 'invalid';

/** Cloud instance-metadata endpoints (AWS, GCP, Azure, OpenStack; AWS's IPv6 one). */
const METADATA_ADDRESSES = new Set(['169.254.169.254', 'fd00:ec2::254']);

const V4_REASONS: Record<string, BlockedReason> = {
  unspecified: 'unspecified',
  broadcast: 'reserved',
  multicast: 'multicast',
  linkLocal: 'link-local',
  loopback: 'loopback',
  carrierGradeNat: 'cgnat',
  private: 'private',
  reserved: 'reserved', // includes TEST-NETs, 198.18/15 benchmarking, 240/4
  as112: 'reserved',
  amt: 'reserved',
};

const V6_REASONS: Record<string, BlockedReason> = {
  unspecified: 'unspecified',
  linkLocal: 'link-local',
  multicast: 'multicast',
  loopback: 'loopback',
  uniqueLocal: 'private',
  deprecatedSiteLocal: 'private',
};

/** Why an address must not be contacted, or undefined when it is a public unicast address. */
export function blockedReason(address: string): BlockedReason | undefined {
  const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  if (!ipaddr.isValid(bare)) return 'invalid';
  let ip = ipaddr.parse(bare);
  if (ip.kind() === 'ipv6') {
    const v6 = ip as ipaddr.IPv6;
    if (v6.isIPv4MappedAddress()) ip = v6.toIPv4Address();
  }
  const normalised = ip.toNormalizedString();
  const canonical = ip.kind() === 'ipv6' ? ipaddr.IPv6.parse(normalised).toString() : normalised;
  if (METADATA_ADDRESSES.has(canonical)) return 'cloud-metadata';
  if (ip.kind() === 'ipv4') {
    const range = (ip as ipaddr.IPv4).range();
    return range === 'unicast' ? undefined : (V4_REASONS[range] ?? 'reserved');
  }
  const v6 = ip as ipaddr.IPv6;
  const parts = v6.parts;
  const range = v6.range();
  if (range === 'unicast') {
    // ::/96 (IPv4-compatible, deprecated) never leads anywhere we want.
    return parts.slice(0, 6).every((p) => p === 0) ? 'reserved' : undefined;
  }
  if (range === 'rfc6052') {
    // NAT64: judge the embedded IPv4 address.
    const [a, b] = [parts[6] ?? 0, parts[7] ?? 0];
    return blockedReason(`${a >> 8}.${a & 255}.${b >> 8}.${b & 255}`);
  }
  // 6to4, Teredo, ORCHID, documentation, benchmarking…: tunnels or not reachable.
  return V6_REASONS[range] ?? 'reserved';
}

/** Plain words for a blocked reason. */
export function describeBlockedReason(reason: BlockedReason): string {
  const words: Record<BlockedReason, string> = {
    loopback: 'a loopback address (this machine)',
    private: 'a private network address',
    'link-local': 'a link-local address',
    cgnat: 'a carrier-grade NAT address (100.64.0.0/10)',
    multicast: 'a multicast address',
    unspecified: 'an unspecified address',
    reserved: 'a reserved or special-purpose address',
    'cloud-metadata': 'a cloud metadata endpoint',
    invalid: 'not a valid IP address',
  };
  return words[reason];
}

export class BlockedAddressError extends Error {
  override readonly name = 'BlockedAddressError';
  readonly code = 'ERR_BLOCKED_ADDRESS';
  constructor(
    readonly host: string,
    readonly address: string,
    readonly reason: BlockedReason,
  ) {
    super(`refused to connect to ${host} (${address}): ${describeBlockedReason(reason)}`);
  }
}

/** Lower-cased host without IPv6 brackets or a trailing dot. */
export function normaliseHost(host: string): string {
  return host.toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '');
}

/** True when the operator allowed this host (name or literal IP) through the guard. */
export function isHostAllowed(host: string, allowHosts: readonly string[]): boolean {
  const h = normaliseHost(host);
  return allowHosts.some((a) => normaliseHost(a) === h);
}

/**
 * Check a host and the addresses it resolved to. Throws BlockedAddressError for the first
 * refused address unless the host itself (as written in the URL) is allowed: allowing
 * "127.0.0.1" does not allow "localhost", nor any other name that resolves there.
 */
export function assertAddressesAllowed(
  host: string,
  addresses: readonly string[],
  allowHosts: readonly string[],
): void {
  if (isHostAllowed(host, allowHosts)) return;
  for (const address of addresses) {
    const reason = blockedReason(address);
    if (reason) throw new BlockedAddressError(host, address, reason);
  }
}

/** Literal IP hosts never go through DNS: check them before connecting. */
export function assertLiteralHostAllowed(url: URL, allowHosts: readonly string[]): void {
  const host = normaliseHost(url.hostname);
  if (isIP(host) !== 0) assertAddressesAllowed(host, [host], allowHosts);
}

type LookupCallback = (
  err: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

export type Resolver = (hostname: string, family: number) => Promise<LookupAddress[]>;

const systemResolver: Resolver = (hostname, family) =>
  new Promise((resolve, reject) => {
    dnsLookup(hostname, { all: true, family, verbatim: true }, (err, addresses) =>
      err ? reject(err) : resolve(addresses),
    );
  });

/**
 * A `lookup` for net/tls `connect` options: resolves, refuses the whole host when any address is
 * refused, and hands the checked addresses to the socket (so nothing is resolved twice).
 */
export function createGuardedLookup(allowHosts: readonly string[], resolver: Resolver = systemResolver) {
  return function guardedLookup(hostname: string, options: unknown, callback?: LookupCallback): void {
    const cb = (typeof options === 'function' ? options : callback) as LookupCallback;
    const opts = (typeof options === 'object' && options !== null ? options : {}) as {
      all?: boolean;
      family?: number | string;
    };
    const family = opts.family === 'IPv6' ? 6 : opts.family === 'IPv4' ? 4 : Number(opts.family ?? 0) || 0;
    resolver(hostname, family).then(
      (addresses) => {
        try {
          if (addresses.length === 0) throw Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' });
          assertAddressesAllowed(hostname, addresses.map((a) => a.address), allowHosts);
        } catch (err) {
          cb(err as NodeJS.ErrnoException, '', 0);
          return;
        }
        const first = addresses[0] as LookupAddress;
        if (opts.all) cb(null, addresses);
        else cb(null, first.address, first.family);
      },
      (err: NodeJS.ErrnoException) => cb(err, '', 0),
    );
  };
}
