// `sources list|add|remove|pause|resume` through the command core (runTokens), on
// the real Redis, with the trial fetch going through the real safe fetcher to a
// local feed server. A second registry stands for another process.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { runTokens } from '../../../src/bot/commands/dispatch.js';
import { tokenize } from '../../../src/bot/commands/parse-text.js';
import { commands } from '../../../src/bot/commands/registry.js';
import { messageToPlainText, type Message } from '../../../src/core/message.js';
import { createFetcher, type Fetcher } from '../../../src/feeds/fetcher.js';
import { createRedisHealthStore } from '../../../src/store/health-store.js';
import { createKeys } from '../../../src/store/keys.js';
import { startFeedServer, type FeedServer } from '../../fakes/feed-server.js';
import { deleteByPrefix, testPrefix } from '../../helpers/redis.js';
import { rssFeed } from '../../helpers/rss.js';
import { newRedis, startProcess, testLogger, yamlSource, type Process } from './setup.js';

const prefix = testPrefix('sources-cmd');
let server: FeedServer;
let fetcher: Fetcher;
let redis: Redis;
let one: Process;
let two: Process;
const logs = testLogger();

const run = (p: Process, text: string, operator = true): Promise<Message> => runTokens(commands, tokenize(text), p.ctx({ operator }), logs.log);
const plain = (m: Message) => messageToPlainText(m);

beforeAll(async () => {
  server = await startFeedServer();
  server.set('/news.xml', {
    body: rssFeed('Standards Weekly', [
      { guid: 'a', title: 'ITU-T study group meets in Geneva', link: 'https://example.org/a', description: 'x', pubDate: 'Mon, 02 Nov 2026 10:00:00 GMT' },
      { guid: 'b', title: 'IETF 125 agenda published', link: 'https://example.org/b', description: 'y', pubDate: 'Tue, 03 Nov 2026 10:00:00 GMT' },
    ]),
    contentType: 'application/rss+xml',
  });
  server.set('/page.html', { body: '<html><head><title>Just a page</title></head><body><p>hello</p></body></html>', contentType: 'text/html' });
  server.set('/image.png', { body: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]), contentType: 'image/png' });
  fetcher = createFetcher({ userAgent: 'standards-watch-test/0.1', allowHosts: ['127.0.0.1'], timeoutMs: 2_000 });
  redis = newRedis();
  const configSources = [yamlSource('itu-news', 'https://www.itu.int/hub/feed/')];
  one = startProcess(redis, prefix, configSources, fetcher, logs.log);
  two = startProcess(redis, prefix, configSources, fetcher, logs.log);
});

afterAll(async () => {
  await fetcher.close();
  await server.close();
  redis.disconnect();
  await deleteByPrefix(prefix);
});

describe('sources add', () => {
  it('refuses a non-operator without fetching anything', async () => {
    const before = server.hits('/news.xml');
    const answer = await run(one, `sources add ${server.url('/news.xml')}`, false);
    expect(answer.kind).toBe('error');
    expect(answer.text).toMatch(/Only operators can manage sources/);
    expect(server.hits('/news.xml')).toBe(before);
    expect((await one.registry.list()).map((s) => s.id)).toEqual(['itu-news']);
  });

  it('fetches the feed once, says what it found, and stores it with its tags and interval', async () => {
    const answer = await run(one, `sources add ${server.url('/news.xml')} tags:itu,Press every:30m`);
    expect(answer.kind).toBe('answer');
    expect(answer.title).toBe('Source added: Standards Weekly');
    expect(answer.text).toBe('Added standards-weekly: rss, polled every 30m, tagged itu, press. Found 2 entries.');
    expect(answer.sections?.[0]?.lines.map((l) => l.text)).toEqual(['ITU-T study group meets in Geneva', 'IETF 125 agenda published']);
    expect(server.hits('/news.xml')).toBe(1);
    const stored = await one.registry.get('standards-weekly');
    expect(stored).toMatchObject({ id: 'standards-weekly', kind: 'rss', url: server.url('/news.xml'), everyMs: 1_800_000, tags: ['itu', 'press'], origin: 'runtime', paused: false });
  });

  it('is seen at once by another process', async () => {
    expect((await two.registry.get('standards-weekly'))?.url).toBe(server.url('/news.xml'));
    const answer = await run(two, 'sources list', false);
    expect(plain(answer)).toContain('standards-weekly (rss, every 30m)');
    expect(plain(answer)).toContain('added at run time');
  });

  it('refuses an address already polled, naming the source, without fetching it again', async () => {
    const answer = await run(two, `sources add ${server.url('/news.xml')} id:again`);
    expect(answer.kind).toBe('error');
    expect(answer.text).toBe('That address is already polled as "standards-weekly".');
    expect(server.hits('/news.xml')).toBe(1);
  });

  it('refuses a web page that is not a feed, with the problem in words', async () => {
    const answer = await run(one, `sources add ${server.url('/page.html')}`);
    expect(answer.kind).toBe('error');
    expect(answer.text).toContain(`Not added: ${server.url('/page.html')}`);
    expect(answer.text).toContain('A plain web page needs kind "html" with CSS selectors');
    const png = await run(one, `sources add ${server.url('/image.png')}`);
    expect(png.text).toMatch(/It is not a feed, calendar or web page we can read \(Content-Type: image\/png\)/);
    expect((await one.registry.list()).map((s) => s.id)).toEqual(['itu-news', 'standards-weekly']);
  });

  it('refuses a private address before connecting', async () => {
    const answer = await run(one, 'sources add http://10.1.2.3/feed.xml');
    expect(answer.kind).toBe('error');
    expect(answer.text).toContain('the address points into a private or local network, which is not allowed');
    const metadata = await run(one, 'sources add http://169.254.169.254/latest/meta-data/');
    expect(metadata.text).toContain('private or local network');
  });

  it('refuses an interval below one minute and an id that clashes with a YAML source', async () => {
    expect((await run(one, `sources add ${server.url('/news.xml')} every:10s`)).text).toMatch(/every: at least 1m/);
    server.set('/other.xml', { body: rssFeed('Other', [{ guid: 'o', title: 'Other item', description: 'z' }]), contentType: 'application/rss+xml' });
    const clash = await run(one, `sources add ${server.url('/other.xml')} id:itu-news`);
    expect(clash.text).toBe('There is already a source "itu-news"; choose another id (id:…).');
    expect(server.hits('/other.xml')).toBe(0);
  });
});

