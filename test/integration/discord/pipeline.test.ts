// The whole way: a feed changes → poll → enrich → deliver, on real BullMQ
// workers and Redis → one Discord message per subscribed channel, through the
// real sink, with the feed's text defused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPipelineWorkers } from '../../../src/app/pipeline.js';
import type { Subscription } from '../../../src/core/types.js';
import type { Workers } from '../../../src/jobs/workers.js';
import { startFeedServer, type FeedServer } from '../../fakes/feed-server.js';
import { rssFeed, type TestEntry } from '../../helpers/rss.js';
import { CHANNEL, MEMBER, startHarness, type Harness } from './harness.js';

let h: Harness;
let feeds: FeedServer;
let workers: Workers | undefined;

function entry(n: number, title: string): TestEntry {
  return {
    guid: `urn:pipeline:${n}`,
    title,
    link: feeds.url(`/articles/${n}`),
    description:
      'China Mobile proposed to the ITU-T Focus Group on metaverse (FG-MV) a digital identity system for every user. ' +
      'Experts compared the plan to a social credit system and warned about surveillance and privacy.',
    pubDate: `Mon, 0${n} Jan 2024 10:00:00 GMT`,
  };
}

async function pollNow(runId: string) {
  const job = await h.app.queues.poll.add('poll', { sourceId: 'local-news', force: true }, { jobId: `pipeline-${runId}` });
  await expect.poll(async () => h.app.queues.poll.getJobState(job.id!), { timeout: 10_000 }).toBe('completed');
}

beforeAll(async () => {
  feeds = await startFeedServer();
  feeds.set('/feed.xml', { body: rssFeed('Local news', [entry(1, 'FG-MV meets on digital identity')]), contentType: 'application/rss+xml' });
  h = await startHarness('pipeline', {
    extraConfig: `sources:\n  - id: local-news\n    kind: rss\n    url: ${feeds.url('/feed.xml')}\n    title: Local news\n    tags: [surveillance]\nfetch:\n  allowHosts: ["127.0.0.1"]\n`,
  });
  const sub: Subscription = {
    id: 'wpipeline1',
    platform: 'discord',
    target: CHANNEL,
    personal: false,
    filter: { tags: ['digital-identity'], keywords: [], groups: [], sources: [], minScore: 0 },
    mode: 'instant',
    timeZone: 'UTC',
    createdBy: MEMBER,
    createdAt: '2024-01-01T00:00:00.000Z',
  };
  await h.app.stores.subscriptions.add(sub);
  workers = startPipelineWorkers(h.app);
});

afterAll(async () => {
  await workers?.close();
  await h?.close();
  await feeds?.close();
});

describe('feed to Discord', () => {
  it('alerts nobody on the first poll, then posts one defused embed for a new item that matches', async () => {
    await pollNow('seed');
    expect(h.fake.messages).toHaveLength(0);
    feeds.set('/feed.xml', {
      body: rssFeed('Local news', [entry(2, 'Digital identity @everyone: [vote](https://evil.example/) on FG-MV'), entry(1, 'FG-MV meets on digital identity')]),
      contentType: 'application/rss+xml',
    });
    await pollNow('second');
    await expect.poll(() => h.fake.messages.length, { timeout: 10_000 }).toBe(1);
    const [message] = h.fake.messages;
    expect(message!.channel_id).toBe(CHANNEL);
    expect(message!.allowed_mentions).toEqual({ parse: [] });
    expect(message!.embeds[0]!.title).toBe('Digital identity @\u200beveryone: \\[vote\\](https://evil.example/) on FG-MV');
    expect(message!.embeds[0]!.url).toBe(feeds.url('/articles/2'));
    expect(message!.embeds[0]!.fields?.find((f) => f.name === 'Source')?.value).toBe('Local news');
    expect(message!.embeds[0]!.timestamp).toBe('2024-01-02T10:00:00.000Z');
  });
});
