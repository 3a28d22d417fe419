// OPML in and out: readers' exports imported into the registry on the real Redis,
// exported again (also over GET /sources.opml) and imported into a fresh
// installation, giving the same sources. With a trial fetch, feeds that cannot be
// read are refused with the reason.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify from 'fastify';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Source } from '../../../src/core/types.js';
import { checkUrl } from '../../../src/feeds/check.js';
import { createFetcher, type Fetcher } from '../../../src/feeds/fetcher.js';
import { exportOpml } from '../../../src/sources/opml-export.js';
import { formatImportReport, importOpml } from '../../../src/sources/opml-import.js';
import { sourcesOpmlRoutes } from '../../../src/sources/opml-route.js';
import { createSourceRegistry } from '../../../src/sources/registry.js';
import { startFeedServer, type FeedServer } from '../../fakes/feed-server.js';
import { deleteByPrefix, testPrefix } from '../../helpers/redis.js';
import { rssFeed } from '../../helpers/rss.js';
import { newRedis, testLogger, yamlSource } from './setup.js';

const DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/opml');
const fixture = (name: string) => readFileSync(path.join(DIR, name), 'utf8');
const base = testPrefix('sources-opml');
const prefixes: string[] = [];
const fresh = (name: string) => {
  const p = `${base}-${name}`;
  prefixes.push(p);
  return p;
};
let redis: Redis;
const log = testLogger().log;
const essentials = (sources: Source[]) => sources.map((s) => ({ id: s.id, kind: s.kind, url: s.url, everyMs: s.everyMs, tags: s.tags, title: s.title, paused: s.paused }));

beforeAll(() => {
  redis = newRedis();
});

afterAll(async () => {
  redis.disconnect();
  for (const p of prefixes) await deleteByPrefix(p);
});

describe('importOpml on readers’ exports', () => {
  it('imports Feedly’s feeds with their folders as tags and skips nothing', async () => {
    const registry = createSourceRegistry({ redis, prefix: fresh('feedly'), configSources: [], log });
    const report = await importOpml(fixture('feedly.opml'), registry, { addedBy: 'cli' });
    expect(report.skipped).toEqual([]);
    expect(report.failed).toEqual([]);
    expect(essentials(await registry.list())).toEqual([
      { id: 'itu-news', kind: 'rss', url: 'https://www.itu.int/hub/feed/', everyMs: 900_000, tags: ['standards-bodies'], title: 'ITU News', paused: false },
      { id: 'ietf-blog', kind: 'rss', url: 'https://www.ietf.org/blog/feed/', everyMs: 900_000, tags: ['standards-bodies'], title: 'IETF Blog', paused: false },
      { id: 'deeplinks', kind: 'rss', url: 'https://www.eff.org/rss/updates.xml', everyMs: 900_000, tags: ['digital-rights'], title: 'Deeplinks', paused: false },
      { id: 'access-now', kind: 'rss', url: 'https://www.accessnow.org/feed/', everyMs: 900_000, tags: ['digital-rights'], title: 'Access Now', paused: false },
      { id: 'the-register-security', kind: 'rss', url: 'https://www.theregister.com/security/headlines.atom', everyMs: 900_000, tags: ['uncategorized'], title: 'The Register – Security', paused: false },
    ].sort((a, b) => a.id.localeCompare(b.id)));
  });

  it('skips Inoreader’s second copy of a feed filed in two folders, and an address the YAML already polls', async () => {
    const registry = createSourceRegistry({ redis, prefix: fresh('inoreader'), configSources: [yamlSource('article-19', 'https://www.article19.org/feed')], log });
    const report = await importOpml(fixture('inoreader.opml'), registry);
    expect(report.added.map((s) => s.id)).toEqual(['itu-news', 'ietf-liaison-statements']);
    expect(report.skipped).toEqual([
      { url: 'https://www.article19.org/feed/', title: 'Article 19', reason: 'already polled as article-19' },
      { url: 'https://www.itu.int/hub/feed/', title: 'ITU News', reason: 'already polled as itu-news' },
    ]);
    expect(formatImportReport(report)).toContain('Added 2 source(s); skipped 2; failed 0.');
  });

  it('refuses non-http addresses from a hostile file and adds nothing it cannot use', async () => {
    const registry = createSourceRegistry({ redis, prefix: fresh('hostile'), configSources: [], log });
    const report = await importOpml(fixture('hostile.opml'), registry, { dryRun: true });
    expect(report.added.map((s) => [s.id, s.url])).toEqual([['bomb-lol9-xxe', 'https://example.org/feed.xml']]);
    expect(report.skipped.map((s) => s.reason)).toEqual(['not an http(s) address', 'not an http(s) address']);
    expect(await registry.list()).toEqual([]);
  });

  for (const name of ['feedly.opml', 'inoreader.opml', 'netnewswire.opml', 'thunderbird.opml']) {
    it(`round-trips ${name}: import, export, import elsewhere gives the same sources`, async () => {
      const first = createSourceRegistry({ redis, prefix: fresh(`a-${name}`), configSources: [], log });
      await importOpml(fixture(name), first, { tags: ['imported'] });
      await first.setPaused((await first.list())[0]!.id, true);
      const exported = exportOpml(await first.list());
      const second = createSourceRegistry({ redis, prefix: fresh(`b-${name}`), configSources: [], log });
      const report = await importOpml(exported, second);
      expect(report.failed).toEqual([]);
      expect(essentials(await second.list())).toEqual(essentials(await first.list()));
      expect((await second.list()).every((s) => s.tags.includes('imported'))).toBe(true);
    });
  }

  it('keeps Thunderbird’s nested folders as two tags', async () => {
    const registry = createSourceRegistry({ redis, prefix: fresh('tb'), configSources: [], log });
    await importOpml(fixture('thunderbird.opml'), registry);
    expect((await registry.get('w3c-blog'))?.tags).toEqual(['standards', 'w3c']);
  });
});

