// The routes through fastify's inject, over in-memory deps (no sockets, no Redis).
import { Writable } from 'node:stream';
import { pino } from 'pino';
import Parser from 'rss-parser';
import { describe, expect, it } from 'vitest';
import { buildHttpApp } from '../../../src/http/app.js';
import { fakeDeps, item, NOW, source } from './fake-deps.js';

const parser = new Parser();

describe('health and readiness', () => {
  it('answers /healthz while the process is up', async () => {
    const app = await buildHttpApp(fakeDeps({}, { readiness: { redis: () => ({ ok: false, detail: 'down' }) } }));
    const res = await app.inject('/healthz');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok', version: '0.1.0' });
  });

  it('is ready when every check passes', async () => {
    const app = await buildHttpApp(fakeDeps({}, { readiness: { redis: () => ({ ok: true }), workers: async () => ({ ok: true }) } }));
    const res = await app.inject('/readyz');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ready', ready: true, notReady: [], checks: { redis: { ok: true }, workers: { ok: true } } });
  });

  it('answers 503 naming the parts that are not ready: failed, thrown and too slow checks', async () => {
    const app = await buildHttpApp(
      fakeDeps(
        {},
        {
          checkTimeoutMs: 100,
          readiness: {
            redis: () => ({ ok: true }),
            workers: async () => ({ ok: false, detail: 'no worker on queue enrich' }),
            discord: async () => {
              throw new Error('gateway closed');
            },
            matrix: () => new Promise(() => undefined),
          },
        },
      ),
    );
    const res = await app.inject('/readyz');
    expect(res.statusCode).toBe(503);
    const body = res.json();
    expect(body.status).toBe('not ready');
    expect(body.notReady).toEqual(['workers', 'discord', 'matrix']);
    expect(body.checks.workers).toEqual({ ok: false, detail: 'no worker on queue enrich' });
    expect(body.checks.discord).toEqual({ ok: false, detail: 'gateway closed' });
    expect(body.checks.matrix).toEqual({ ok: false, detail: 'no answer within 100 ms' });
    expect(body.checks.redis).toEqual({ ok: true });
  });
});

describe('readiness logging', () => {
  it('logs when the set of unready parts changes, not on every probe', async () => {
    const lines: string[] = [];
    const log = pino({ level: 'info' }, new Writable({ write: (chunk, _e, cb) => (lines.push(String(chunk)), cb()) }));
    let redisUp = false;
    const app = await buildHttpApp(fakeDeps({}, { log, readiness: { redis: () => (redisUp ? { ok: true } : { ok: false, detail: 'ECONNREFUSED' }) } }));
    for (let i = 0; i < 3; i++) expect((await app.inject('/readyz')).statusCode).toBe(503);
    redisUp = true;
    for (let i = 0; i < 3; i++) expect((await app.inject('/readyz')).statusCode).toBe(200);
    const messages = lines.map((l) => JSON.parse(l) as { msg: string }).map((l) => l.msg).filter((m) => m === 'not ready' || m === 'ready');
    expect(messages).toEqual(['not ready', 'ready']);
  });
});

describe('metrics route', () => {
  it('serves the registry in the Prometheus text format', async () => {
    const deps = fakeDeps();
    deps.metrics.watchQueues(deps.queueCounts);
    deps.metrics.pollResult('news', 'not-modified', 0);
    const app = await buildHttpApp(deps);
    const res = await app.inject('/metrics');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(res.body).toContain('sw_polls_total{source="news",status="not-modified"} 1');
    expect(res.body).toContain('sw_queue_jobs{queue="enrich",state="waiting"} 4');
  });
});