describe('sources list, pause, resume, remove', () => {
  it('lists each source with kind, interval, health in words and items seen', async () => {
    const health = createRedisHealthStore(redis, createKeys(prefix));
    await health.set({
      sourceId: 'itu-news',
      lastSuccess: '2026-11-20T08:00:00.000Z',
      lastError: { kind: 'http-status', message: 'the server answered with an error (HTTP 503 — service unavailable)', at: '2026-11-23T09:00:00.000Z' },
      consecutiveFailures: 4,
      itemsSeen: 37,
      healthy: false,
      seeded: true,
    });
    const answer = await run(one, 'sources list', false);
    expect(answer.text).toBe('2 sources, 1 failing.');
    const line = answer.sections?.[0]?.lines.find((l) => l.text.startsWith('itu-news'));
    expect(line?.text).toBe('itu-news (rss, every 15m)');
    expect(line?.detail).toBe(
      'FAILING, 4 failed polls in a row · last success 2026-11-20 08:00 UTC · last error 2026-11-23 09:00 UTC: the server answered with an error (HTTP 503 — service unavailable) · 37 items seen',
    );
    expect(answer.sections?.[0]?.lines[1]?.detail).toBe('not polled yet · added at run time');
  });

  it('pauses and resumes a YAML source for every process, and refuses non-operators', async () => {
    expect((await run(one, 'sources pause itu-news', false)).kind).toBe('error');
    const paused = await run(one, 'sources pause itu-news');
    expect(paused.text).toBe('Paused itu-news: it is not polled until "sources resume itu-news".');
    expect((await two.registry.get('itu-news'))?.paused).toBe(true);
    expect((await run(two, 'sources pause itu-news')).text).toBe('itu-news is already paused.');
    expect(plain(await run(two, 'sources list'))).toContain('2 sources, 1 failing, 1 paused.');
    const resumed = await run(two, 'sources resume itu-news');
    expect(resumed.text).toBe('Resumed itu-news: it is polled again every 15m.');
    expect((await one.registry.get('itu-news'))?.paused).toBe(false);
  });

  it('will not remove a YAML source, and says to pause it instead', async () => {
    const answer = await run(one, 'sources remove itu-news');
    expect(answer.text).toBe('"itu-news" comes from the YAML config: remove it there, or pause it here ("sources pause itu-news").');
  });

  it('removes a source added at run time, for every process', async () => {
    expect((await run(one, 'sources remove standards-weekly', false)).kind).toBe('error');
    const answer = await run(one, 'sources remove standards-weekly');
    expect(answer.text).toBe(`Removed standards-weekly (${server.url('/news.xml')}). Items already stored stay searchable.`);
    expect(await two.registry.get('standards-weekly')).toBeUndefined();
    expect((await run(two, 'sources remove standards-weekly')).text).toBe('There is no source "standards-weekly". "sources list" shows them.');
  });

  it('answers a process without the sources admin capability with a refusal, not a crash', async () => {
    const bare = startProcess(redis, prefix, [], undefined, logs.log);
    const answer = await run(bare, `sources add ${server.url('/news.xml')}`);
    expect(answer.kind).toBe('error');
    expect(answer.text).toMatch(/Sources cannot be changed from here/);
  });
});
