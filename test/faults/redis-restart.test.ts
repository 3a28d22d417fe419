// Fault: Redis (a real redis-server of this test's own, AOF with fsync always)
// is SIGKILLed in the middle of a poll/enrich/deliver burst and restarted on the
// same port and directory. The App reconnects by itself; every item is
// delivered exactly once, counted at the Discord fake.
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app/app.js';
import { startPipelineWorkers } from '../../src/app/pipeline.js';
import { buildConfig } from '../../src/config/load.js';
import { emptyFilter } from '../../src/core/filter.js';
import { syncPollSchedules } from '../../src/jobs/schedules.js';
import type { Workers } from '../../src/jobs/workers.js';
import { startFakeDiscord, type FakeDiscord } from '../fakes/discord/index.js';
import { startFeedServer, type FeedServer } from '../fakes/feed-server.js';
import { rssFeed, type TestEntry } from '../helpers/rss.js';
import { Capture } from '../helpers/streams.js';
import { startOwnRedis, type OwnRedis } from './helpers/redis-server.js';
import { countDeliveries, printSummary, tally } from './helpers/tally.js';
import { sleep, until } from './helpers/wait.js';

const GROUP = 'Redis SIGKILL + restart mid-burst';
const CHANNEL = '1400000000000000002';
const N = 30;
let redis: OwnRedis;
let fake: FakeDiscord;
let feeds: FeedServer;
let app: App;
let workers: Workers | undefined;
const logs = new Capture();

// Every story its own: random made-up words, so story clustering keeps them apart (one post each).
const SYL = ['ka', 'lo', 'mi', 'ru', 'te', 'zo', 'pa', 'ne', 'vi', 'su', 'do', 'ge', 'bo', 'fi', 'ha', 'ju'];
function word(seed: number): string {
  let w = '';
  for (let i = 0; i < 4; i++) {
    w += SYL[seed % SYL.length]!;
    seed = Math.floor(seed / SYL.length) + i * 7 + 3;
  }
  return w;
}
function entry(n: number): TestEntry {
  const words = Array.from({ length: 6 }, (_, k) => word(n * 997 + k * 131 + 17));
  return { guid: `urn:redis-restart:${n}`, title: words.slice(0, 4).join(' '), link: feeds.url(`/a/${n}`), description: words.join(' '), pubDate: new Date(Date.UTC(2024, 0, 1 + (n % 28), n % 24)).toUTCString() };
}

beforeAll(async () => {
  redis = await startOwnRedis();
  fake = await startFakeDiscord();
  fake.addGuild({ id: '1400000000000000001', name: 'Standards', channels: [{ id: CHANNEL, name: 'alerts' }] });
  feeds = await startFeedServer();
  feeds.set('/feed.xml', { body: rssFeed('Burst', [entry(0)]), contentType: 'application/rss+xml' });
  const config = buildConfig({
    env: { REDIS_URL: redis.url, REDIS_PREFIX: 'swfault', DISCORD_TOKEN: fake.token, DISCORD_APPLICATION_ID: fake.applicationId, DISCORD_API_URL: fake.apiUrl, LOG_LEVEL: 'warn' },
    documents: [{ name: 't.yaml', isDefault: false, text: `sources:\n  - id: burst\n    kind: rss\n    url: ${feeds.url('/feed.xml')}\n    every: 1s\nfetch:\n  allowHosts: ["127.0.0.1"]\n  timeout: 3s\nalerts:\n  maxPerHour: 1000\n` }],
  });
  app = await createApp({ config, log: pino({ level: 'info' }, logs), terminalStream: new Capture() });
  // The App's queues have no 'error' listener: BullMQ would print every reconnect attempt's stack.
  for (const name of ['poll', 'enrich', 'deliver', 'digest', 'remind'] as const) app.queues[name].on('error', () => undefined);
  await app.stores.subscriptions.add({ id: 'wredis', platform: 'discord', target: CHANNEL, personal: false, filter: emptyFilter(), mode: 'instant', timeZone: 'UTC', createdBy: 'u', createdAt: new Date().toISOString() });
});

afterAll(async () => {
  printSummary();
  await workers?.close().catch(() => undefined);
  await app?.close().catch(() => undefined);
  await fake?.close();
  await feeds?.close();
  await redis?.stop();
});

describe('Redis killed and restarted during a burst', () => {
  it('reconnects by itself and delivers every item exactly once', async () => {
    workers = startPipelineWorkers(app, {}, { poll: 2, enrich: 4, deliver: 4 });
    await syncPollSchedules(app.queues.poll, await app.listSources());
    await until('the seeding poll', async () => (await app.stores.health.get('burst'))?.seeded === true, 15_000);

    // A burst: N new items appear at once; the scheduler polls every second.
    const entries = Array.from({ length: N }, (_, i) => entry(i + 1));
    feeds.set('/feed.xml', { body: rssFeed('Burst', [...entries, entry(0)]), contentType: 'application/rss+xml' });
    // Kill Redis while the burst is being polled, enriched and delivered.
    await until('the burst under way', () => fake.messages.length >= 3 || feeds.hits('/feed.xml') >= 3, 15_000, 5);
    const sentBeforeKill = fake.messages.length;
    await redis.kill();
    tally(GROUP).faults += 1;
    await sleep(1500);
    await redis.start();

    const expected = entries.map((e) => e.link!);
    await until(`${N} alerts after the restart`, () => new Set(fake.messages.map((m) => m.embeds[0]?.url)).size >= N, 45_000, 100).catch(async (err) => {
      const c = await app.queues.enrich.getJobCounts();
      const d = await app.queues.deliver.getJobCounts();
      throw new Error(`${(err as Error).message}; ${fake.messages.length} messages (${sentBeforeKill} before the kill); enrich ${JSON.stringify(c)} deliver ${JSON.stringify(d)}\n${logs.text.slice(-3000)}`);
    });
    await sleep(2500); // more polls run meanwhile: give a duplicate every chance
    const counted = countDeliveries(GROUP, expected, fake.messages.map((m) => m.embeds[0]?.url ?? ''));
    console.info(`redis restart: ${sentBeforeKill} sent before the kill, ${fake.messages.length} in all`);
    expect(counted).toEqual({ sent: N, duplicated: 0, lost: 0 });
  }, 80_000);
});
