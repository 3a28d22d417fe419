import { describe, expect, it } from 'vitest';
import { isAdmin, presentedToken } from '../../../src/http/admin-auth.js';

const TOKEN = 'correct-horse-battery-staple';
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

describe('admin token check', () => {
  it('accepts the token as a Bearer token', () => {
    expect(isAdmin(`Bearer ${TOKEN}`, TOKEN)).toBe(true);
    expect(isAdmin(`bearer ${TOKEN}`, TOKEN)).toBe(true);
  });

  it('accepts the token as the password of HTTP Basic auth, whatever the user name', () => {
    expect(isAdmin(basic('admin', TOKEN), TOKEN)).toBe(true);
    expect(isAdmin(basic('', TOKEN), TOKEN)).toBe(true);
  });

  it('keeps a password that itself contains colons whole', () => {
    expect(presentedToken(basic('me', 'a:b:c'))).toBe('a:b:c');
    expect(isAdmin(basic('me', 'a:b:c'), 'a:b:c')).toBe(true);
  });

  it('refuses a wrong, shorter, longer or missing token', () => {
    expect(isAdmin(`Bearer ${TOKEN}x`, TOKEN)).toBe(false);
    expect(isAdmin(`Bearer ${TOKEN.slice(0, -1)}`, TOKEN)).toBe(false);
    expect(isAdmin(basic(TOKEN, 'nope'), TOKEN)).toBe(false);
    expect(isAdmin(undefined, TOKEN)).toBe(false);
    expect(isAdmin('', TOKEN)).toBe(false);
  });

  it('refuses other schemes and a Basic value without a colon', () => {
    expect(isAdmin(`Token ${TOKEN}`, TOKEN)).toBe(false);
    expect(isAdmin(`Basic ${Buffer.from(TOKEN).toString('base64')}`, TOKEN)).toBe(false);
    expect(isAdmin(TOKEN, TOKEN)).toBe(false);
  });

  it('never accepts anything when the configured token is empty', () => {
    expect(isAdmin('Bearer ', '')).toBe(false);
    expect(isAdmin(basic('a', ''), '')).toBe(false);
  });
});
