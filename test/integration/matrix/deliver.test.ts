// Alerts to Matrix through the real pipeline (BullMQ deliver worker, Redis
// delivery log) and the Matrix sink, against the fake homeserver.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPipelineWorkers } from '../../../src/app/pipeline.js';
import { pino } from 'pino';
import { createMatrixSink, txnIdFor } from '../../../src/bot/matrix/sink.js';
import { emptyFilter } from '../../../src/core/filter.js';
import type { Subscription } from '../../../src/core/types.js';
import type { Workers } from '../../../src/jobs/workers.js';
import { ALICE, BOB, BOT, startHarness, storeItem, testItem, type Harness } from './harness.js';

const DORA = '@dora:example.org';
const FRED = '@fred:example.org';
const GUS = '@gus:example.org';

let h: Harness;
let workers: Workers;

beforeAll(async () => {
  h = await startHarness('matrix-deliver');
  workers = startPipelineWorkers(h.app, {}, { poll: 1, enrich: 1, deliver: 2 });
});

afterAll(async () => {
  await workers.close();
  await h.close();
});

let subCounter = 0;
async function subscribe(target: string, personal = false): Promise<Subscription> {
  subCounter += 1;
  const sub: Subscription = {
    id: `wmx${subCounter}`,
    platform: 'matrix',
    target,
    personal,
    filter: emptyFilter(),
    mode: 'instant',
    timeZone: 'UTC',
    createdBy: ALICE,
    createdAt: new Date().toISOString(),
  };
  await h.app.stores.subscriptions.add(sub);
  return sub;
}

const sendPuts = (roomId: string) => h.fake.requests.filter((r) => r.method === 'PUT' && r.path.startsWith(`/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/send/`));

const createRoomRequestsFor = (userId: string) =>
  h.fake.requests.filter(
    (r) => r.method === 'POST' && r.path === '/_matrix/client/v3/createRoom' && ((r.body as { invite?: unknown } | undefined)?.invite as unknown[] | undefined)?.includes(userId),
  );

interface InviteSync {
  rooms: { invite: Record<string, { invite_state: { events: Array<{ type: string; state_key: string; content: Record<string, unknown> }> } }> };
}

async function syncAs(accessToken: string): Promise<InviteSync> {
  const res = await fetch(`${h.fake.baseUrl}/_matrix/client/v3/sync`, { headers: { authorization: `Bearer ${accessToken}` } });
  expect(res.status).toBe(200);
  return (await res.json()) as InviteSync;
}

