// The HTTP role on a real App: real Redis, real BullMQ queues and workers, a real socket.
import Parser from 'rss-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../../src/app/app.js';
import { startPipelineWorkers } from '../../../src/app/pipeline.js';
import { startHttp, type HttpRunnable } from '../../../src/http/start.js';
import { createMetrics } from '../../../src/metrics.js';
import { deleteByPrefix, testPrefix } from '../../helpers/redis.js';
import { storeItems, testApp, testItem } from './app-helpers.js';

const TOKEN = 'sw-admin-test-token-0123456789';
const prefix = testPrefix('http-app');
const yaml = `sources:
  - id: test-news
    kind: rss
    url: https://news.example.org/feed.xml
    tags: [press]
  - id: broken-feed
    kind: rss
    url: https://broken.example.org/feed.xml
`;
let app: App;
let http: HttpRunnable;

beforeAll(async () => {
  app = await testApp(prefix, { yaml, env: { ADMIN_TOKEN: TOKEN, PUBLIC_URL: 'https://watch.example.org' } });
  http = await startHttp(app, { host: '127.0.0.1', roles: new Set(['http']), metrics: createMetrics({ processMetrics: false }) });
  await storeItems(app, [testItem(1, { tags: ['surveillance', 'press'] }), testItem(2), testItem(3, { enriched: false })]);
});

afterAll(async () => {
  await http?.stop();
  await app?.close();
  await deleteByPrefix(prefix);
});

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${http.url}${path}`, { headers });

describe('http role on a real App', () => {
  it('listens on the port it was given (0: a free one) and answers /healthz', async () => {
    expect(http.port).toBeGreaterThan(0);
    const res = await get('/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', version: '0.1.0' });
  });

  it('is not ready while no worker runs, and ready once workers are connected', async () => {
    const before = await get('/readyz');
    expect(before.status).toBe(503);
    const body = (await before.json()) as { notReady: string[]; checks: Record<string, { ok: boolean; detail?: string }> };
    expect(body.notReady).toEqual(['workers']);
    expect(body.checks.redis).toEqual({ ok: true });
    expect(body.checks.workers?.detail).toBe('no worker on queues poll, enrich, deliver');

    const workers = startPipelineWorkers(app);
    try {
      await Promise.all(workers.workers.map((w) => w.waitUntilReady()));
      let res = await get('/readyz');
      for (let i = 0; i < 20 && res.status !== 200; i++) {
        await new Promise((r) => setTimeout(r, 100));
        res = await get('/readyz');
      }
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ ready: true, checks: { redis: { ok: true }, workers: { ok: true } } });
    } finally {
      await workers.close();
    }
  });

  it('serves the stored, enriched items as Atom that parses back, newest first', async () => {
    const res = await get('/feed.xml');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    const feed = await new Parser().parseString(await res.text());
    expect(feed.items.map((i) => i.title)).toEqual(['Item 2', 'Item 1']);
    expect(feed.feedUrl).toBe('https://watch.example.org/feed.xml');
    const tagged = await new Parser().parseString(await (await get('/tags/press/feed.xml')).text());
    expect(tagged.items.map((i) => i.title)).toEqual(['Item 1']);
  });

  it('serves the meetings calendar next to the feeds', async () => {
    const res = await get('/meetings.ics');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(await res.text()).toMatch(/^BEGIN:VCALENDAR/);
  });

  it('shows queue depths in /metrics, read from the real queues', async () => {
    await app.queues.digest.add('digest', { probe: true }, { delay: 60_000, jobId: 'probe-digest' });
    const text = await (await get('/metrics')).text();
    expect(text).toContain('sw_queue_jobs{queue="digest",state="delayed"} 1');
    expect(text).toContain('sw_queue_jobs{queue="poll",state="waiting"} 0');
    await app.queues.digest.remove('probe-digest');
  });

  it('shows the status page with the configured sources', async () => {
    await app.stores.health.set({ sourceId: 'broken-feed', lastAttempt: new Date().toISOString(), lastError: { kind: 'http-status', message: 'the server answered an error (HTTP 500)', at: new Date().toISOString() }, consecutiveFailures: 5, itemsSeen: 0, healthy: false, seeded: false });
    const html = await (await get('/')).text();
    expect(html).toMatch(/data-source="broken-feed" data-state="failing"/);
    expect(html).toMatch(/data-source="test-news" data-state="not polled yet"/);
    expect(html).toContain('Item 2');
  });
});

describe('queue dashboard behind ADMIN_TOKEN', () => {
  it('asks for credentials with 401 and WWW-Authenticate: Basic when none or wrong ones are given', async () => {
    for (const headers of [{} as Record<string, string>, { authorization: 'Bearer wrong-token' }, { authorization: `Basic ${Buffer.from('admin:wrong').toString('base64')}` }]) {
      const res = await get('/admin/queues', headers);
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/^Basic realm=/);
    }
    expect((await get('/admin/queues/api/queues')).status).toBe(401);
  });

  it('opens with the token as Bearer or as the Basic password, and lists every queue', async () => {
    const bearer = await get('/admin/queues', { authorization: `Bearer ${TOKEN}` });
    expect(bearer.status).toBe(200);
    expect(bearer.headers.get('content-type')).toMatch(/text\/html/);
    const basic = `Basic ${Buffer.from(`admin:${TOKEN}`).toString('base64')}`;
    const api = await get('/admin/queues/api/queues', { authorization: basic });
    expect(api.status).toBe(200);
    const body = (await api.json()) as { queues: { name: string }[] };
    expect(body.queues.map((q) => q.name).sort()).toEqual(['deliver', 'digest', 'enrich', 'poll', 'remind']);
  });
});

describe('readiness of configured chat platforms', () => {
  it('names a configured platform whose adapter is not running where the bot role runs, and skips it elsewhere', async () => {
    const other = testPrefix('http-app-discord');
    const discordApp = await testApp(other, { env: { DISCORD_TOKEN: 'fake-discord-token-0123456789' } });
    const withBot = await startHttp(discordApp, { host: '127.0.0.1', roles: new Set(['bot', 'http']) });
    const withoutBot = await startHttp(discordApp, { host: '127.0.0.1', roles: new Set(['http']) });
    const reported = await startHttp(discordApp, { host: '127.0.0.1', platformStatus: { discord: () => ({ ok: false, detail: 'gateway reconnecting' }) } });
    try {
      const a = (await (await fetch(`${withBot.url}/readyz`)).json()) as { checks: Record<string, { ok: boolean; detail?: string }> };
      expect(a.checks.discord).toEqual({ ok: false, detail: 'the discord adapter is not running' });
      const b = (await (await fetch(`${withoutBot.url}/readyz`)).json()) as { checks: Record<string, { ok: boolean; detail?: string }> };
      expect(b.checks.discord).toEqual({ ok: true, detail: 'not run by this process' });
      const c = (await (await fetch(`${reported.url}/readyz`)).json()) as { notReady: string[]; checks: Record<string, { ok: boolean; detail?: string }> };
      expect(c.checks.discord).toEqual({ ok: false, detail: 'gateway reconnecting' });
      expect(c.notReady).toContain('discord');
      expect(a.checks.matrix).toBeUndefined();
    } finally {
      await Promise.all([withBot.stop(), withoutBot.stop(), reported.stop()]);
      await discordApp.close();
      await deleteByPrefix(other);
    }
  });
});
