import { describe, expect, it } from 'vitest';
import {
  assertAddressesAllowed,
  assertLiteralHostAllowed,
  BlockedAddressError,
  blockedReason,
  createGuardedLookup,
  isHostAllowed,
  type Resolver,
} from '../../../src/feeds/address-guard.js';

describe('blockedReason', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.9.9.9', 'loopback'],
    ['::1', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['192.168.1.1', 'private'],
    ['fd12:3456::1', 'private'],
    ['169.254.1.1', 'link-local'],
    ['fe80::1', 'link-local'],
    ['100.64.0.1', 'cgnat'],
    ['100.127.255.254', 'cgnat'],
    ['224.0.0.1', 'multicast'],
    ['ff02::1', 'multicast'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['198.18.0.1', 'reserved'],
    ['192.0.2.10', 'reserved'],
    ['240.0.0.1', 'reserved'],
    ['255.255.255.255', 'reserved'],
    ['2001:db8::1', 'reserved'],
    ['169.254.169.254', 'cloud-metadata'],
    ['fd00:ec2::254', 'cloud-metadata'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:169.254.169.254', 'cloud-metadata'],
    ['::ffff:10.0.0.1', 'private'],
    ['64:ff9b::7f00:1', 'loopback'],
    ['::7f00:1', 'reserved'],
    ['2002:7f00:1::', 'reserved'],
    ['not-an-ip', 'invalid'],
  ])('refuses %s as %s', (address, reason) => {
    expect(blockedReason(address)).toBe(reason);
  });

  it.each(['93.184.215.14', '8.8.8.8', '100.128.0.1', '2606:4700::6810:84e5', '::ffff:8.8.8.8', '64:ff9b::808:808'])(
    'lets public address %s through',
    (address) => {
      expect(blockedReason(address)).toBeUndefined();
    },
  );
});

describe('allowHosts', () => {
  it('allows a refused address only for a listed host', () => {
    expect(() => assertAddressesAllowed('localhost', ['127.0.0.1'], [])).toThrow(BlockedAddressError);
    expect(() => assertAddressesAllowed('localhost', ['127.0.0.1'], ['localhost'])).not.toThrow();
    expect(() => assertAddressesAllowed('127.0.0.1', ['127.0.0.1'], ['127.0.0.1'])).not.toThrow();
    expect(() => assertAddressesAllowed('feeds.example', ['127.0.0.1'], ['127.0.0.1'])).toThrow(/loopback/);
  });

  it('matches host names case-insensitively and ignores IPv6 brackets', () => {
    expect(isHostAllowed('LocalHost.', ['localhost'])).toBe(true);
    expect(isHostAllowed('[::1]', ['::1'])).toBe(true);
    expect(isHostAllowed('127.0.0.2', ['127.0.0.1'])).toBe(false);
  });

  it('checks literal IPs in URLs, which never go through DNS', () => {
    expect(() => assertLiteralHostAllowed(new URL('http://169.254.169.254/latest/meta-data/'), [])).toThrow(/cloud metadata/);
    expect(() => assertLiteralHostAllowed(new URL('http://[::ffff:7f00:1]:8080/'), [])).toThrow(/loopback/);
    expect(() => assertLiteralHostAllowed(new URL('http://127.0.0.1:8080/'), ['127.0.0.1'])).not.toThrow();
    expect(() => assertLiteralHostAllowed(new URL('https://www.itu.int/'), [])).not.toThrow();
  });

  it('sees through numeric spellings of loopback in URLs', () => {
    expect(() => assertLiteralHostAllowed(new URL('http://2130706433/'), [])).toThrow(/loopback/);
    expect(() => assertLiteralHostAllowed(new URL('http://0x7f.1/'), [])).toThrow(/loopback/);
    expect(() => assertLiteralHostAllowed(new URL('http://[0:0:0:0:0:ffff:a9fe:a9fe]/'), [])).toThrow(/metadata/);
  });
});

describe('createGuardedLookup', () => {
  function lookupWith(resolver: Resolver, allow: string[] = [], all = false) {
    const lookup = createGuardedLookup(allow, resolver);
    return new Promise<{ err: NodeJS.ErrnoException | null; address: unknown }>((resolve) =>
      lookup('feeds.example', { all }, (err, address) => resolve({ err, address })),
    );
  }

  it('refuses a host when any resolved address is private (DNS rebinding)', async () => {
    const { err } = await lookupWith(async () => [
      { address: '93.184.215.14', family: 4 },
      { address: '10.0.0.5', family: 4 },
    ]);
    expect(err).toBeInstanceOf(BlockedAddressError);
    expect(err?.message).toContain('private network');
  });

  it('passes public addresses to the socket, one or all', async () => {
    const one = await lookupWith(async () => [{ address: '93.184.215.14', family: 4 }]);
    expect(one.err).toBeNull();
    expect(one.address).toBe('93.184.215.14');
    const all = await lookupWith(async () => [{ address: '2606:4700::1', family: 6 }], [], true);
    expect(all.address).toEqual([{ address: '2606:4700::1', family: 6 }]);
  });

  it('resolves localhost for real and refuses it unless allowed', async () => {
    const refused = await new Promise<NodeJS.ErrnoException | null>((resolve) =>
      createGuardedLookup([])('localhost', {}, (err) => resolve(err)),
    );
    expect(refused).toBeInstanceOf(BlockedAddressError);
    const allowed = await new Promise<NodeJS.ErrnoException | null>((resolve) =>
      createGuardedLookup(['localhost'])('localhost', {}, (err) => resolve(err)),
    );
    expect(allowed).toBeNull();
  });
});
