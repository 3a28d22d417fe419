import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkUrl, formatCheckReport } from '../../../src/feeds/check.js';
import { createFetcher, type Fetcher } from '../../../src/feeds/fetcher.js';
import { startFeedServer, type FeedServer } from '../../fakes/feed-server.js';

const fixture = (name: string) => readFileSync(fileURLToPath(new URL(`../../fixtures/feeds/${name}`, import.meta.url)));

let server: FeedServer;
let fetcher: Fetcher;

beforeAll(async () => {
  server = await startFeedServer();
  fetcher = createFetcher({ userAgent: 'standards-watch-test/0.1', allowHosts: ['127.0.0.1'], timeoutMs: 2_000 });
  server.set('/itu-hub/feed/', { body: fixture('itu-hub-feed.xml'), contentType: 'application/rss+xml; charset=UTF-8', encoding: 'gzip' });
  server.set('/calendar.ics', { body: fixture('ietf-upcoming.ics'), contentType: 'text/calendar' });
  server.set('/feed.json', { body: fixture('jsonfeed-1.1.json'), contentType: 'application/feed+json' });
  server.set('/fgmv', { body: fixture('itu-calendar-fgmv.html'), contentType: 'text/html; charset=utf-8' });
  server.set('/redesigned', { body: fixture('itu-redesigned.html'), contentType: 'text/html; charset=utf-8' });
  server.set('/blog', {
    body: '<html><head><title>Blog</title><link rel="alternate" type="application/rss+xml" href="/blog/feed.xml"></head><body></body></html>',
    contentType: 'text/html',
  });
  server.set('/old', { redirect: '/itu-hub/feed/', status: 301 });
  server.set('/gone', { status: 410 });
  server.set('/to-metadata', { redirect: 'http://169.254.169.254/latest/meta-data/' });
});

afterAll(async () => {
  await fetcher.close();
  await server.close();
});

describe('checkUrl', () => {
  it('reports a working RSS feed with its title and first entries', async () => {
    const r = await checkUrl(server.url('/itu-hub/feed/'), fetcher);
    expect(r).toMatchObject({ ok: true, kind: 'rss', title: 'ITU Hub (placeholder title)', itemCount: 4, meetingCount: 0 });
    expect(r.first).toHaveLength(4);
    expect(r.problems).toEqual([]);
  });

  it('recognises a calendar and a JSON Feed without being told', async () => {
    expect(await checkUrl(server.url('/calendar.ics'), fetcher)).toMatchObject({ ok: true, kind: 'ics', meetingCount: 3 });
    expect(await checkUrl(server.url('/feed.json'), fetcher)).toMatchObject({ ok: true, kind: 'json-feed', itemCount: 2 });
  });

  it('reads an ITU page when told its kind, and says so when its layout changed', async () => {
    expect(await checkUrl(server.url('/fgmv'), fetcher, { kind: 'itu-group' })).toMatchObject({ ok: true, kind: 'itu-group', meetingCount: 5 });
    const changed = await checkUrl(server.url('/redesigned'), fetcher, { kind: 'itu-group' });
    expect(changed.ok).toBe(false);
    expect(changed.problems.join(' ')).toMatch(/page layout changed: no meetings table found/);
  });

  it('points a web page at the feeds it links to', async () => {
    const r = await checkUrl(server.url('/blog'), fetcher);
    expect(r.ok).toBe(false);
    expect(r.kind).toBe('html');
    expect(r.problems[0]).toContain(server.url('/blog/feed.xml'));
  });

  it('follows a redirect and suggests the final address', async () => {
    const r = await checkUrl(server.url('/old'), fetcher);
    expect(r.ok).toBe(true);
    expect(r.finalUrl).toBe(server.url('/itu-hub/feed/'));
    expect(r.problems.join(' ')).toMatch(/redirects to/);
  });

  it('explains fetch failures in plain words', async () => {
    const gone = await checkUrl(server.url('/gone'), fetcher);
    expect(gone.ok).toBe(false);
    expect(gone.problems[0]).toMatch(/HTTP 410/);
    const blocked = await checkUrl(server.url('/to-metadata'), fetcher);
    expect(blocked.problems[0]).toMatch(/private or local network/);
  });
});

describe('formatCheckReport', () => {
  it('prints a readable summary for the terminal', async () => {
    const text = formatCheckReport(await checkUrl(server.url('/itu-hub/feed/'), fetcher));
    expect(text.split('\n')[0]).toBe(`OK  ${server.url('/itu-hub/feed/')}`);
    expect(text).toContain('kind:      rss');
    expect(text).toContain('found:     4 item(s), 0 meeting(s)');
    expect(text).toContain('2023-04-01  Metaverse focus group calls for contributions');
  });

  it('lists problems of a failed check', () => {
    const text = formatCheckReport({ url: 'https://x.example/', ok: false, itemCount: 0, meetingCount: 0, first: [], problems: ['Could not fetch it.'] });
    expect(text).toBe('NOT OK  https://x.example/\n  problems:\n    - Could not fetch it.');
  });
});
