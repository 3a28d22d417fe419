// Alerts, the hourly limit and digests on the real Redis: processors called directly.
import { Redis } from 'ioredis';
import pino from 'pino';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { pickStory } from '../../../src/core/enrich/index.js';
import { emptyFilter } from '../../../src/core/filter.js';
import { messageToPlainText } from '../../../src/core/message.js';
import type { Filter, Item, Subscription } from '../../../src/core/types.js';
import { deliverAlert, type DeliverDeps } from '../../../src/jobs/processors/deliver-alert.js';
import { sendDigest, type DigestDeps } from '../../../src/jobs/processors/digest.js';
import { enrichItem, type EnrichDeps } from '../../../src/jobs/processors/enrich-item.js';
import { createRedisDigestStore } from '../../../src/store/digest-store.js';
import { createStores } from '../../../src/store/stores.js';
import { deleteByPrefix, testPrefix, TEST_REDIS_URL } from '../../helpers/redis.js';
import { RecordingSink } from './recording-sink.js';

const redis = new Redis(TEST_REDIS_URL);
const log = pino({ level: 'silent' });
const prefixes: string[] = [];
let now = Date.parse('2024-03-25T10:00:00Z');
const clock = { now: () => new Date(now) };

afterAll(async () => {
  for (const p of prefixes) await deleteByPrefix(p);
  redis.disconnect();
});

function setup() {
  const prefix = testPrefix('digests');
  prefixes.push(prefix);
  const stores = createStores(redis, prefix, { pickStory });
  const ledger = createRedisDigestStore(redis, prefix);
  const sink = new RecordingSink('discord');
  const deliver: DeliverDeps = {
    subscriptions: stores.subscriptions,
    items: stores.items,
    deliveries: stores.deliveries,
    sinks: { discord: sink },
    sourceName: (id) => id.toUpperCase(),
    groupNames: (ids) => ids,
    limits: {
      maxPerHour: 2,
      limiter: ledger,
      targetHasDigest: async (platform, target) => (await stores.subscriptions.forTarget(platform, target)).some((s) => s.mode !== 'instant' && !s.paused),
      feedUrl: 'https://sw.example/feed.xml',
    },
    clock,
    log,
  };
  const digest: DigestDeps = {
    subscriptions: stores.subscriptions,
    items: stores.items,
    meetings: { all: async () => [] },
    ledger,
    deliveries: stores.deliveries,
    sinks: { discord: sink },
    names: { tag: (id) => id, group: (id) => id, source: (id) => id },
    publicUrl: 'https://sw.example',
    clock,
    log,
  };
  const enqueued: { subscriptionId: string; itemId: string }[] = [];
  const enrich: EnrichDeps = {
    items: stores.items,
    stories: stores.stories,
    subscriptions: stores.subscriptions,
    getSource: async () => undefined,
    analyse: async () => {
      throw new Error('items in these tests are already enriched');
    },
    enqueueDeliver: async (d) => void enqueued.push(...d),
    digests: ledger,
    clock,
    log,
  };
  return { stores, ledger, sink, deliver, digest, enrich, enqueued };
}

let counter = 0;
async function storeItem(stores: ReturnType<typeof setup>['stores'], extra: Partial<Item> = {}): Promise<Item> {
  const id = `i${++counter}`;
  const item: Item = {
    id,
    sourceId: 'press',
    url: `https://news.example/${id}`,
    title: `Item ${id} about surveillance`,
    published: new Date(now - 60_000).toISOString(),
    seenAt: new Date(now).toISOString(),
    content: 'The police would get access.',
    summary: '',
    tags: ['surveillance'],
    entities: [],
    groups: [],
    score: 0.5,
    storyId: `story-${id}`,
    enriched: true,
    ...extra,
  };
  await stores.items.addIfNew(item);
  await stores.items.saveEnriched(item);
  return item;
}

