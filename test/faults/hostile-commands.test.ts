// Hostile and absurd chat commands through the real discord.js and matrix-js-sdk
// clients against the fakes: huge counts, unknown groups, made-up time zones,
// 10 KB arguments, regex-like keywords (matched literally, no catastrophic
// backtracking). Each gets a short plain answer, never internal error text, and
// nothing is stored wrongly.
import { ApplicationCommandOptionType as T, MessageFlags, type APIApplicationCommandInteractionDataBasicOption } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMatrixBot, type MatrixBot } from '../../src/bot/matrix/bot.js';
import { matchesFilter } from '../../src/core/filter.js';
import type { InteractionInput, InteractionOutcome } from '../fakes/discord/index.js';
import * as discord from '../integration/discord/harness.js';
import * as matrix from '../integration/matrix/harness.js';
import { askMatrix, leaksInternals } from './helpers/chat.js';
import { printSummary, tally } from './helpers/tally.js';

const GROUP = 'absurd chat commands';
const BIG = 'x'.repeat(10 * 1024);
const EVIL = '(a+)+$';

afterAll(() => printSummary());

/** A refusal as a reader sees it: short, plain, saying what was wrong. */
function expectClearRefusal(text: string, says: RegExp): void {
  expect(text).toMatch(says);
  expect(leaksInternals(text), text).toBe(false);
  expect(text.length).toBeLessThan(400);
}

describe('absurd slash commands on Discord', () => {
  let h: discord.Harness;
  let users = 0;
  beforeAll(async () => {
    h = await discord.startHarness('faults-commands', { bot: true });
    await discord.storeItem(h.app, discord.testItem());
  });
  afterAll(async () => h?.close());

  /** A fresh member each time, so that the per-user rate limit stays out of the way. */
  function send(commandName: string, options: InteractionInput['options'], extra: Partial<InteractionInput> = {}): Promise<InteractionOutcome> {
    users += 1;
    const user = { id: `16000000000000${String(users).padStart(5, '0')}`, username: `member${users}` };
    return h.fake.sendInteraction({ guildId: discord.GUILD, channelId: discord.CHANNEL, user, memberPermissions: discord.PLAIN_MEMBER_PERMS, commandName, options, ...extra });
  }
  const asModerator = { user: { id: discord.MODERATOR, username: 'mod' }, memberPermissions: discord.PLAIN_MEMBER_PERMS | discord.MANAGE_CHANNELS };
  /** The answer the asker sees: the reply, or (a slow command deferred publicly, then refused privately) the follow-up. */
  const answer = (o: InteractionOutcome) => o.followUps.at(-1) ?? o.original;
  const text = (o: InteractionOutcome) => [answer(o)?.content ?? '', ...(answer(o)?.embeds ?? []).map((e) => `${e.title ?? ''} ${e.description ?? ''}`)].join(' ').trim();
  const ephemeral = (o: InteractionOutcome) => (o.followUps.length ? ((answer(o)?.flags ?? 0) & MessageFlags.Ephemeral) !== 0 : o.ephemeral);

  async function refused(commandName: string, options: InteractionInput['options'], says: RegExp, extra: Partial<InteractionInput> = {}): Promise<void> {
    const outcome = await send(commandName, options, extra);
    tally(GROUP).tried += 1;
    expect(outcome.expired).toBe(false);
    expect(ephemeral(outcome), `${commandName}: ${text(outcome)}`).toBe(true);
    expectClearRefusal(text(outcome), says);
    tally(GROUP).refused += 1;
  }

  it('refuses a huge count, an unknown group, a made-up time zone and 10 KB arguments with short ephemeral answers', async () => {
    await refused('latest', [{ name: 'count', type: T.Integer, value: 1_000_000 }], /^count: must be at most 25; got 1000000$/);
    await refused('latest', [{ name: 'count', type: T.Integer, value: -5 }], /^count: must be at least 1/);
    await refused('latest', [{ name: 'topic', type: T.String, value: 'no-such-group-at-all' }], /is neither a tag nor a group/);
    await refused('next-meeting', [{ name: 'group', type: T.String, value: 'sg99999' }], /^group: no group called "sg99999"/);
    await refused('next-meeting', [{ name: 'group', type: T.String, value: 'fg-mv' }, { name: 'tz', type: T.String, value: 'Mars/Olympus' }], /^tz: unknown time zone "Mars\/Olympus" — use an IANA name/);
    await refused('search', [{ name: 'words', type: T.String, value: BIG }], /^words: too long \(10240 characters; at most \d+\)$/);
    await refused('latest', [{ name: 'topic', type: T.String, value: BIG }], /^topic: too long/);
  });

  it('stores nothing for watch add or digest daily with absurd options', async () => {
    const opts = (sub: string, o: APIApplicationCommandInteractionDataBasicOption[]): InteractionInput['options'] => [{ name: sub, type: T.Subcommand, options: o }];
    await refused('watch', opts('add', [{ name: 'keywords', type: T.String, value: BIG }]), /^keywords: too long/, asModerator);
    await refused('watch', opts('add', [{ name: 'groups', type: T.String, value: 'fg-mv,nonsense-group' }]), /^groups: no group called "nonsense-group"/, asModerator);
    await refused('watch', opts('add', [{ name: 'tags', type: T.String, value: 'no-such-tag' }]), /^tags: unknown tag "no-such-tag"/, asModerator);
    await refused('watch', opts('add', [{ name: 'min-score', type: T.Number, value: 1e9 }]), /^min-score: must be at most 1/, asModerator);
    await refused('digest', opts('daily', [{ name: 'at', type: T.String, value: '25:99' }]), /^at: expected a time HH:MM/, asModerator);
    await refused('digest', opts('daily', [{ name: 'at', type: T.String, value: '09:00' }, { name: 'tz', type: T.String, value: 'Mars/Olympus' }]), /^tz: unknown time zone/, asModerator);
    await refused('watch', opts('remove', [{ name: 'id', type: T.String, value: BIG }]), /^id: too long/, asModerator);
    expect(await h.app.stores.subscriptions.forTarget('discord', discord.CHANNEL)).toEqual([]);
    expect(await h.app.queues.digest.getJobSchedulers(0, -1)).toEqual([]);
  });

  it('stores a regex-like keyword as plain text and matches it literally, without catastrophic backtracking', async () => {
    const outcome = await send('watch', [{ name: 'add', type: T.Subcommand, options: [{ name: 'keywords', type: T.String, value: EVIL }] }], asModerator);
    tally(GROUP).tried += 1;
    expect(text(outcome)).toMatch(/^Watching items containing "\(a\+\)\+\$"/);
    const [sub] = await h.app.stores.subscriptions.forTarget('discord', discord.CHANNEL);
    expect(sub?.filter.keywords).toEqual([EVIL]);
    const attack = discord.testItem({ title: `${'a'.repeat(50_000)}!`, summary: 'a'.repeat(50_000), content: `${'a'.repeat(100_000)}b` });
    const started = performance.now();
    expect(matchesFilter(sub!.filter, attack)).toBe(false);
    expect(matchesFilter(sub!.filter, discord.testItem({ title: 'Why (a+)+$ hangs naive regex engines' }))).toBe(true);
    expect(matchesFilter(sub!.filter, discord.testItem({ title: 'aaaa' }))).toBe(false);
    expect(performance.now() - started).toBeLessThan(200);
    tally(GROUP).refused += 1;
  });
});

