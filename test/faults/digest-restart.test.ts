// Fault: the bot is down when a daily digest comes due. Its BullMQ scheduler's
// queued run comes due while no worker runs; then a new App comes up the way
// `start` does (digest schedules re-synced, workers started). The digest must
// go out once, carrying what was matched before the restart. And one period's
// digest job run twice, by two workers at once, sends once.
import { afterAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app/app.js';
import { startPipelineWorkers } from '../../src/app/pipeline.js';
import { digestPeriod } from '../../src/core/digest/period.js';
import { emptyFilter } from '../../src/core/filter.js';
import type { Item, Subscription } from '../../src/core/types.js';
import { syncDigestSchedules } from '../../src/jobs/digest-schedules.js';
import { jobIds } from '../../src/jobs/queues.js';
import type { Workers } from '../../src/jobs/workers.js';
import { startFakeDiscord, type FakeDiscord } from '../fakes/discord/index.js';
import { deleteByPrefix, testPrefix } from '../helpers/redis.js';
import { CHANNEL, GUILD, testItem } from '../integration/discord/harness.js';
import { discordApp } from './helpers/restartable-app.js';
import { countDeliveries, printSummary, tally } from './helpers/tally.js';
import { sleep, until } from './helpers/wait.js';

const GROUP = 'digest due across a restart';
const DAY = 86_400_000;

afterAll(() => printSummary());

async function digestQueueIdle(app: App): Promise<boolean> {
  const c = await app.queues.digest.getJobCounts('waiting', 'active', 'prioritized');
  const delayed = await app.queues.digest.getDelayed();
  return Object.values(c).every((n) => n === 0) && delayed.every((j) => j.timestamp + (j.delay ?? 0) > Date.now() + 60_000);
}

async function store(app: App, n: number, label: string): Promise<Item[]> {
  const items: Item[] = [];
  for (let i = 0; i < n; i++) {
    const item = testItem({ storyId: `${label}-${i}-${Date.now()}` });
    await app.stores.items.addIfNew(item);
    await app.stores.items.saveEnriched(item);
    items.push(item);
  }
  return items;
}

const channelMessages = (fake: FakeDiscord) => fake.messages.filter((m) => m.channel_id === CHANNEL);
const mentionsAll = (text: string, items: Item[]) => items.every((it) => text.includes(it.url));

describe('a digest due while the bot is down', () => {
  it('is sent exactly once by the restarted App, with the items matched before the restart; a run twice by two workers sends once', async () => {
    const fake = await startFakeDiscord();
    fake.addGuild({ id: GUILD, name: 'Standards', channels: [{ id: CHANNEL, name: 'alerts' }] });
    const prefix = testPrefix('faults-digest-restart');
    const apps: App[] = [];
    const workers: Workers[] = [];
    try {
      // Before: an App with no workers (the bot role only) sets up a daily digest and matches items.
      const before = await discordApp(fake, prefix);
      apps.push(before);
      const sub: Subscription = {
        id: 'dfaultrestart',
        platform: 'discord',
        target: CHANNEL,
        personal: false,
        filter: { ...emptyFilter(), tags: ['digital-identity'] },
        mode: 'daily',
        at: '09:00',
        timeZone: 'Europe/Brussels',
        createdBy: 'u',
        createdAt: new Date(Date.now() - 3 * DAY).toISOString(),
      };
      await before.stores.subscriptions.add(sub);
      await before.services.digests!.schedule(sub);
      const matched = await store(before, 3, 'before-restart');
      await before.digestStore.recordMatches(matched.map((it) => ({ subscriptionId: sub.id, itemId: it.id })), Date.now());

      // The scheduler's queued run comes due while no worker runs (its time is brought forward to now).
      const scheduler = await before.queues.digest.getJobScheduler(jobIds.digestScheduler(sub.id));
      const due = await before.queues.digest.getJob(`repeat:${jobIds.digestScheduler(sub.id)}:${scheduler!.next}`);
      expect(due, 'the scheduler queued its next run').toBeDefined();
      await due!.changeDelay(0);
      await before.close();
      apps.pop();
      tally(GROUP).faults += 1;
      await sleep(300);
      expect(channelMessages(fake)).toHaveLength(0);

      // Restart: schedules re-synced as `start` does, then the workers come up.
      const after = await discordApp(fake, prefix);
      apps.push(after);
      await syncDigestSchedules(after.queues.digest, await after.stores.subscriptions.all());
      workers.push(startPipelineWorkers(after, {}, { poll: 1, enrich: 1, deliver: 1 }));
      await until('the due digest sent', () => channelMessages(fake).length >= 1, 15_000);
      await until('the digest queue idle', () => digestQueueIdle(after), 10_000);
      await sleep(700);
      const firstRun = channelMessages(fake);
      countDeliveries(GROUP, ['restart'], firstRun.map(() => 'restart'));
      expect(firstRun).toHaveLength(1);
      expect(mentionsAll(JSON.stringify(firstRun[0]), matched)).toBe(true);
      const period = digestPeriod(sub, scheduler!.next!);
      expect((await after.stores.deliveries.get(sub.id, `digest-${period}`))?.status).toBe('sent');
      expect(await after.digestStore.pending(sub.id)).toEqual([]);
      // The scheduler lives on: its next run is the following day's.
      const nextScheduler = await after.queues.digest.getJobScheduler(jobIds.digestScheduler(sub.id));
      expect(nextScheduler!.next! - scheduler!.next!).toBeGreaterThanOrEqual(DAY - 3_600_000);

      // The next period's run, queued twice, with two worker processes taking jobs at once.
      const second = await discordApp(fake, prefix);
      apps.push(second);
      workers.push(startPipelineWorkers(second, {}, { poll: 1, enrich: 1, deliver: 1 }));
      const later = await store(after, 2, 'next-day');
      await after.digestStore.recordMatches(later.map((it) => ({ subscriptionId: sub.id, itemId: it.id })), Date.now());
      const firedAt = scheduler!.next! + DAY;
      await after.queues.digest.addBulk([0, 1].map(() => ({ name: 'digest', data: { subscriptionId: sub.id, firedAt } })));
      tally(GROUP).faults += 1;
      await until('the second digest sent', () => channelMessages(fake).length >= 2, 15_000);
      await until('both runs done', async () => (await after.queues.digest.getJobCounts('completed'))['completed']! >= 3 && (await digestQueueIdle(after)), 10_000);
      await sleep(700);
      const secondRun = channelMessages(fake).slice(1);
      countDeliveries(GROUP, ['double-run'], secondRun.map(() => 'double-run'));
      expect(secondRun).toHaveLength(1);
      const text = JSON.stringify(secondRun[0]);
      expect(mentionsAll(text, later)).toBe(true);
      expect(matched.some((it) => text.includes(it.url))).toBe(false);
    } finally {
      for (const w of workers) await w.close();
      for (const app of apps) await app.close();
      await fake.close();
      await deleteByPrefix(prefix);
    }
  }, 60_000);
});
