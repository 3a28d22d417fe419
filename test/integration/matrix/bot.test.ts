// The Matrix bot end to end: the real matrix-js-sdk syncing with the fake
// homeserver, real Redis, the shared command core.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMatrixBot, type MatrixBot } from '../../../src/bot/matrix/bot.js';
import { syncTokenKey } from '../../../src/bot/matrix/sync-store.js';
import type { RecordedEvent } from '../../fakes/matrix/index.js';
import { eventually } from '../../fakes/matrix/sdk-helpers.js';
import { ALICE, BOB, BOT, CAROL, EVE, OPS_ROOM, startHarness, type Harness } from './harness.js';

let h: Harness;
let bot: MatrixBot | undefined;

beforeAll(async () => {
  h = await startHarness('matrix-bot');
  bot = await startMatrixBot(h.app);
});

afterAll(async () => {
  await bot?.stop();
  await h.close();
});

const repliesTo = (roomId: string, eventId: string): RecordedEvent[] =>
  h.fake.sentByBot(roomId).filter((e) => (e.content['m.relates_to'] as { 'm.in_reply_to'?: { event_id?: string } } | undefined)?.['m.in_reply_to']?.event_id === eventId);

async function ask(roomId: string, sender: string, body: string): Promise<RecordedEvent> {
  const eventId = h.fake.sendAsUser(roomId, sender, { body });
  await eventually(() => repliesTo(roomId, eventId).length > 0, `a reply to "${body}"`, 8_000);
  return repliesTo(roomId, eventId)[0]!;
}