async function deliverAndWait(subscriptionId: string, itemId: string): Promise<void> {
  await h.app.enqueue.deliver([{ subscriptionId, itemId }]);
  const deadline = Date.now() + 10_000;
  for (;;) {
    const done = await h.app.stores.deliveries.get(subscriptionId, itemId);
    if (done?.status === 'sent' || done?.status === 'edited') return;
    if (Date.now() > deadline) throw new Error(`delivery of ${itemId} not recorded`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('Matrix alerts', () => {
  it('posts an alert whose @room does not ping and that carries empty m.mentions', async () => {
    const roomId = h.fake.createRoom({ creator: ALICE, members: [BOT], powerLevels: { [BOT]: 50 } });
    const sub = await subscribe(roomId);
    const item = testItem({ title: 'Operator tells @room of FG-MV: digital identity for all', summary: 'Contact @alice:example.org or @room.' });
    await storeItem(h.app, item);
    await deliverAndWait(sub.id, item.id);
    const [event] = h.fake.sentByBot(roomId);
    expect(event).toBeDefined();
    expect(event!.content['m.mentions']).toEqual({});
    expect(event!.content['msgtype']).toBe('m.notice');
    expect(h.fake.wouldNotifyRoom(event!)).toBe(false);
    expect(h.fake.wouldNotifyRoom(event!, { legacyRulesAlways: true })).toBe(false);
    expect(h.fake.wouldNotifyUser(event!, ALICE, { legacyRulesAlways: true })).toBe(false);
    expect(event!.txnId).toBe(txnIdFor(`${sub.id}-${item.id}`));
  });

  it('re-sends the same txnId when a job is retried after a 500 that followed the store, leaving one event', async () => {
    const roomId = h.fake.createRoom({ creator: ALICE, members: [BOT] });
    const sub = await subscribe(roomId);
    const item = testItem();
    await storeItem(h.app, item);
    h.fake.failNext({ method: 'PUT', path: /\/send\// }, { status: 500, afterStore: true });
    await deliverAndWait(sub.id, item.id);
    const puts = sendPuts(roomId);
    expect(puts).toHaveLength(2);
    expect(puts[0]!.fault).toBe('500-after-store');
    expect(puts[1]!.path).toBe(puts[0]!.path);
    expect(h.fake.sentByBot(roomId)).toHaveLength(1);
  });

  it('recovers from a connection reset after the store with a single event', async () => {
    const roomId = h.fake.createRoom({ creator: ALICE, members: [BOT] });
    const sub = await subscribe(roomId);
    const item = testItem();
    await storeItem(h.app, item);
    h.fake.failNext({ method: 'PUT', path: /\/send\// }, { reset: 'after' });
    await deliverAndWait(sub.id, item.id);
    expect(sendPuts(roomId).length).toBeGreaterThanOrEqual(2);
    expect(h.fake.sentByBot(roomId)).toHaveLength(1);
  });

  it('waits out a 429 for its retry_after_ms within the send', async () => {
    const roomId = h.fake.createRoom({ creator: ALICE, members: [BOT] });
    h.fake.failNext({ method: 'PUT', path: /\/send\// }, { status: 429, retryAfterMs: 300 });
    const started = Date.now();
    const sent = await h.sink.send(roomId, { kind: 'alert', title: 'Rate limited' }, { idempotencyKey: 'rate-limited-1' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(sendPuts(roomId).map((r) => r.status)).toEqual([429, 200]);
    expect(h.fake.sentByBot(roomId).map((e) => e.event_id)).toEqual([sent.messageId]);
  });

  it('gives up on a long rate limit with a TransientError carrying the wait', async () => {
    const roomId = h.fake.createRoom({ creator: ALICE, members: [BOT] });
    h.fake.failNext({ method: 'PUT', path: /\/send\// }, { status: 429, retryAfterMs: 60_000 });
    const err = await h.sink.send(roomId, { kind: 'alert', title: 'x' }, { idempotencyKey: 'rate-limited-2' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'TransientError', retryAfterMs: 60_000 });
  });

  it('edits the first event (m.replace) when a second source reports the same story', async () => {
    const roomId = h.fake.createRoom({ creator: ALICE, members: [BOT] });
    const sub = await subscribe(roomId);
    const storyId = `s-${Date.now()}`;
    const first = testItem({ storyId, sourceId: 'outlet-a', url: 'https://a.example/story' });
    const second = testItem({ storyId, sourceId: 'outlet-b', url: 'https://b.example/story' });
    await storeItem(h.app, first);
    await storeItem(h.app, second);
    await deliverAndWait(sub.id, first.id);
    await deliverAndWait(sub.id, second.id);
    const events = h.fake.sentByBot(roomId);
    expect(events).toHaveLength(2);
    const [original, edit] = events;
    expect(edit!.content['m.relates_to']).toEqual({ rel_type: 'm.replace', event_id: original!.event_id });
    expect(String(edit!.content['body']).startsWith('* ')).toBe(true);
    const newContent = edit!.content['m.new_content'] as Record<string, unknown>;
    expect(String(newContent['body'])).toContain('Also reported by');
    expect(String(newContent['body'])).toContain('https://b.example/story');
    expect(newContent['m.mentions']).toEqual({});
  });

  it('reports 403 M_FORBIDDEN as a lost target and pauses the subscription', async () => {
    const roomId = h.fake.createRoom({ creator: ALICE, members: [] });
    const sub = await subscribe(roomId);
    const item = testItem();
    await storeItem(h.app, item);
    await h.app.enqueue.deliver([{ subscriptionId: sub.id, itemId: item.id }]);
    const deadline = Date.now() + 10_000;
    while (!(await h.app.stores.subscriptions.get(sub.id))?.paused) {
      if (Date.now() > deadline) throw new Error('subscription not paused');
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect((await h.app.stores.deliveries.get(sub.id, item.id))?.status).toBe('failed');
    expect(h.fake.sentByBot(roomId)).toEqual([]);
  });
});

describe('Matrix personal alerts', () => {
  it('sends a personal alert to the direct room listed in m.direct', async () => {
    const dm = h.fake.createRoom({ creator: BOT, members: [BOB], direct: true });
    const sub = await subscribe(BOB, true);
    const item = testItem();
    await storeItem(h.app, item);
    await deliverAndWait(sub.id, item.id);
    expect(h.fake.sentByBot(dm)).toHaveLength(1);
    expect(h.fake.sentByBot(dm)[0]!.content['body']).toContain(item.title);
  });

  it('opens a direct room for a personal alert when none exists, records it in m.direct, and reuses it for the next alert', async () => {
    const dora = h.fake.registerUser(DORA, { displayName: 'Dora' });
    const sub = await subscribe(DORA, true);
    const first = testItem();
    await storeItem(h.app, first);
    await deliverAndWait(sub.id, first.id);

    const creates = createRoomRequestsFor(DORA);
    expect(creates).toHaveLength(1);
    expect(creates[0]).toMatchObject({ userId: BOT, status: 200, body: { preset: 'trusted_private_chat', is_direct: true, invite: [DORA] } });
    const direct = h.fake.accountData(BOT, 'm.direct') as Record<string, string[]>;
    expect(direct[DORA]).toHaveLength(1);
    const roomId = direct[DORA]![0]!;
    expect(direct[BOB]).toBeDefined(); // the bot's other direct rooms are kept
    const member = h.fake.events(roomId).filter((e) => e.type === 'm.room.member' && e.state_key === DORA).at(-1);
    expect(member).toMatchObject({ sender: BOT, content: { membership: 'invite', is_direct: true } });
    const [alert] = h.fake.sentByBot(roomId);
    expect(String(alert?.content['body'])).toContain(first.title);
    expect(alert?.txnId).toBe(txnIdFor(`${sub.id}-${first.id}`));

    // Dora's own sync shows the invite as a direct one from the bot.
    const sync = await syncAs(dora.accessToken);
    const inviteState = sync.rooms.invite[roomId]?.invite_state.events ?? [];
    expect(inviteState.find((e) => e.type === 'm.room.member' && e.state_key === DORA)?.content).toMatchObject({ membership: 'invite', is_direct: true });

    const second = testItem();
    await storeItem(h.app, second);
    await deliverAndWait(sub.id, second.id);
    expect(createRoomRequestsFor(DORA)).toHaveLength(1);
    expect(h.fake.sentByBot(roomId).map((e) => String(e.content['body']))).toEqual([
      expect.stringContaining(first.title),
      expect.stringContaining(second.title),
    ]);
    expect((h.fake.accountData(BOT, 'm.direct') as Record<string, string[]>)[DORA]).toEqual([roomId]);
  });

  it('opens one direct room when two personal alerts for the same user are delivered at once', async () => {
    h.fake.registerUser(FRED);
    const sub = await subscribe(FRED, true);
    const items = [testItem(), testItem()];
    for (const item of items) await storeItem(h.app, item);
    await h.app.enqueue.deliver(items.map((item) => ({ subscriptionId: sub.id, itemId: item.id })));
    for (const item of items) await deliverAndWait(sub.id, item.id);
    expect(createRoomRequestsFor(FRED)).toHaveLength(1);
    const roomId = (h.fake.accountData(BOT, 'm.direct') as Record<string, string[]>)[FRED]?.[0];
    expect(roomId).toBeDefined();
    expect(h.fake.sentByBot(roomId).map((e) => e.txnId).sort()).toEqual(items.map((item) => txnIdFor(`${sub.id}-${item.id}`)).sort());
  });

  it('finds a direct room it opened earlier through m.direct after a restart, without creating another', async () => {
    h.fake.registerUser(GUS);
    const sent = await h.sink.sendToUser!(GUS, { kind: 'alert', title: 'first' }, { idempotencyKey: 'dm-restart-1' });
    const roomId = (h.fake.accountData(BOT, 'm.direct') as Record<string, string[]>)[GUS]?.[0];
    expect(roomId).toBeDefined();
    const restarted = createMatrixSink({ homeserverUrl: h.fake.baseUrl, userId: BOT, accessToken: h.botToken, log: pino({ level: 'silent' }) });
    try {
      const again = await restarted.sendToUser!(GUS, { kind: 'alert', title: 'second' }, { idempotencyKey: 'dm-restart-2' });
      expect(createRoomRequestsFor(GUS)).toHaveLength(1);
      expect(h.fake.sentByBot(roomId).map((e) => e.event_id)).toEqual([sent.messageId, again.messageId]);
    } finally {
      await restarted.close();
    }
  });
});