function sub(extra: Partial<Omit<Subscription, 'filter'>> & { filter?: Partial<Filter> } = {}): Subscription {
  const { filter, ...rest } = extra;
  return {
    id: `s${++counter}`,
    platform: 'discord',
    target: 'chan-1',
    personal: false,
    mode: 'instant',
    timeZone: 'Europe/Brussels',
    createdBy: 'u1',
    createdAt: new Date(now - 86_400_000 * 3).toISOString(),
    ...rest,
    filter: { ...emptyFilter(), ...filter },
  };
}

beforeEach(() => {
  now = Date.parse('2024-03-25T10:00:00Z');
});

describe('instant alerts', () => {
  it('posts one alert per story per target: a later source of the same story edits the first alert', async () => {
    const t = setup();
    const watch = sub();
    await t.stores.subscriptions.add(watch);
    const first = await storeItem(t.stores, { storyId: 'story-x', sourceId: 'press' });
    const second = await storeItem(t.stores, { storyId: 'story-x', sourceId: 'wire', url: 'https://wire.example/x' });

    expect((await deliverAlert({ subscriptionId: watch.id, itemId: first.id }, t.deliver)).status).toBe('sent');
    expect((await deliverAlert({ subscriptionId: watch.id, itemId: second.id }, t.deliver)).status).toBe('edited');
    // Re-running either job posts nothing more.
    expect((await deliverAlert({ subscriptionId: watch.id, itemId: first.id }, t.deliver)).status).toBe('already-sent');
    expect((await deliverAlert({ subscriptionId: watch.id, itemId: second.id }, t.deliver)).status).toBe('already-sent');

    expect(t.sink.records.map((r) => r.op)).toEqual(['send', 'edit']);
    const edited = t.sink.records[1]!;
    expect(edited.messageId).toBe(t.sink.records[0]!.messageId);
    expect(edited.message.sections).toEqual([{ heading: 'Also reported by', lines: [{ text: 'WIRE', url: 'https://wire.example/x' }] }]);
  });

  it('a second subscription in the same target matching the same story does not post it again', async () => {
    const t = setup();
    const a = sub({ filter: { tags: ['surveillance'] } });
    const b = sub({ filter: { keywords: ['police'] } });
    await t.stores.subscriptions.add(a);
    await t.stores.subscriptions.add(b);
    const item = await storeItem(t.stores);
    await enrichItem({ itemId: item.id, alert: true }, t.enrich);
    expect(t.enqueued.map((d) => d.subscriptionId).sort()).toEqual([a.id, b.id].sort());
    const outcomes = await Promise.all(t.enqueued.map((d) => deliverAlert(d, t.deliver)));
    expect(outcomes.map((o) => o.status).sort()).toEqual(['already-sent', 'sent']);
    expect(t.sink.records).toHaveLength(1);
  });
});

