import { describe, expect, it } from 'vitest';
import { commandText } from '../../../src/bot/matrix/command-handler.js';
import { isInviteAllowed, serverOf } from '../../../src/bot/matrix/invites.js';
import { MatrixRequestError } from '../../../src/bot/matrix/rest.js';
import { levelFrom } from '../../../src/bot/matrix/room-facts.js';
import { toDeliveryError, txnIdFor } from '../../../src/bot/matrix/sink.js';

describe('isInviteAllowed', () => {
  const allowlist = ['@alice:example.org', 'friends.example'];
  it('accepts a listed user and any user of a listed server', () => {
    expect(isInviteAllowed('@alice:example.org', allowlist)).toBe(true);
    expect(isInviteAllowed('@carol:friends.example', allowlist)).toBe(true);
    expect(isInviteAllowed('@carol:FRIENDS.example', allowlist)).toBe(true);
  });
  it('refuses other users of a listed user\'s server, look-alike servers and unknown inviters', () => {
    expect(isInviteAllowed('@bob:example.org', allowlist)).toBe(false);
    expect(isInviteAllowed('@eve:evil-friends.example', allowlist)).toBe(false);
    expect(isInviteAllowed('@eve:friends.example.evil', allowlist)).toBe(false);
    expect(isInviteAllowed(undefined, allowlist)).toBe(false);
    expect(isInviteAllowed('@alice:example.org', [])).toBe(false);
  });
  it('keeps a port in the server name', () => {
    expect(serverOf('@a:matrix.example:8448')).toBe('matrix.example:8448');
  });
});

describe('commandText', () => {
  it('takes the text after the prefix, and help for a bare prefix', () => {
    expect(commandText('!sw next-meeting fg-mv', '!sw')).toBe('next-meeting fg-mv');
    expect(commandText('  !SW   tags ', '!sw')).toBe('tags');
    expect(commandText('!sw', '!sw')).toBe('help');
  });
  it('ignores other messages and longer words that start like the prefix', () => {
    expect(commandText('hello !sw tags', '!sw')).toBeUndefined();
    expect(commandText('!swap tags', '!sw')).toBeUndefined();
  });
  it('drops the quoted fallback of a rich reply', () => {
    expect(commandText('> <@bob:example.org> earlier\n> more\n\n!sw tags', '!sw')).toBe('tags');
  });
});

describe('levelFrom', () => {
  it('uses the user entry, else users_default, else 0', () => {
    expect(levelFrom({ users: { '@a:x': 50 }, users_default: 10 }, '@a:x')).toBe(50);
    expect(levelFrom({ users: {}, users_default: 10 }, '@b:x')).toBe(10);
    expect(levelFrom(undefined, '@b:x')).toBe(0);
  });
});

describe('txnIdFor', () => {
  it('is stable for one key and differs between keys', () => {
    expect(txnIdFor('w1-i1')).toBe(txnIdFor('w1-i1'));
    expect(txnIdFor('w1-i1')).not.toBe(txnIdFor('w1-i2'));
    expect(txnIdFor('w1-i1')).toMatch(/^sw[0-9a-f]{32}$/);
  });
});

describe('toDeliveryError', () => {
  const err = (status: number | undefined, errcode?: string, retryAfterMs?: number) => new MatrixRequestError('PUT', '/rooms/x/send', status, errcode, 'msg', retryAfterMs);
  it('maps statuses onto retry, target lost and permanent outcomes', () => {
    expect(toDeliveryError(err(429, 'M_LIMIT_EXCEEDED', 5000), '!r:x')).toMatchObject({ name: 'TransientError', retryAfterMs: 5000 });
    expect(toDeliveryError(err(502), '!r:x')).toMatchObject({ name: 'TransientError' });
    expect(toDeliveryError(err(undefined), '!r:x')).toMatchObject({ name: 'TransientError' });
    expect(toDeliveryError(err(403, 'M_FORBIDDEN'), '!r:x')).toMatchObject({ name: 'TargetLostError', target: '!r:x' });
    expect(toDeliveryError(err(401, 'M_UNKNOWN_TOKEN'), '!r:x')).toMatchObject({ name: 'PermanentError' });
    expect(toDeliveryError(err(400, 'M_BAD_JSON'), '!r:x')).toMatchObject({ name: 'PermanentError' });
  });
});
