// Slash commands end to end: the fake Discord sends INTERACTION_CREATE over
// the gateway to the real discord.js client; the bot answers through the
// shared dispatcher, the real Redis stores and render.ts.
import { ApplicationCommandOptionType as T, MessageFlags } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InteractionInput } from '../../fakes/discord/index.js';
import { CHANNEL, GUILD, MANAGE_CHANNELS, MEMBER, MODERATOR, PLAIN_MEMBER_PERMS, startHarness, storeItem, testItem, type Harness } from './harness.js';

let h: Harness;

beforeAll(async () => {
  h = await startHarness('commands', { bot: true });
  await storeItem(h.app, testItem({ title: 'FG-MV debates *digital identity*', published: '2024-02-01T09:00:00.000Z' }));
});

afterAll(async () => {
  await h?.close();
});

let users = 0;
/** A command from a plain member; a different one each time unless given, so the per-user rate limit stays out of the way. */
function inGuild(commandName: string, extra: Partial<InteractionInput> = {}) {
  users += 1;
  const user = { id: `15000000000000${String(users).padStart(5, '0')}`, username: `member${users}` };
  return h.fake.sendInteraction({ guildId: GUILD, channelId: CHANNEL, user, memberPermissions: PLAIN_MEMBER_PERMS, commandName, ...extra });
}

describe('Discord slash commands', () => {
  it('answers next-meeting group:fg-mv with the meeting as an embed, publicly and within the window', async () => {
    const outcome = await inGuild('next-meeting', { options: [{ name: 'group', type: T.String, value: 'fg-mv' }] });
    expect(outcome.expired).toBe(false);
    expect(outcome.deferred).toBe(false);
    expect(outcome.ephemeral).toBe(false);
    const embed = outcome.original?.embeds[0];
    expect(embed?.title).toBe('ITU-T Focus Group on metaverse (FG-MV) — 6th FG-MV meeting');
    expect(embed?.url).toBe('https://www.itu.int/en/ITU-T/focusgroups/mv/');
    expect(embed?.fields?.find((f) => f.name === 'Where')?.value).toBe('Geneva');
    expect(outcome.callback?.data).toMatchObject({ allowed_mentions: { parse: [] } });
  });

  it('refuses an unknown group with an ephemeral error that suggests close names', async () => {
    const outcome = await inGuild('next-meeting', { options: [{ name: 'group', type: T.String, value: 'fg-mx' }] });
    expect(outcome.ephemeral).toBe(true);
    expect(outcome.original?.content).toMatch(/^group: no group called "fg-mx" — did you mean FG-MV/);
  });

  it('answers latest with the stored items, their feed text escaped', async () => {
    const outcome = await inGuild('latest');
    const embed = outcome.original?.embeds[0];
    expect(embed?.title).toBe('Latest — all topics');
    expect(embed?.description).toContain('[FG-MV debates \\*digital identity\\*](https://www.itu.int/hub/2024/01/item-');
  });

  it('answers help with the list of commands generated from the declarations', async () => {
    const outcome = await inGuild('help');
    expect(outcome.original?.embeds[0]?.title).toBe('standards-watch commands');
    expect(outcome.original?.embeds[0]?.description).toContain('watch add \\[tags\\] \\[keywords\\] \\[groups\\] \\[sources\\] \\[min-score\\] \\[personal\\] — Alert here on items that match');
  });

  it('defers a slow command (search) and edits the answer in', async () => {
    const outcome = await inGuild('search', { options: [{ name: 'words', type: T.String, value: 'digital identity' }] });
    expect(outcome.deferred).toBe(true);
    expect(outcome.original?.embeds[0]?.title).toBe('Search — digital identity');
    expect((outcome.original?.flags ?? 0) & MessageFlags.Loading).toBe(0);
  });

  it('refuses watch add to a member without Manage Channels, ephemerally, and stores nothing', async () => {
    const outcome = await inGuild('watch', { options: [{ name: 'add', type: T.Subcommand, options: [{ name: 'tags', type: T.String, value: 'digital-identity' }] }] });
    expect(outcome.ephemeral).toBe(true);
    expect(outcome.original?.content).toMatch(/needs the Manage Channels permission/);
    expect(await h.app.stores.subscriptions.forTarget('discord', CHANNEL)).toEqual([]);
  });

  it('lets a moderator with Manage Channels watch the channel, and lists it', async () => {
    const add = await inGuild('watch', {
      user: { id: MODERATOR, username: 'mod' },
      memberPermissions: PLAIN_MEMBER_PERMS | MANAGE_CHANNELS,
      options: [{ name: 'add', type: T.Subcommand, options: [{ name: 'tags', type: T.String, value: 'digital-identity,surveillance' }, { name: 'min-score', type: T.Number, value: 0.5 }] }],
    });
    expect(add.ephemeral).toBe(false);
    expect(add.original?.content).toMatch(/^Watching items tagged Digital identity or Surveillance, with relevance at least 50%\. Alerts go here\./);
    const subs = await h.app.stores.subscriptions.forTarget('discord', CHANNEL);
    expect(subs).toHaveLength(1);
    expect(subs[0]).toMatchObject({ personal: false, createdBy: MODERATOR, timeZone: 'Europe/Brussels', filter: { tags: ['digital-identity', 'surveillance'], minScore: 0.5 } });
    const list = await inGuild('watch', { options: [{ name: 'list', type: T.Subcommand, options: [] }] });
    expect(list.original?.embeds[0]?.description).toContain(subs[0]!.id);
  });

  it('lets any member watch personally (personal:true) with an ephemeral answer; the alerts go to them', async () => {
    const outcome = await inGuild('watch', {
      user: { id: MEMBER, username: 'ana' },
      options: [{ name: 'add', type: T.Subcommand, options: [{ name: 'groups', type: T.String, value: 'sg17' }, { name: 'personal', type: T.Boolean, value: true }] }],
    });
    expect(outcome.ephemeral).toBe(true);
    expect(outcome.original?.content).toMatch(/Alerts go to you directly/);
    const mine = await h.app.stores.subscriptions.forTarget('discord', MEMBER);
    expect(mine).toMatchObject([{ personal: true, target: MEMBER, filter: { groups: ['itu-t-sg17'] } }]);
  });

  it('treats watch add in a DM as personal, without asking for any permission', async () => {
    const user = '1400000000000000401';
    const dm = h.fake.addDmChannel(user);
    const outcome = await h.fake.sendInteraction({ channelId: dm, user: { id: user }, commandName: 'watch', options: [{ name: 'add', type: T.Subcommand, options: [{ name: 'keywords', type: T.String, value: 'social credit' }] }] });
    expect(outcome.original?.content).toMatch(/Alerts go to you directly/);
    expect(await h.app.stores.subscriptions.forTarget('discord', user)).toMatchObject([{ personal: true, filter: { keywords: ['social credit'] } }]);
  });

  it('answers a member who sends commands too fast with an ephemeral request to wait', async () => {
    const user = { id: '1400000000000000450', username: 'eager' };
    const outcomes = [];
    for (let i = 0; i < 10; i++) outcomes.push(await inGuild('tags', { user }));
    const refused = outcomes.filter((o) => /sending commands faster/.test(o.original?.content ?? ''));
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.every((o) => o.ephemeral && !o.expired)).toBe(true);
  });

  it('answers an unknown command with an ephemeral error', async () => {
    const outcome = await inGuild('frobnicate');
    expect(outcome.ephemeral).toBe(true);
    expect(outcome.original?.content).toMatch(/There is no command "frobnicate"/);
  });
});