describe('hourly limit per target', () => {
  it('holds the excess for the target’s digest, which then carries it: nothing lost, no notice', async () => {
    const t = setup();
    const watch = sub();
    const digest = sub({ mode: 'daily', at: '09:00', filter: { tags: ['privacy'] } });
    await t.stores.subscriptions.add(watch);
    await t.stores.subscriptions.add(digest);
    const items = [];
    for (let i = 0; i < 4; i++) items.push(await storeItem(t.stores, { title: `Flood item ${i}` }));
    const statuses = [];
    for (const item of items) statuses.push((await deliverAlert({ subscriptionId: watch.id, itemId: item.id }, t.deliver)).status);
    expect(statuses).toEqual(['sent', 'sent', 'held', 'held']);
    // A retried job of a held item stays held.
    expect((await deliverAlert({ subscriptionId: watch.id, itemId: items[2]!.id }, t.deliver)).status).toBe('held');
    expect(t.sink.of('alert')).toHaveLength(2);
    expect(t.sink.of('notice')).toHaveLength(0);

    now = Date.parse('2024-03-26T08:00:00Z');
    const outcome = await sendDigest({ subscriptionId: digest.id, firedAt: now }, t.digest);
    expect(outcome).toMatchObject({ status: 'sent', period: '2024-03-26', items: 2 });
    const text = messageToPlainText(t.sink.of('digest')[0]!.message);
    expect(text).toContain('Flood item 2');
    expect(text).toContain('Flood item 3');
    expect(text).not.toContain('Flood item 0');
    expect(text).toContain('2 of the items were held back from instant alerts');
    expect(await t.ledger.held('discord', 'chan-1')).toEqual([]);
  });

  it('without a digest, says "held back" at most once an hour, and the limit frees up after an hour', async () => {
    const t = setup();
    const watch = sub();
    await t.stores.subscriptions.add(watch);
    const deliver = async () => (await deliverAlert({ subscriptionId: watch.id, itemId: (await storeItem(t.stores)).id }, t.deliver)).status;
    const first = [];
    for (let i = 0; i < 5; i++) first.push(await deliver());
    expect(first).toEqual(['sent', 'sent', 'held', 'held', 'held']);
    const notices = t.sink.of('notice');
    expect(notices).toHaveLength(1);
    expect(notices[0]!.message.text).toBe(
      '1 more matching item was held back here (at most 2 alerts an hour); more may follow. They are all in the feed: https://sw.example/feed.xml — or get them in a digest: digest daily 09:00',
    );
    expect(await t.ledger.held('discord', 'chan-1')).toHaveLength(3);

    now += 61 * 60_000;
    expect([await deliver(), await deliver(), await deliver()]).toEqual(['sent', 'sent', 'held']);
    expect(t.sink.of('notice')).toHaveLength(2);
    expect(t.sink.of('alert')).toHaveLength(4);
  });

  it('the limit is per target: another channel is not affected', async () => {
    const t = setup();
    const a = sub({ target: 'chan-a' });
    const b = sub({ target: 'chan-b' });
    await t.stores.subscriptions.add(a);
    await t.stores.subscriptions.add(b);
    for (let i = 0; i < 3; i++) await deliverAlert({ subscriptionId: a.id, itemId: (await storeItem(t.stores)).id }, t.deliver);
    expect((await deliverAlert({ subscriptionId: b.id, itemId: (await storeItem(t.stores)).id }, t.deliver)).status).toBe('sent');
  });
});