describe('importOpml with a trial fetch', () => {
  let server: FeedServer;
  let fetcher: Fetcher;
  beforeAll(async () => {
    server = await startFeedServer();
    fetcher = createFetcher({ userAgent: 'standards-watch-test/0.1', allowHosts: ['127.0.0.1'], timeoutMs: 2_000 });
    server.set('/ok.xml', { body: rssFeed('Working Feed', [{ guid: 'x', title: 'Entry', description: 'd' }]), contentType: 'application/rss+xml' });
  });
  afterAll(async () => {
    await fetcher.close();
    await server.close();
  });

  it('adds the feeds that read, and refuses a missing one and a private address with the reason', async () => {
    const opml = `<?xml version="1.0"?><opml version="1.0"><head><title>t</title></head><body>
      <outline text="Local"><outline type="rss" xmlUrl="${server.url('/ok.xml')}"/>
      <outline type="rss" text="Gone" xmlUrl="${server.url('/gone.xml')}"/>
      <outline type="rss" text="Intranet" xmlUrl="http://192.168.1.10/feed.xml"/></outline></body></opml>`;
    const registry = createSourceRegistry({ redis, prefix: fresh('checked'), configSources: [], log });
    const report = await importOpml(opml, registry, { check: (url) => checkUrl(url, fetcher) });
    expect(report.added.map((s) => [s.id, s.title, s.tags])).toEqual([['working-feed', 'Working Feed', ['local']]]);
    expect(report.failed.map((f) => [f.title, f.problems.join(' ')])).toEqual([
      ['Gone', expect.stringContaining('HTTP 404')],
      ['Intranet', expect.stringContaining('private or local network')],
    ]);
  });
});

describe('GET /sources.opml', () => {
  it('serves every source as OPML that imports back', async () => {
    const registry = createSourceRegistry({ redis, prefix: fresh('route'), configSources: [yamlSource('itu-news', 'https://www.itu.int/hub/feed/', { title: 'ITU News' })], log });
    await registry.add({ id: 'eff', kind: 'rss', url: 'https://www.eff.org/rss/updates.xml', everyMs: 3_600_000, tags: [], fetchArticle: false });
    const app = Fastify();
    await app.register(sourcesOpmlRoutes, { list: () => registry.list() });
    try {
      const response = await app.inject({ method: 'GET', url: '/sources.opml' });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('text/x-opml; charset=utf-8');
      const copy = createSourceRegistry({ redis, prefix: fresh('route-copy'), configSources: [], log });
      await importOpml(response.body, copy);
      expect(essentials(await copy.list())).toEqual(essentials(await registry.list()).sort((a, b) => a.id.localeCompare(b.id)));
    } finally {
      await app.close();
    }
  });
});