async function untilAsync(check: () => Promise<boolean>, what: string, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const membershipOf = (roomId: string, userId: string) =>
  h.fake.events(roomId).filter((e) => e.type === 'm.room.member' && e.state_key === userId).at(-1)?.content['membership'];

describe('Matrix commands', () => {
  it('answers !sw next-meeting fg-mv as a reply to the command, as an m.notice without mentions', async () => {
    const roomId = h.fake.createRoom({ creator: ALICE, members: [BOT] });
    const answer = await ask(roomId, ALICE, '!sw next-meeting fg-mv');
    expect(answer.content['msgtype']).toBe('m.notice');
    expect(answer.content['m.mentions']).toEqual({});
    expect(answer.content['format']).toBe('org.matrix.custom.html');
    expect(String(answer.content['body'])).toMatch(/9th meeting/);
    expect(String(answer.content['body'])).toMatch(/Geneva/);
  });

  it('lists the commands with their prefix on !sw help', async () => {
    const roomId = h.fake.createRoom({ creator: ALICE, members: [BOT] });
    const answer = await ask(roomId, ALICE, '!sw help');
    const body = String(answer.content['body']);
    expect(body).toContain('!sw next-meeting');
    expect(body).toContain('!sw watch add');
  });

  it('refuses a low-power user changing what the room receives, and accepts a power-50 user', async () => {
    const roomId = h.fake.createRoom({ creator: ALICE, members: [BOT, BOB] });
    const refused = await ask(roomId, BOB, '!sw watch add tags:surveillance');
    expect(String(refused.content['body'])).toMatch(/power level 50/);
    expect(await h.app.stores.subscriptions.forTarget('matrix', roomId)).toEqual([]);

    h.fake.setPowerLevel(roomId, BOB, 50);
    const accepted = await ask(roomId, BOB, '!sw watch add tags:surveillance');
    expect(String(accepted.content['body'])).toMatch(/Watching/);
    const subs = await h.app.stores.subscriptions.forTarget('matrix', roomId);
    expect(subs).toHaveLength(1);
    expect(subs[0]).toMatchObject({ platform: 'matrix', target: roomId, personal: false, createdBy: BOB });
    expect(subs[0]!.filter.tags).toEqual(['surveillance']);
  });

  it('treats a direct room as personal: the subscription targets the user', async () => {
    const roomId = h.fake.createRoom({ creator: BOB, members: [BOT], direct: true });
    const answer = await ask(roomId, BOB, '!sw watch add tags:surveillance');
    expect(String(answer.content['body'])).toMatch(/to you directly/);
    const subs = await h.app.stores.subscriptions.forTarget('matrix', BOB);
    expect(subs.some((s) => s.personal && s.target === BOB)).toBe(true);
  });

  it('grants operator rights by power level in the operators room only', async () => {
    const roomId = h.fake.createRoom({ creator: BOB, members: [BOT] });
    h.fake.join(OPS_ROOM, BOB);
    const refusal = await ask(roomId, BOB, '!sw sources remove test-news');
    expect(String(refusal.content['body'])).toMatch(/Only operators/);
  });

  it('answers an unparseable command with the parser\'s explanation', async () => {
    const roomId = h.fake.createRoom({ creator: ALICE, members: [BOT] });
    const answer = await ask(roomId, ALICE, '!sw frobnicate');
    expect(String(answer.content['body'])).toMatch(/no command "frobnicate"/);
  });

  it('ignores ordinary messages, other prefixes and its own notices', async () => {
    const roomId = h.fake.createRoom({ creator: ALICE, members: [BOT] });
    h.fake.sendAsUser(roomId, ALICE, { body: 'hello there' });
    h.fake.sendAsUser(roomId, ALICE, { body: '!swap next-meeting fg-mv' });
    const last = h.fake.sendAsUser(roomId, ALICE, { body: '!sw tags' });
    await eventually(() => repliesTo(roomId, last).length === 1, 'the reply to !sw tags');
    expect(h.fake.sentByBot(roomId)).toHaveLength(1);
  });

  it('does not answer a command in an end-to-end encrypted room', async () => {
    const roomId = h.fake.createRoom({ creator: ALICE, members: [BOT], encrypted: true });
    const eventId = h.fake.sendAsUser(roomId, ALICE, { body: '!sw next-meeting fg-mv' });
    const marker = h.fake.createRoom({ creator: ALICE, members: [BOT] });
    await ask(marker, ALICE, '!sw tags');
    await bot!.idle();
    expect(repliesTo(roomId, eventId)).toEqual([]);
    expect(await h.app.redis.exists(`${h.prefix}:matrix:handled:${eventId}`)).toBe(1);
  });
});

describe('Matrix invites and kicks', () => {
  it('declines an invite from outside the allowlist and joins one from an allowed user or server', async () => {
    const outside = h.fake.createRoom({ creator: EVE });
    const fromAlice = h.fake.createRoom({ creator: ALICE });
    const fromServer = h.fake.createRoom({ creator: CAROL });
    h.fake.invite(outside, EVE, BOT);
    h.fake.invite(fromAlice, ALICE, BOT);
    h.fake.invite(fromServer, CAROL, BOT);
    await eventually(() => membershipOf(outside, BOT) === 'leave', 'the invite from eve declined');
    await eventually(() => membershipOf(fromAlice, BOT) === 'join', 'the invite from alice accepted');
    await eventually(() => membershipOf(fromServer, BOT) === 'join', 'the invite from friends.example accepted');
    const answer = await ask(fromAlice, ALICE, '!sw tags');
    expect(answer.room_id).toBe(fromAlice);
  });

  it('notes a kick so that deliveries to that room fail as target lost without a send', async () => {
    const roomId = h.fake.createRoom({ creator: ALICE, members: [BOT] });
    await ask(roomId, ALICE, '!sw tags');
    h.fake.kick(roomId, BOT, ALICE);
    await untilAsync(async () => (await h.app.redis.hexists(`${h.prefix}:matrix:lost-rooms`, roomId)) === 1, 'the kick noted');
    const puts = () => h.fake.requests.filter((r) => r.method === 'PUT' && r.path.includes(encodeURIComponent(roomId))).length;
    const before = puts();
    const err = await h.sink.send(roomId, { kind: 'alert', title: 'x' }, { idempotencyKey: 'after-kick' }).catch((e: unknown) => e);
    expect((err as Error).name).toBe('TargetLostError');
    expect(puts()).toBe(before);
  });
});

describe('Matrix restart from the stored sync token', () => {
  it('answers a command sent while the bot was down exactly once, and does not answer old commands again', async () => {
    const roomId = h.fake.createRoom({ creator: ALICE, members: [BOT] });
    const first = h.fake.sendAsUser(roomId, ALICE, { body: '!sw tags' });
    await eventually(() => repliesTo(roomId, first).length === 1, 'the first command answered');
    await new Promise((resolve) => setTimeout(resolve, 500)); // the sync after the reply stores its token
    const tokenBefore = await h.app.redis.get(syncTokenKey(h.prefix));
    expect(tokenBefore).toMatch(/^s\d+$/);

    const oldCommand = h.fake.sendAsUser(roomId, ALICE, { body: '!sw tags' });
    await eventually(() => repliesTo(roomId, oldCommand).length === 1, 'the old command answered');
    await bot!.idle();
    await bot!.stop();
    bot = undefined;
    const whileDown = h.fake.sendAsUser(roomId, ALICE, { body: '!sw next-meeting fg-mv' });
    // As if the process died before saving its last token: the next sync replays the old command too.
    await h.app.redis.set(syncTokenKey(h.prefix), tokenBefore!);

    bot = await startMatrixBot(h.app);
    await eventually(() => repliesTo(roomId, whileDown).length === 1, 'the command sent while down answered', 8_000);
    expect(h.fake.requests.some((r) => r.path === '/_matrix/client/v3/sync' && r.query['since'] === tokenBefore)).toBe(true);
    const after = h.fake.sendAsUser(roomId, ALICE, { body: '!sw tags' });
    await eventually(() => repliesTo(roomId, after).length === 1, 'a later command answered');
    await bot.idle();
    expect(repliesTo(roomId, first)).toHaveLength(1);
    expect(repliesTo(roomId, oldCommand)).toHaveLength(1);
    expect(repliesTo(roomId, whileDown)).toHaveLength(1);
    expect(String(repliesTo(roomId, whileDown)[0]!.content['body'])).toMatch(/9th meeting/);
    expect(bot.connected()).toBe(true);
  });

  it('does not answer commands from before its very first start', async () => {
    const fresh = await startHarness('matrix-fresh');
    try {
      const roomId = fresh.fake.createRoom({ creator: ALICE, members: [BOT] });
      const old = fresh.fake.sendAsUser(roomId, ALICE, { body: '!sw tags' });
      const freshBot = await startMatrixBot(fresh.app);
      try {
        const now = fresh.fake.sendAsUser(roomId, ALICE, { body: '!sw tags' });
        const replies = (id: string) => fresh.fake.sentByBot(roomId).filter((e) => JSON.stringify(e.content['m.relates_to']).includes(id));
        await eventually(() => replies(now).length === 1, 'the new command answered');
        await freshBot.idle();
        expect(replies(old)).toEqual([]);
      } finally {
        await freshBot.stop();
      }
    } finally {
      await fresh.close();
    }
  });
});