describe('Atom feeds', () => {
  const items = [
    item(1, { tags: ['surveillance', 'digital-identity'], groups: ['itu-t-fg-mv'] }),
    item(2, { tags: ['surveillance'] }),
    item(3, { tags: ['press'], enriched: false }),
    item(4, { tags: ['digital-identity'], published: new Date(NOW.getTime() - 60_000).toISOString() }),
  ];

  it('serves every enriched item newest first at /feed.xml', async () => {
    const app = await buildHttpApp(fakeDeps({ items }));
    const res = await app.inject('/feed.xml');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    const feed = await parser.parseString(res.body);
    expect(feed.items.map((i) => i.title)).toEqual(['Item 4', 'Item 1', 'Item 2']);
    expect(feed.feedUrl).toBe('https://watch.example.org/feed.xml');
  });

  it('serves one tag and one group, with their own ids and self links', async () => {
    const app = await buildHttpApp(fakeDeps({ items }));
    const tag = await app.inject('/tags/digital-identity/feed.xml');
    expect(tag.statusCode).toBe(200);
    const tagFeed = await parser.parseString(tag.body);
    expect(tagFeed.title).toBe('standards-watch — Digital identity');
    expect(tagFeed.feedUrl).toBe('https://watch.example.org/tags/digital-identity/feed.xml');
    expect(tagFeed.items.map((i) => i.title)).toEqual(['Item 4', 'Item 1']);
    expect(tag.body).toContain('<id>tag:watch.example.org,2024:feed/tag/digital-identity</id>');

    const group = await app.inject('/groups/itu-t-fg-mv/feed.xml');
    expect(group.statusCode).toBe(200);
    const groupFeed = await parser.parseString(group.body);
    expect(groupFeed.title).toBe('standards-watch — ITU-T Focus Group on metaverse');
    expect(groupFeed.items.map((i) => i.title)).toEqual(['Item 1']);
  });

  it('accepts a tag that only a source gives, and answers 404 for unknown tags and groups', async () => {
    const app = await buildHttpApp(fakeDeps({ items, sources: [source('news', { tags: ['press'] })] }));
    expect((await app.inject('/tags/press/feed.xml')).statusCode).toBe(200);
    expect((await app.inject('/tags/no-such-tag/feed.xml')).statusCode).toBe(404);
    expect((await app.inject('/tags/%3Cscript%3E/feed.xml')).statusCode).toBe(404);
    expect((await app.inject('/groups/no-such-group/feed.xml')).statusCode).toBe(404);
  });

  it('answers 304 to a reader that already has the current feed', async () => {
    const app = await buildHttpApp(fakeDeps({ items }));
    const first = await app.inject('/feed.xml');
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    const again = await app.inject({ url: '/feed.xml', headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
  });
});

describe('status page route', () => {
  it('renders sources with their health, recent items, upcoming meetings and queue depths', async () => {
    const deps = fakeDeps({
      items: [item(1, { title: 'Metaverse ID <b>plan</b>' })],
      sources: [source('news', { title: 'News' }), source('broken', { title: 'Broken feed' })],
      health: [
        { sourceId: 'news', lastSuccess: new Date(NOW.getTime() - 120_000).toISOString(), consecutiveFailures: 0, itemsSeen: 12, healthy: true, seeded: true },
        { sourceId: 'broken', lastError: { kind: 'http-status', message: 'HTTP 500', at: NOW.toISOString() }, lastAttempt: NOW.toISOString(), consecutiveFailures: 4, itemsSeen: 0, healthy: false, seeded: false },
      ],
      meetings: [
        { id: 'm1', groupId: 'itu-t-fg-mv', title: '4th meeting', start: '2024-03-11', end: '2024-03-15', allDay: true, timeZone: 'Europe/Zurich', location: 'Geneva', deadlines: [{ kind: 'contributions', at: '2024-03-01' }], origin: 'config' },
        { id: 'm0', groupId: 'itu-t-fg-mv', title: 'past meeting', start: '2024-01-11', end: '2024-01-12', allDay: true, timeZone: 'Europe/Zurich', deadlines: [], origin: 'config' },
      ],
    });
    const app = await buildHttpApp(deps);
    const res = await app.inject('/');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    const html = res.body;
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(html).toMatch(/data-source="broken" data-state="failing"/);
    expect(html).toMatch(/data-source="news" data-state="ok"/);
    expect(html).toContain('1 source is failing.');
    expect(html).toContain('2 min ago');
    expect(html).toContain('Metaverse ID &lt;b&gt;plan&lt;/b&gt;');
    expect(html).toContain('11–15 Mar 2024');
    expect(html).not.toContain('past meeting');
    expect(html).toMatch(/data-queue="enrich"><td>enrich<\/td><td class="num">4<\/td><td class="num">2<\/td><td class="num">0<\/td><td class="num">1<\/td>/);
    expect(html).not.toContain('<script');
  });

  it('still renders when a part cannot be read, and says that part is unavailable', async () => {
    const lines: string[] = [];
    const log = pino({ level: 'warn' }, new Writable({ write: (chunk, _e, cb) => (lines.push(String(chunk)), cb()) }));
    const deps = fakeDeps({}, { log, queueCounts: async () => Promise.reject(new Error('Redis connection lost')) });
    const app = await buildHttpApp(deps);
    const res = await app.inject('/');
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/<section id="queues"><h2>Queues<\/h2><p class="muted">Not available right now/);
    expect(res.body).toMatch(/data-source="news" data-state="not polled yet"/);
    expect(lines.join('')).toContain('Redis connection lost');
  });

  it('answers the favicon request without an error', async () => {
    const app = await buildHttpApp(fakeDeps());
    expect((await app.inject('/favicon.ico')).statusCode).toBe(204);
  });
});

describe('queue dashboard without a token', () => {
  it('is not served at all, and the log says it is off', async () => {
    const lines: string[] = [];
    const log = pino({ level: 'info' }, new Writable({ write: (chunk, _e, cb) => (lines.push(String(chunk)), cb()) }));
    const app = await buildHttpApp(fakeDeps({}, { log, admin: { queues: [] } }));
    expect((await app.inject('/admin/queues')).statusCode).toBe(404);
    expect(lines.join('')).toContain('ADMIN_TOKEN is not set: the queue dashboard (/admin/queues) is off');
  });
});

describe('extra routes', () => {
  it('registers the routes other modules add', async () => {
    const app = await buildHttpApp(fakeDeps({}, { routes: [(a) => void a.get('/calendar.ics', async () => 'BEGIN:VCALENDAR')] }));
    expect((await app.inject('/calendar.ics')).body).toBe('BEGIN:VCALENDAR');
  });
});
