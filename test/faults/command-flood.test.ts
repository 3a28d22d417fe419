// One user sending the same command 100 times in a second, with the per-user
// command limiter on (8 in a burst, then one every 2 s): on Matrix the first
// refusal is one polite answer and the later ones stay silent; on Discord every
// interaction is answered in its window (an ephemeral refusal). Another user
// sending at the same time is answered as usual.
import { ApplicationCommandOptionType as T } from 'discord-api-types/v10';
import { afterAll, describe, expect, it } from 'vitest';
import { createCommandLimiter } from '../../src/bot/commands/rate-limit.js';
import { startMatrixBot } from '../../src/bot/matrix/bot.js';
import type { InteractionOutcome } from '../fakes/discord/index.js';
import { eventually } from '../fakes/matrix/sdk-helpers.js';
import * as discord from '../integration/discord/harness.js';
import * as matrix from '../integration/matrix/harness.js';
import { repliesTo } from './helpers/chat.js';
import { countDeliveries, printSummary, tally } from './helpers/tally.js';
import { sleep } from './helpers/wait.js';

const GROUP = 'command flood (100/s, one user)';
const N = 100;
const BURST = 8;
const POLITE = /^You are sending commands faster than I can answer them well\. Please wait \d+ seconds? and try again\.$/;

afterAll(() => printSummary());

describe('the same command 100 times a second from one user', () => {
  it('Matrix: one polite answer, the later refusals silent, every command handled once; another user unaffected', async () => {
    const h = await matrix.startHarness('faults-flood-mx');
    // The harness turns the limiter off for its other tests; this one runs with the app's real limiter.
    h.app.services.limiter = createCommandLimiter();
    const bot = await startMatrixBot(h.app);
    try {
      const room = h.fake.createRoom({ creator: matrix.ALICE, members: [matrix.BOT, matrix.BOB] });
      const flood: string[] = [];
      const started = Date.now();
      for (let i = 0; i < N; i++) {
        flood.push(h.fake.sendAsUser(room, matrix.ALICE, { body: '!sw tags' }));
        if (i === N / 2) flood.push('');
        await sleep(8);
      }
      const other = h.fake.sendAsUser(room, matrix.BOB, { body: '!sw tags' });
      expect(Date.now() - started).toBeLessThan(1_600);
      tally(GROUP).tried += N;
      await eventually(() => repliesTo(h.fake, room, other).length === 1, 'the other user answered', 10_000);
      const aliceEvents = flood.filter(Boolean);
      await eventually(() => aliceEvents.filter((id) => repliesTo(h.fake, room, id).length > 0).length >= BURST + 1, 'the burst and the polite refusal', 10_000);
      // Every flood event is claimed (handled), answered or not.
      for (let tries = 0; tries < 100; tries++) {
        const claimed = await Promise.all(aliceEvents.map((id) => h.app.redis.exists(`${h.prefix}:matrix:handled:${id}`)));
        if (claimed.every((c) => c === 1)) break;
        await sleep(50);
      }
      await bot.idle();
      await sleep(500);

      const replies = aliceEvents.flatMap((id) => repliesTo(h.fake, room, id).map((e) => String(e.content['body'])));
      const refusals = replies.filter((b) => POLITE.test(b));
      const answers = replies.filter((b) => !POLITE.test(b));
      expect(answers).toHaveLength(BURST);
      expect(answers.every((b) => /Digital identity|Surveillance/.test(b))).toBe(true);
      expect(refusals).toHaveLength(1);
      countDeliveries(GROUP, ['matrix polite refusal'], refusals.map(() => 'matrix polite refusal'));
      tally(GROUP).refused += N - answers.length;
      for (const id of aliceEvents) expect(await h.app.redis.exists(`${h.prefix}:matrix:handled:${id}`)).toBe(1);
      expect(String(repliesTo(h.fake, room, other)[0]!.content['body'])).not.toMatch(POLITE);
    } finally {
      await bot.stop();
      await h.close();
    }
  }, 40_000);

  it('Discord: every interaction answered in its window — the burst publicly, the rest with an ephemeral refusal; another user unaffected', async () => {
    const h = await discord.startHarness('faults-flood', { bot: true });
    try {
      const user = { id: '1800000000000000001', username: 'flooder' };
      const sent: Promise<InteractionOutcome>[] = [];
      let other: Promise<InteractionOutcome> | undefined;
      for (let i = 0; i < N; i++) {
        sent.push(h.fake.sendInteraction({ guildId: discord.GUILD, channelId: discord.CHANNEL, user, memberPermissions: discord.PLAIN_MEMBER_PERMS, commandName: 'tags' }));
        if (i === N / 2) {
          other = h.fake.sendInteraction({
            guildId: discord.GUILD,
            channelId: discord.CHANNEL,
            user: { id: '1800000000000000002', username: 'bystander' },
            memberPermissions: discord.PLAIN_MEMBER_PERMS,
            commandName: 'next-meeting',
            options: [{ name: 'group', type: T.String, value: 'fg-mv' }],
          });
        }
        await sleep(8);
      }
      tally(GROUP).tried += N;
      const outcomes = await Promise.all(sent);
      const answered = outcomes.filter((o) => !o.expired && o.original !== undefined);
      countDeliveries(GROUP, outcomes.map((o) => o.interactionId), answered.map((o) => o.interactionId));
      expect(answered).toHaveLength(N);
      const refused = outcomes.filter((o) => POLITE.test(o.original?.content ?? ''));
      const publicAnswers = outcomes.filter((o) => o.original?.embeds[0]?.title === 'Tags');
      expect(publicAnswers.length + refused.length).toBe(N);
      expect(publicAnswers).toHaveLength(BURST);
      expect(refused.every((o) => o.ephemeral)).toBe(true);
      expect(publicAnswers.every((o) => !o.ephemeral)).toBe(true);
      expect(outcomes.every((o) => o.rejectedCallbacks.length === 0)).toBe(true);
      tally(GROUP).refused += refused.length;
      const bystander = await other!;
      expect(bystander.ephemeral).toBe(false);
      expect(bystander.original?.embeds[0]?.title).toMatch(/FG-MV/);
    } finally {
      await h.close();
    }
  }, 40_000);
});
