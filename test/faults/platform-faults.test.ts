// Fault: Discord and Matrix answer bursts of 429s, 500s and dropped connections
// (before and after storing the message) for a while, then recover. Alerts go
// through the real deliver workers and sinks; we count messages per item at the fakes.
import { afterAll, describe, expect, it } from 'vitest';
import { startPipelineWorkers } from '../../src/app/pipeline.js';
import { emptyFilter } from '../../src/core/filter.js';
import type { Item, Subscription } from '../../src/core/types.js';
import type { Workers } from '../../src/jobs/workers.js';
import { until } from './helpers/wait.js';
import * as discord from '../integration/discord/harness.js';
import * as matrix from '../integration/matrix/harness.js';
import { countDeliveries, printSummary, tally } from './helpers/tally.js';

const N = 12;
const GROUP = 'platform faults (429/500/resets)';

afterAll(() => printSummary());

function sub(id: string, platform: 'discord' | 'matrix', target: string): Subscription {
  return { id, platform, target, personal: false, filter: emptyFilter(), mode: 'instant', timeZone: 'UTC', createdBy: 'u', createdAt: new Date().toISOString() };
}

async function drained(app: { queues: { deliver: { getJobCounts(...t: string[]): Promise<Record<string, number>> } } }): Promise<boolean> {
  const c = await app.queues.deliver.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
  return Object.values(c).every((n) => n === 0);
}

describe('chat platforms failing for a while, then recovering', () => {
  it('Discord: 429 bursts, 500s and resets before/after storing — every alert arrives exactly once', async () => {
    const h = await discord.startHarness('faults-platform');
    let workers: Workers | undefined;
    try {
      const items: Item[] = [];
      for (let i = 0; i < N; i++) items.push(await discord.storeItem(h.app, discord.testItem({ storyId: `sf${i}-${Date.now()}` })));
      const s = sub('wfaultdc', 'discord', discord.CHANNEL);
      await h.app.stores.subscriptions.add(s);
      const post = { method: 'POST', path: /^\/channels\/\d+\/messages$/ };
      h.fake.failNext(post, { status: 429, retryAfterSec: 1 }, 4);
      h.fake.failNext(post, { status: 500 }, 5);
      h.fake.failNext(post, { reset: 'before' }, 3);
      h.fake.failNext(post, { reset: 'after' }, 3);
      h.fake.failNext(post, { status: 502 }, 2);
      tally(GROUP).faults += 5;
      workers = startPipelineWorkers(h.app, {}, { poll: 1, enrich: 1, deliver: 4 });
      await h.app.enqueue.deliver(items.map((it) => ({ subscriptionId: s.id, itemId: it.id })));
      await until('all Discord deliveries done', async () => h.fake.messages.length >= N && (await drained(h.app)), 40_000);
      await new Promise((r) => setTimeout(r, 500));
      const faulted = h.fake.requests.filter((r) => r.fault !== undefined).length;
      expect(faulted).toBe(4 + 5 + 3 + 3 + 2);
      const urls = h.fake.messages.filter((m) => m.channel_id === discord.CHANNEL).map((m) => m.embeds[0]?.url ?? '');
      const counted = countDeliveries(GROUP, items.map((it) => it.url), urls);
      expect(counted).toEqual({ sent: N, duplicated: 0, lost: 0 });
      for (const it of items) expect((await h.app.stores.deliveries.get(s.id, it.id))?.status).toBe('sent');
    } finally {
      await workers?.close();
      await h.close();
    }
  }, 60_000);

  it('Matrix: 429 bursts, 500s (also after storing) and resets — every alert arrives exactly once', async () => {
    const h = await matrix.startHarness('faults-platform-mx');
    let workers: Workers | undefined;
    try {
      const roomId = h.fake.createRoom({ creator: matrix.ALICE, members: [matrix.BOT] });
      const items: Item[] = [];
      for (let i = 0; i < N; i++) {
        const it = matrix.testItem({ storyId: `mf${i}-${Date.now()}` });
        await matrix.storeItem(h.app, it);
        items.push(it);
      }
      const s = sub('wfaultmx', 'matrix', roomId);
      await h.app.stores.subscriptions.add(s);
      const send = { method: 'PUT', path: /\/send\/m\.room\.message\// };
      h.fake.failNext(send, { status: 429, retryAfterMs: 300 }, 6);
      h.fake.failNext(send, { status: 500 }, 4);
      h.fake.failNext(send, { status: 500, afterStore: true }, 3);
      h.fake.failNext(send, { reset: 'before' }, 2);
      h.fake.failNext(send, { reset: 'after' }, 2);
      h.fake.failNext(send, { status: 502 }, 2);
      tally(GROUP).faults += 6;
      workers = startPipelineWorkers(h.app, {}, { poll: 1, enrich: 1, deliver: 4 });
      await h.app.enqueue.deliver(items.map((it) => ({ subscriptionId: s.id, itemId: it.id })));
      const sent = () => h.fake.sentByBot(roomId).filter((e) => e.type === 'm.room.message');
      await until('all Matrix deliveries done', async () => sent().length >= N && (await drained(h.app)), 40_000);
      await new Promise((r) => setTimeout(r, 500));
      const keys = sent().map((e) => items.find((it) => String(e.content['body']).includes(it.url))?.url ?? `unknown:${String(e.content['body']).slice(0, 40)}`);
      const counted = countDeliveries(GROUP, items.map((it) => it.url), keys);
      expect(counted).toEqual({ sent: N, duplicated: 0, lost: 0 });
    } finally {
      await workers?.close();
      await h.close();
    }
  }, 60_000);
});
