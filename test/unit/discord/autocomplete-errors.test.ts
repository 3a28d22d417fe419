import { DiscordAPIError, HTTPError, RateLimitError } from 'discord.js';
import { describe, expect, it } from 'vitest';
import type { CommandServices } from '../../../src/bot/commands/services.js';
import { autocompleteChoices, type AutocompleteRequest } from '../../../src/bot/discord/autocomplete.js';
import { classifyDiscordError } from '../../../src/bot/discord/rest-errors.js';
import { PermanentError, TargetLostError, TransientError } from '../../../src/core/errors.js';
import type { Subscription } from '../../../src/core/types.js';

function sub(id: string, target: string, personal = false): Subscription {
  return { id, platform: 'discord', target, personal, filter: { tags: ['surveillance'], keywords: [], groups: [], sources: [], minScore: 0 }, mode: 'instant', timeZone: 'UTC', createdBy: 'u', createdAt: '2024-01-01T00:00:00Z' };
}

const subs = [sub('wchan1', 'c1'), sub('wmine1', 'u1', true), sub('wother', 'c2')];
const services = {
  groups: [
    { id: 'itu-t-fg-mv', body: 'itu', names: ['FG-MV', 'metaverse focus group'], title: 'ITU-T Focus Group on metaverse (FG-MV)' },
    { id: 'itu-t-sg17', body: 'itu', names: ['SG17', 'Study Group 17'] },
  ],
  tags: [
    { id: 'digital-identity', label: 'Digital identity' },
    { id: 'surveillance', label: 'Surveillance' },
  ],
  sources: { list: async () => [{ id: 'itu-news', title: 'ITU News' }, { id: 'heise' }], health: async () => [] },
  subscriptions: { forTarget: async (_p: string, target: string) => subs.filter((s) => s.target === target) },
} as unknown as CommandServices;

const ask = (extra: Partial<AutocompleteRequest>) => autocompleteChoices({ kind: 'group', query: '', list: false, channelId: 'c1', userId: 'u1', ...extra }, services);

describe('autocompleteChoices', () => {
  it('ranks groups whose alias starts with the query before those that only contain it', async () => {
    expect(await ask({ query: 's' })).toEqual([
      { name: 'SG17', value: 'SG17' },
      { name: 'FG-MV — ITU-T Focus Group on metaverse (FG-MV)', value: 'FG-MV' },
    ]);
  });

  it('offers every group for an empty query, and none for a query nothing matches', async () => {
    expect((await ask({ query: '' })).map((c) => c.value)).toEqual(['FG-MV', 'SG17']);
    expect(await ask({ query: 'zzz' })).toEqual([]);
  });

  it('completes the last item of a list and does not offer the ones already typed', async () => {
    expect(await ask({ kind: 'tag', query: 'surveillance,', list: true })).toEqual([{ name: 'surveillance,Digital identity (digital-identity)', value: 'surveillance,digital-identity' }]);
  });

  it('offers the channel\'s and the asker\'s own subscription ids, not other channels\'', async () => {
    expect((await ask({ kind: 'subscription' })).map((c) => c.value)).toEqual(['wchan1', 'wmine1']);
    expect((await ask({ kind: 'subscription' }))[1]?.name).toMatch(/^wmine1 — you, /);
  });

  it('offers at most 25 time zones, each at most 100 characters', async () => {
    const zones = await ask({ kind: 'time-zone', query: 'america' });
    expect(zones).toHaveLength(25);
    for (const z of zones) expect(z.name.length).toBeLessThanOrEqual(100);
    expect(await ask({ kind: 'time-zone', query: 'utc' })).toContainEqual({ name: 'UTC', value: 'UTC' });
  });

  it('finds sources by id or title', async () => {
    expect(await ask({ kind: 'source', query: 'news' })).toEqual([{ name: 'itu-news — ITU News', value: 'itu-news' }]);
  });
});

function apiError(status: number, code: number, message: string) {
  return new DiscordAPIError({ code, message }, code, status, 'POST', 'https://discord.com/api/v10/channels/1/messages', { body: undefined, files: undefined });
}

describe('classifyDiscordError', () => {
  it('maps Missing Access, Missing Permissions, Unknown Channel and closed DMs to TargetLostError', () => {
    for (const [status, code, reason] of [[403, 50001, 'Missing Access (50001)'], [403, 50013, 'Missing Permissions (50013)'], [404, 10003, 'Unknown Channel (10003)'], [400, 50007, 'Cannot send messages to this user (50007)']] as const) {
      const err = classifyDiscordError(apiError(status, code, 'x'), 'c1');
      expect(err).toBeInstanceOf(TargetLostError);
      expect((err as TargetLostError).reason).toBe(reason);
      expect((err as TargetLostError).target).toBe('c1');
    }
  });

  it('maps server errors, rate limits and network failures to TransientError', () => {
    expect(classifyDiscordError(new HTTPError(503, 'Service Unavailable', 'POST', 'u', { body: undefined, files: undefined }), 'c1')).toBeInstanceOf(TransientError);
    const limited = classifyDiscordError(new RateLimitError({ timeToReset: 0, limit: 5, method: 'POST', hash: 'h', url: 'u', route: '/channels/:id/messages', majorParameter: '1', global: false, retryAfter: 1500, sublimitTimeout: 0, scope: 'user' }), 'c1');
    expect(limited).toBeInstanceOf(TransientError);
    expect((limited as TransientError).retryAfterMs).toBe(1500);
    expect(classifyDiscordError(Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }), 'c1')).toBeInstanceOf(TransientError);
  });

  it('maps a refused request (Invalid Form Body) to a PermanentError that says what was refused', () => {
    const err = classifyDiscordError(apiError(400, 50035, 'Invalid Form Body'), 'c1');
    expect(err).toBeInstanceOf(PermanentError);
    expect(err).not.toBeInstanceOf(TargetLostError);
    expect(err.message).toMatch(/POST \(400, code 50035\)/);
  });
});
