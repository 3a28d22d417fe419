// Fault: a source answers garbage, an empty body, HTML instead of XML and a
// truncated feed, then a good feed again. Health goes unhealthy with words,
// recovers, and the good feed's new items arrive (once each) at the Discord fake.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPipelineWorkers } from '../../src/app/pipeline.js';
import { emptyFilter } from '../../src/core/filter.js';
import type { Workers } from '../../src/jobs/workers.js';
import { startFeedServer, type FeedServer } from '../fakes/feed-server.js';
import { CHANNEL, startHarness, type Harness } from '../integration/discord/harness.js';
import { rssFeed, type TestEntry } from '../helpers/rss.js';
import { countDeliveries, printSummary, tally } from './helpers/tally.js';
import { until } from './helpers/wait.js';

const GROUP = 'broken feeds, then recovery';
let h: Harness;
let feeds: FeedServer;
let workers: Workers;
let runs = 0;

const TOPICS = [
  'The IETF working group on privacy pass adopted a draft on rate limited tokens for anonymous browsing.',
  'W3C published a candidate recommendation of the verifiable credentials data model with selective disclosure.',
  'A court in Buenos Aires suspended the facial recognition system of the city subway after a complaint.',
];

function entry(n: number, text: string): TestEntry {
  return { guid: `urn:bad-feeds:${n}`, title: `Story ${n}: ${text.split(' ').slice(0, 7).join(' ')}`, link: feeds.url(`/a/${n}`), description: text, pubDate: `Mon, 0${n} Jan 2024 10:00:00 GMT` };
}

async function poll(): Promise<void> {
  runs += 1;
  const job = await h.app.queues.poll.add('poll', { sourceId: 'flaky', force: true }, { jobId: `badfeeds-${runs}` });
  await until(`poll ${runs}`, async () => ['completed', 'failed'].includes(await h.app.queues.poll.getJobState(job.id!)), 15_000);
}

beforeAll(async () => {
  feeds = await startFeedServer();
  h = await startHarness('faults-bad-feeds', {
    extraConfig: `sources:\n  - id: flaky\n    kind: rss\n    url: ${'FEED_URL'}\n    title: Flaky news\nfetch:\n  allowHosts: ["127.0.0.1"]\n  timeout: 3s\n`.replace('FEED_URL', feeds.url('/feed.xml')),
  });
  await h.app.stores.subscriptions.add({ id: 'wbadfeeds', platform: 'discord', target: CHANNEL, personal: false, filter: emptyFilter(), mode: 'instant', timeZone: 'UTC', createdBy: 'u', createdAt: new Date().toISOString() });
  workers = startPipelineWorkers(h.app, {}, { poll: 1, enrich: 2, deliver: 2 });
});

afterAll(async () => {
  printSummary();
  await workers?.close();
  await h?.close();
  await feeds?.close();
});

describe('a source answering garbage, then a good feed', () => {
  it('marks the source unhealthy with the reason, keeps running, recovers and delivers the good feed once', async () => {
    const seed = entry(1, 'Seed story about the ITU council meeting in Geneva and its budget.');
    feeds.set('/feed.xml', { body: rssFeed('Flaky', [seed]), contentType: 'application/rss+xml' });
    await poll();
    expect((await h.app.stores.health.get('flaky'))?.healthy).toBe(true);

    const good = rssFeed('Flaky', [entry(2, TOPICS[0]!), entry(3, TOPICS[1]!), entry(4, TOPICS[2]!), seed]);
    const bad: [string, Parameters<FeedServer['set']>[1]][] = [
      ['garbage bytes', { body: randomBytes(4096), contentType: 'application/rss+xml' }],
      ['an empty body', { body: '', contentType: 'application/rss+xml' }],
      ['HTML instead of XML', { body: '<!doctype html><html><head><title>Oops</title></head><body><h1>Maintenance</h1><p>Back soon.</p></body></html>', contentType: 'text/html' }],
      ['a truncated feed', { body: good.slice(0, Math.floor(good.length / 2)), contentType: 'application/rss+xml' }],
    ];
    const errors: string[] = [];
    for (const [what, spec] of bad) {
      feeds.set('/feed.xml', spec);
      await poll();
      tally(GROUP).faults += 1;
      tally(GROUP).tried += 1;
      const health = await h.app.stores.health.get('flaky');
      expect(health?.lastError, `${what}: lastError`).toBeDefined();
      expect(health!.lastError!.message.length, `${what}: the reason in words`).toBeGreaterThan(10);
      if (health!.lastError) tally(GROUP).refused += 1;
      errors.push(`${what}: ${health!.lastError!.message}`);
    }
    const sick = await h.app.stores.health.get('flaky');
    expect(sick?.healthy).toBe(false);
    expect(sick?.consecutiveFailures).toBe(4);
    expect(h.logs.text).toContain('source is failing: marked unhealthy');
    expect(h.fake.messages).toHaveLength(0);
    console.info(`bad-feed reasons:\n  ${errors.join('\n  ')}`);

    feeds.set('/feed.xml', { body: good, contentType: 'application/rss+xml' });
    await poll();
    const well = await h.app.stores.health.get('flaky');
    expect(well?.healthy).toBe(true);
    expect(well?.consecutiveFailures).toBe(0);
    expect(h.logs.text).toContain('source recovered');
    await until('three alerts', () => h.fake.messages.length >= 3, 15_000);
    await poll(); // a repeat poll must not alert again
    await new Promise((r) => setTimeout(r, 1000));
    const expected = [2, 3, 4].map((n) => feeds.url(`/a/${n}`));
    const counted = countDeliveries(GROUP, expected, h.fake.messages.map((m) => m.embeds[0]?.url ?? ''));
    expect(counted).toEqual({ sent: 3, duplicated: 0, lost: 0 });
  }, 60_000);
});