describe('digests', () => {
  it('carries everything since the last digest actually sent, across a missed run', async () => {
    const t = setup();
    const digest = sub({ mode: 'daily', at: '09:00', filter: { tags: ['surveillance'] } });
    await t.stores.subscriptions.add(digest);
    const monday = await storeItem(t.stores, { title: 'Monday news' });
    await enrichItem({ itemId: monday.id, alert: true }, t.enrich);
    const unrelated = await storeItem(t.stores, { title: 'Unrelated', tags: ['other'] });
    await enrichItem({ itemId: unrelated.id, alert: true }, t.enrich);
    // Tuesday's 09:00 run never happened (worker down). Wednesday:
    now = Date.parse('2024-03-26T20:00:00Z');
    const tuesday = await storeItem(t.stores, { title: 'Tuesday news' });
    await enrichItem({ itemId: tuesday.id, alert: true }, t.enrich);
    now = Date.parse('2024-03-27T08:00:00Z');
    expect(await sendDigest({ subscriptionId: digest.id, firedAt: now }, t.digest)).toMatchObject({ status: 'sent', period: '2024-03-27', items: 2 });
    const text = messageToPlainText(t.sink.records[0]!.message);
    expect(text).toContain('Monday news');
    expect(text).toContain('Tuesday news');
    expect(text).not.toContain('Unrelated');
    expect(await t.ledger.lastSentAt(digest.id)).toBe('2024-03-27T08:00:00.000Z');

    // The next day carries only what came after.
    now = Date.parse('2024-03-27T12:00:00Z');
    const wednesday = await storeItem(t.stores, { title: 'Wednesday news' });
    await enrichItem({ itemId: wednesday.id, alert: true }, t.enrich);
    now = Date.parse('2024-03-28T08:00:00Z');
    await sendDigest({ subscriptionId: digest.id, firedAt: now }, t.digest);
    const next = messageToPlainText(t.sink.records[1]!.message);
    expect(next).toContain('Wednesday news');
    expect(next).not.toContain('Monday news');
    expect(next).toContain('1 new story since Wed 27 Mar 09:00');
  });

  it('is sent once per period even when its job runs twice, in turn or at once', async () => {
    const t = setup();
    const digest = sub({ mode: 'daily', at: '09:00' });
    await t.stores.subscriptions.add(digest);
    await t.ledger.recordMatches([{ subscriptionId: digest.id, itemId: (await storeItem(t.stores)).id }], now);
    now = Date.parse('2024-03-26T08:00:00Z');
    const fired = now;
    const runs = await Promise.all([sendDigest({ subscriptionId: digest.id, firedAt: fired }, t.digest), sendDigest({ subscriptionId: digest.id, firedAt: fired }, t.digest)]);
    expect(runs.map((r) => r.status).sort()).toEqual(['already-sent', 'sent']);
    // A retry a minute later (same fired time) and a new match do not bring a second digest this period.
    now += 60_000;
    await t.ledger.recordMatches([{ subscriptionId: digest.id, itemId: (await storeItem(t.stores)).id }], now);
    expect((await sendDigest({ subscriptionId: digest.id, firedAt: fired }, t.digest)).status).toBe('already-sent');
    expect(t.sink.records).toHaveLength(1);
    expect(t.sink.records[0]!.key).toBe(`${digest.id}-digest-2024-03-26`);
    expect(await t.stores.deliveries.get(digest.id, 'digest-2024-03-26')).toMatchObject({ status: 'sent', messageId: t.sink.records[0]!.messageId });
  });

  it('goes to the right user for a personal digest', async () => {
    const t = setup();
    const digest = sub({ mode: 'weekly', weekday: 1, at: '09:00', personal: true, target: 'user-42' });
    await t.stores.subscriptions.add(digest);
    await t.ledger.recordMatches([{ subscriptionId: digest.id, itemId: (await storeItem(t.stores, { title: 'For you' })).id }], now);
    const outcome = await sendDigest({ subscriptionId: digest.id, firedAt: Date.parse('2024-03-25T08:00:00Z') }, t.digest);
    expect(outcome).toMatchObject({ status: 'sent', period: '2024-W13' });
    expect(t.sink.records).toHaveLength(1);
    expect(t.sink.records[0]).toMatchObject({ op: 'sendToUser', target: 'user-42' });
    expect(t.sink.records[0]!.message.title).toBe('Weekly digest — Mon 25 Mar 2024');
  });

  it('stays silent when nothing is new, or says so in one line when the subscriber chose that', async () => {
    const t = setup();
    const quiet = sub({ mode: 'daily', at: '09:00' });
    const chatty = sub({ mode: 'daily', at: '09:00', target: 'chan-2', sendEmpty: true });
    await t.stores.subscriptions.add(quiet);
    await t.stores.subscriptions.add(chatty);
    expect((await sendDigest({ subscriptionId: quiet.id }, t.digest)).status).toBe('nothing-new');
    expect((await sendDigest({ subscriptionId: chatty.id }, t.digest)).status).toBe('sent');
    expect(t.sink.records).toHaveLength(1);
    expect(t.sink.records[0]!.message.text).toMatch(/^Nothing new since /);
  });

  it('records a new source’s first-poll items for digests only when published within the digest’s period', async () => {
    const t = setup();
    const digest = sub({ mode: 'daily', at: '09:00' });
    await t.stores.subscriptions.add(digest);
    const fresh = await storeItem(t.stores, { published: new Date(now - 3_600_000).toISOString() });
    const old = await storeItem(t.stores, { published: new Date(now - 30 * 86_400_000).toISOString() });
    await enrichItem({ itemId: fresh.id, alert: false }, t.enrich);
    await enrichItem({ itemId: old.id, alert: false }, t.enrich);
    expect((await t.ledger.pending(digest.id)).map((p) => p.itemId)).toEqual([fresh.id]);
    expect(t.enqueued).toEqual([]);
  });
});