describe('absurd !sw commands on Matrix', () => {
  let h: matrix.Harness;
  let bot: MatrixBot | undefined;
  let room: string;
  beforeAll(async () => {
    h = await matrix.startHarness('faults-commands-mx');
    bot = await startMatrixBot(h.app);
    room = h.fake.createRoom({ creator: matrix.ALICE, members: [matrix.BOT] });
  });
  afterAll(async () => {
    await bot?.stop();
    await h?.close();
  });

  async function refused(body: string, says: RegExp): Promise<void> {
    tally(GROUP).tried += 1;
    expectClearRefusal(await askMatrix(h.fake, room, matrix.ALICE, body), says);
    tally(GROUP).refused += 1;
  }

  it('answers each absurd command with a short plain refusal and stores nothing', async () => {
    await refused('!sw latest count:1000000', /^count: must be at most 25; got 1000000$/);
    await refused('!sw latest count:1e999', /^count: expected a whole number; got "1e999"$/);
    await refused('!sw latest no-such-group-at-all', /is neither a tag nor a group/);
    await refused('!sw next-meeting sg99999', /^group: no group called "sg99999"/);
    await refused('!sw next-meeting fg-mv tz:Mars/Olympus', /^tz: unknown time zone "Mars\/Olympus"/);
    await refused(`!sw search ${BIG}`, /^That command is 10247 characters long; at most 2000 are read\.$/);
    await refused(`!sw search ${'a'.repeat(1500)}`, /^words: too long \(1500 characters; at most \d+\)$/);
    await refused(`!sw watch add keywords:${'k,'.repeat(400)}`, /^keywords: too long/);
    await refused('!sw watch add groups:nonsense-group', /^groups: no group called "nonsense-group"/);
    await refused('!sw digest daily 25:99', /^at: expected a time HH:MM/);
    await refused('!sw digest daily 09:00 Mars/Olympus', /^tz: unknown time zone/);
    await refused('!sw frobnicate --help; rm -rf /', /^There is no command "frobnicate"/);
    await refused(`!sw ${'watch '.repeat(2000)}`, /./);
    expect(await h.app.stores.subscriptions.forTarget('matrix', room)).toEqual([]);
    expect(await h.app.queues.digest.getJobSchedulers(0, -1)).toEqual([]);
  });

  it('stores a regex-like keyword as plain text', async () => {
    tally(GROUP).tried += 1;
    const answer = await askMatrix(h.fake, room, matrix.ALICE, `!sw watch add keywords:${EVIL}`);
    expect(answer).toMatch(/^Watching items containing "\(a\+\)\+\$"/);
    const subs = await h.app.stores.subscriptions.forTarget('matrix', room);
    expect(subs.map((s) => s.filter.keywords)).toEqual([[EVIL]]);
    expect(matchesFilter(subs[0]!.filter, matrix.testItem({ title: `${'a'.repeat(50_000)}!` }))).toBe(false);
    tally(GROUP).refused += 1;
  });
});
