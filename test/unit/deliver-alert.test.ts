// deliverAlert with recording fakes of our own ports: a big story's edit stays bounded.
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { Message } from '../../src/core/message.js';
import type { DeliveryLog, PlatformSink, StoryPost } from '../../src/core/ports.js';
import type { Delivery, Item, Subscription } from '../../src/core/types.js';
import { deliverAlert, MAX_ALSO_SHOWN, type DeliverDeps } from '../../src/jobs/processors/deliver-alert.js';

const sub: Subscription = { id: 'w1', platform: 'discord', target: 'c1', personal: false, filter: { tags: [], keywords: [], groups: [], sources: [], minScore: 0 }, mode: 'instant', timeZone: 'UTC', createdBy: 'u', createdAt: '2026-01-01T00:00:00Z' };
const item = (n: number): Item => ({ id: `i${n}`, sourceId: `outlet${n}`, url: `https://news${n}.example/story`, title: `Report ${n}`, published: '2026-01-01T00:00:00Z', seenAt: '2026-01-01T00:00:00Z', content: '', summary: 'S', tags: [], entities: [], groups: [], score: 0.5, storyId: 's1', enriched: true });

describe('deliverAlert on a story with many reports', () => {
  it('edits the first alert, loading and listing only the lead and the newest few others', async () => {
    const items = new Map(Array.from({ length: 30 }, (_, n) => [`i${n}`, item(n)]));
    const loaded: string[][] = [];
    const edits: Message[] = [];
    let post: StoryPost = { messageId: 'm1', sources: [], itemIds: Array.from({ length: 29 }, (_, n) => `i${n}`) };
    const log = new Map<string, Delivery>();
    const deliveries: DeliveryLog = {
      get: async (s, k) => log.get(`${s}/${k}`),
      record: async (d) => void log.set(`${d.subscriptionId}/${d.key}`, d),
      storyPost: async () => post,
      setStoryPost: async (_p, _t, _s, next) => void (post = next),
      lockStory: async () => async () => undefined,
    };
    const sink: PlatformSink = {
      platform: 'discord',
      send: async () => ({ messageId: 'new' }),
      edit: async (_t, id, message) => (edits.push(message), { messageId: id }),
    };
    const deps: DeliverDeps = {
      subscriptions: { get: async () => sub, update: async () => undefined },
      items: { get: async (id) => items.get(id), getMany: async (ids) => (loaded.push(ids), ids.flatMap((id) => (items.has(id) ? [items.get(id)!] : []))) },
      deliveries,
      sinks: { discord: sink },
      sourceName: (id) => id,
      groupNames: () => [],
      clock: { now: () => new Date('2026-01-01T01:00:00Z') },
      log: pino({ level: 'silent' }),
    };
    const outcome = await deliverAlert({ subscriptionId: 'w1', itemId: 'i29' }, deps);
    expect(outcome.status).toBe('edited');
    expect(loaded).toEqual([['i0', ...['i22', 'i23', 'i24', 'i25', 'i26', 'i27', 'i28']]]);
    expect(loaded[0]).toHaveLength(MAX_ALSO_SHOWN);
    const also = edits[0]!.sections!.find((s) => s.heading === 'Also reported by')!.lines.map((l) => l.text);
    expect(also).toEqual(['…and 21 earlier reports', 'outlet22', 'outlet23', 'outlet24', 'outlet25', 'outlet26', 'outlet27', 'outlet28', 'outlet29']);
    expect(edits[0]!.title).toBe('Report 0');
    expect(post.itemIds).toHaveLength(30);
    // A retry of the same job posts nothing more.
    expect((await deliverAlert({ subscriptionId: 'w1', itemId: 'i29' }, deps)).status).toBe('already-sent');
    expect(edits).toHaveLength(1);
  });
});
