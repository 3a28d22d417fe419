// Users without the right trying to change what a channel or room receives:
// a Discord member without Manage Channels, a Matrix user below power 50. Each
// attempt is refused with a clear answer and nothing is stored or removed
// (checked in the subscription store and the digest schedulers).
import { ApplicationCommandOptionType as T, MessageFlags, type APIApplicationCommandInteractionDataBasicOption } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app/app.js';
import { startMatrixBot, type MatrixBot } from '../../src/bot/matrix/bot.js';
import { emptyFilter } from '../../src/core/filter.js';
import type { Platform, Subscription } from '../../src/core/types.js';
import type { InteractionInput, InteractionOutcome } from '../fakes/discord/index.js';
import * as discord from '../integration/discord/harness.js';
import * as matrix from '../integration/matrix/harness.js';
import { askMatrix, leaksInternals } from './helpers/chat.js';
import { printSummary, tally } from './helpers/tally.js';

const GROUP = 'changes without the right';

afterAll(() => printSummary());

/** An instant subscription and a daily digest of one target, made the way the commands make them. */
async function existingSubs(app: App, platform: Platform, target: string): Promise<Subscription[]> {
  const base = { platform, target, personal: false, timeZone: 'UTC', createdBy: 'admin', createdAt: new Date().toISOString() };
  const watch: Subscription = { ...base, id: `wrights${platform}`, filter: { ...emptyFilter(), tags: ['digital-identity'] }, mode: 'instant' };
  const digest: Subscription = { ...base, id: `drights${platform}`, filter: emptyFilter(), mode: 'daily', at: '08:00' };
  for (const sub of [watch, digest]) await app.stores.subscriptions.add(sub);
  await app.services.digests!.schedule(digest);
  return [watch, digest];
}

/** What the target receives, as stored: subscriptions and digest schedulers. */
async function snapshot(app: App, platform: Platform, target: string) {
  const subs = (await app.stores.subscriptions.forTarget(platform, target)).sort((a, b) => a.id.localeCompare(b.id));
  const schedulers = (await app.queues.digest.getJobSchedulers(0, -1)).map((s) => `${s.key} ${s.pattern} ${s.tz}`).sort();
  return { subs, schedulers };
}

describe('a Discord member without Manage Channels', () => {
  let h: discord.Harness;
  beforeAll(async () => {
    h = await discord.startHarness('faults-rights', { bot: true });
  });
  afterAll(async () => h?.close());

  it('is refused watch add, watch remove and digest changes, ephemerally, and nothing is stored or removed', async () => {
    const [watch] = await existingSubs(h.app, 'discord', discord.CHANNEL);
    const before = await snapshot(h.app, 'discord', discord.CHANNEL);
    expect(before.subs).toHaveLength(2);
    expect(before.schedulers).toHaveLength(1);
    const sub = (name: string, options: APIApplicationCommandInteractionDataBasicOption[] = []): InteractionInput['options'] => [{ name, type: T.Subcommand, options }];
    const attempts: [string, InteractionInput['options'], RegExp][] = [
      ['watch', sub('add', [{ name: 'tags', type: T.String, value: 'surveillance' }]), /needs the Manage Channels permission/],
      ['watch', sub('remove', [{ name: 'id', type: T.String, value: watch!.id }]), /needs the Manage Channels permission/],
      // Asking for "personal" does not reach the channel's subscription.
      ['watch', sub('remove', [{ name: 'id', type: T.String, value: watch!.id }, { name: 'personal', type: T.Boolean, value: true }]), /^No subscription wrightsdiscord here/],
      ['digest', sub('daily', [{ name: 'at', type: T.String, value: '09:00' }]), /needs the Manage Channels permission/],
      ['digest', sub('weekly', [{ name: 'day', type: T.String, value: 'monday' }, { name: 'at', type: T.String, value: '07:00' }]), /needs the Manage Channels permission/],
      ['digest', sub('off'), /needs the Manage Channels permission/],
    ];
    for (const [i, [commandName, options, says]] of attempts.entries()) {
      tally(GROUP).tried += 1;
      const user = { id: `17000000000000${String(i).padStart(5, '0')}`, username: `plain${i}` };
      const outcome: InteractionOutcome = await h.fake.sendInteraction({ guildId: discord.GUILD, channelId: discord.CHANNEL, user, memberPermissions: discord.PLAIN_MEMBER_PERMS, commandName, options });
      const answer = outcome.followUps.at(-1) ?? outcome.original;
      expect(outcome.expired).toBe(false);
      expect(((answer?.flags ?? 0) & MessageFlags.Ephemeral) !== 0 || outcome.ephemeral).toBe(true);
      expect(answer?.content).toMatch(says);
      expect(leaksInternals(answer?.content ?? '')).toBe(false);
      tally(GROUP).refused += 1;
    }
    expect(await snapshot(h.app, 'discord', discord.CHANNEL)).toEqual(before);
    // Nothing was stored for the members personally either.
    for (let i = 0; i < attempts.length; i++) expect(await h.app.stores.subscriptions.forTarget('discord', `17000000000000${String(i).padStart(5, '0')}`)).toEqual([]);
  });
});

describe('a Matrix user below power level 50', () => {
  let h: matrix.Harness;
  let bot: MatrixBot | undefined;
  beforeAll(async () => {
    h = await matrix.startHarness('faults-rights-mx');
    bot = await startMatrixBot(h.app);
  });
  afterAll(async () => {
    await bot?.stop();
    await h?.close();
  });

  it('is refused every change to the room’s subscriptions, and nothing is stored or removed', async () => {
    const room = h.fake.createRoom({ creator: matrix.ALICE, members: [matrix.BOT, matrix.BOB] });
    h.fake.setPowerLevel(room, matrix.BOB, 49);
    const [watch] = await existingSubs(h.app, 'matrix', room);
    const before = await snapshot(h.app, 'matrix', room);
    const refusal = /^Changing what this room receives needs power level 50 or more here\./;
    const attempts: [string, RegExp][] = [
      ['!sw watch add tags:surveillance', refusal],
      [`!sw watch remove ${watch!.id}`, refusal],
      [`!sw watch remove ${watch!.id} personal:true`, /^No subscription wrightsmatrix here/],
      ['!sw digest daily 09:00', refusal],
      ['!sw digest weekly monday 07:00 Europe/Brussels', refusal],
      ['!sw digest off', refusal],
    ];
    for (const [body, says] of attempts) {
      tally(GROUP).tried += 1;
      const answer = await askMatrix(h.fake, room, matrix.BOB, body);
      expect(answer).toMatch(says);
      expect(leaksInternals(answer)).toBe(false);
      tally(GROUP).refused += 1;
    }
    expect(await snapshot(h.app, 'matrix', room)).toEqual(before);
    expect(await h.app.stores.subscriptions.forTarget('matrix', matrix.BOB)).toEqual([]);
  });
});