describe('Discord autocomplete', () => {
  it('completes groups by any alias, showing the full name', async () => {
    const outcome = await inGuild('next-meeting', { type: 'autocomplete', options: [{ name: 'group', type: T.String, value: 'metaverse', focused: true }] });
    expect(outcome.choices).toEqual([{ name: 'FG-MV — ITU-T Focus Group on metaverse (FG-MV)', value: 'FG-MV' }]);
  });

  it('completes IANA time zones by city', async () => {
    const outcome = await inGuild('next-meeting', { type: 'autocomplete', options: [{ name: 'tz', type: T.String, value: 'brussel', focused: true }] });
    expect(outcome.choices).toEqual([{ name: 'Europe/Brussels', value: 'Europe/Brussels' }]);
  });

  it('completes the last tag of a comma-separated list, keeping the ones typed', async () => {
    const outcome = await inGuild('watch', {
      type: 'autocomplete',
      options: [{ name: 'add', type: T.Subcommand, options: [{ name: 'tags', type: T.String, value: 'digital-identity, surv', focused: true }] }],
    });
    expect(outcome.choices).toEqual([{ name: 'digital-identity,Surveillance (surveillance)', value: 'digital-identity,surveillance' }]);
  });

  it('completes sources and this channel\'s subscription ids', async () => {
    const sources = await inGuild('watch', { type: 'autocomplete', options: [{ name: 'add', type: T.Subcommand, options: [{ name: 'sources', type: T.String, value: 'hei', focused: true }] }] });
    expect(sources.choices).toEqual([{ name: 'heise — heise online', value: 'heise' }]);
    const [sub] = await h.app.stores.subscriptions.forTarget('discord', CHANNEL);
    const ids = await inGuild('watch', { type: 'autocomplete', options: [{ name: 'remove', type: T.Subcommand, options: [{ name: 'id', type: T.String, value: '', focused: true }] }] });
    expect((ids.choices as { value: string }[]).map((c) => c.value)).toContain(sub!.id);
  });
});

describe('Discord bot lifecycle', () => {
  it('reports connected while the gateway session is ready, and not after stop', async () => {
    expect(h.bot?.connected()).toBe(true);
    expect(h.fake.connectedSessions).toBe(1);
    await h.bot?.stop();
    expect(h.bot?.connected()).toBe(false);
    await expect.poll(() => h.fake.connectedSessions).toBe(0);
  });
});
