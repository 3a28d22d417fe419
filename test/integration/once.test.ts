// The foundation end to end: `standards-watch once --json` against a local feed
// server, on the real Redis, through real BullMQ workers.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/main.js';
import { startFeedServer, type FeedServer } from '../fakes/feed-server.js';
import { deleteByPrefix, testPrefix, TEST_REDIS_URL } from '../helpers/redis.js';
import { rssFeed, type TestEntry } from '../helpers/rss.js';
import { Capture } from '../helpers/streams.js';

const prefix = testPrefix('once');
let server: FeedServer;
let configFile: string;

function entry(n: number, server: FeedServer, extra: Partial<TestEntry> = {}): TestEntry {
  return {
    guid: `urn:test:${n}`,
    title: `Item ${n}: ITU-T focus group on metaverse debates digital identity`,
    link: server.url(`/articles/${n}`),
    description:
      `Story number ${n}. China Mobile proposed to the ITU-T Focus Group on metaverse (FG-MV) a digital identity system for every user. ` +
      'The proposal would store natural and social characteristics permanently and share them with police. ' +
      'Experts compared the plan to a social credit system and warned about surveillance and privacy.',
    pubDate: `Mon, 0${1 + (n % 8)} Jan 2024 10:00:00 GMT`,
    ...extra,
  };
}

async function once(extraArgs: string[] = []) {
  const stdout = new Capture();
  const stderr = new Capture();
  const code = await main(['once', '--json', '--no-default-sources', '--config', configFile, ...extraArgs], { REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: prefix, LOG_LEVEL: 'warn' }, { stdout, stderr });
  return { code, stdout, stderr, json: stdout.lines().map((l) => JSON.parse(l)) };
}

beforeAll(async () => {
  server = await startFeedServer();
  server.set('/feed.xml', { body: rssFeed('Test news', [1, 2, 3].map((n) => entry(n, server))), contentType: 'application/rss+xml' });
  const dir = await mkdtemp(path.join(tmpdir(), 'sw-once-'));
  configFile = path.join(dir, 'config.yaml');
  await writeFile(
    configFile,
    `sources:\n  - id: test-news\n    kind: rss\n    url: ${server.url('/feed.xml')}\n    every: 1m\n    tags: [press]\nfetch:\n  allowHosts: ["127.0.0.1"]\n`,
  );
});

afterAll(async () => {
  await server.close();
  await deleteByPrefix(prefix);
});

describe('once --json', () => {
  it('stores a new source\'s items, prints one JSON line each, and alerts nobody on the first poll', async () => {
    const run = await once();
    expect(run.code).toBe(0);
    expect(run.json).toHaveLength(3);
    const first = run.json[0];
    expect(Object.keys(first)).toEqual(['id', 'source', 'url', 'title', 'published', 'summary', 'tags', 'groups', 'entities', 'score', 'story']);
    expect(first.source).toBe('test-news');
    expect(first.id).toMatch(/^i[0-9a-f]{16}$/);
    expect(first.tags).toEqual(expect.arrayContaining(['digital-identity', 'metaverse', 'press']));
    expect(first.groups).toContain('itu-t-fg-mv');
    expect(first.summary).toMatch(/China Mobile/);
    expect(first.score).toBeGreaterThan(0.5);
    // First poll: a one-line summary per source on stderr, and no alert.
    expect(run.stderr.text).toMatch(/test-news: first poll — stored 3 items/);
    expect(run.stderr.text).not.toContain('▶');
  });

  it('prints nothing on a second run over the same feed', async () => {
    const run = await once();
    expect(run.code).toBe(0);
    expect(run.json).toEqual([]);
  });

  it('prints only the new item when the feed changes, and alerts the terminal about it', async () => {
    server.set('/feed.xml', {
      body: rssFeed('Test news', [4, 1, 2, 3].map((n) => entry(n, server, n === 4 ? { title: 'Item 4: W3C publishes a new privacy principles note', description: 'The W3C Technical Architecture Group published privacy principles for the web platform, covering tracking, consent and surveillance by third parties. It asks specification authors to review their features. The note follows years of discussion in the privacy interest group.' } : {}))),
      contentType: 'application/rss+xml',
    });
    const run = await once();
    expect(run.json.map((i: { title: string }) => i.title)).toEqual(['Item 4: W3C publishes a new privacy principles note']);
    expect(run.stderr.text).toContain('▶ Item 4: W3C publishes a new privacy principles note');
  });

  it('keeps ids stable when a feed without GUIDs adds tracking parameters to its links', async () => {
    const noGuid = (n: number, query = '') => entry(n + 10, server, { guid: undefined, link: `${server.url(`/articles/${n + 10}`)}${query}` });
    server.set('/feed.xml', { body: rssFeed('Test news', [noGuid(1), noGuid(2)]), contentType: 'application/rss+xml' });
    const run1 = await once();
    expect(run1.json).toHaveLength(2);
    server.set('/feed.xml', { body: rssFeed('Test news', [noGuid(1, '?utm_source=rss&utm_medium=feed#top'), noGuid(2, '?utm_campaign=x')]), contentType: 'application/rss+xml' });
    const run2 = await once();
    expect(run2.json).toEqual([]);
  });
});
