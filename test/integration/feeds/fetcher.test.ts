import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createFetcher, FetchError, type Fetcher, type FetcherOptions } from '../../../src/feeds/fetcher.js';
import { startFeedServer, type FeedServer } from '../../fakes/feed-server.js';

const UA = 'standards-watch-test/0.1 (+https://example.org/bot)';
const FEED = '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item><title>A</title></item></channel></rss>';

let server: FeedServer;
let fetcher: Fetcher | undefined;

function make(opts: Partial<FetcherOptions> = {}): Fetcher {
  fetcher = createFetcher({ userAgent: UA, allowHosts: ['127.0.0.1'], ...opts });
  return fetcher;
}

async function failure(p: Promise<unknown>): Promise<FetchError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(FetchError);
    return err as FetchError;
  }
  throw new Error('expected the fetch to fail');
}

beforeAll(async () => {
  server = await startFeedServer();
});
afterAll(async () => {
  await server.close();
});
afterEach(async () => {
  await fetcher?.close();
  fetcher = undefined;
});

describe('fetcher: politeness', () => {
  it('sends the User-Agent and returns body, type and validators', async () => {
    server.set('/feed.xml', { body: FEED, contentType: 'application/rss+xml; charset=utf-8', lastModified: 'Mon, 02 Mar 2026 10:00:00 GMT' });
    const r = await make().fetch({ url: server.url('/feed.xml') });
    expect(r.status).toBe('ok');
    if (r.status !== 'ok') return;
    expect(r.body.toString('utf8')).toBe(FEED);
    expect(r.contentType).toBe('application/rss+xml; charset=utf-8');
    expect(r.etag).toMatch(/^".+"$/);
    expect(r.lastModified).toBe('Mon, 02 Mar 2026 10:00:00 GMT');
    expect(r.httpStatus).toBe(200);
    expect(server.requests('/feed.xml').at(-1)?.headers['user-agent']).toBe(UA);
  });

  it('costs one 304 and no body when the feed is unchanged, and sees a change', async () => {
    server.set('/cond.xml', { body: FEED, contentType: 'application/rss+xml', lastModified: 'Mon, 02 Mar 2026 10:00:00 GMT' });
    const f = make();
    const first = await f.fetch({ url: server.url('/cond.xml') });
    if (first.status !== 'ok') throw new Error('expected ok');
    const second = await f.fetch({ url: server.url('/cond.xml'), etag: first.etag, lastModified: first.lastModified });
    expect(second).toEqual({ status: 'not-modified', url: server.url('/cond.xml') });
    const req = server.requests('/cond.xml').at(-1);
    expect(req?.headers['if-none-match']).toBe(first.etag);
    expect(req?.headers['if-modified-since']).toBe('Mon, 02 Mar 2026 10:00:00 GMT');

    server.set('/cond.xml', { body: FEED.replace('<title>A</title>', '<title>B</title>'), contentType: 'application/rss+xml' });
    const third = await f.fetch({ url: server.url('/cond.xml'), etag: first.etag });
    expect(third.status).toBe('ok');
    expect(server.hits('/cond.xml')).toBe(3);
  });

  it('answers 304 on If-Modified-Since alone', async () => {
    server.set('/ims.xml', { body: FEED, etag: false, lastModified: 'Mon, 02 Mar 2026 10:00:00 GMT' });
    const r = await make().fetch({ url: server.url('/ims.xml'), lastModified: 'Mon, 02 Mar 2026 10:00:00 GMT' });
    expect(r.status).toBe('not-modified');
  });

  it.each(['gzip', 'br', 'deflate', 'deflate-raw'] as const)('decodes %s bodies', async (encoding) => {
    server.set(`/enc-${encoding}`, { body: FEED, encoding });
    const r = await make().fetch({ url: server.url(`/enc-${encoding}`) });
    if (r.status !== 'ok') throw new Error('expected ok');
    expect(r.body.toString('utf8')).toBe(FEED);
    expect(server.requests(`/enc-${encoding}`).at(-1)?.headers['accept-encoding']).toContain('br');
  });

  it('follows redirects and reports the final URL', async () => {
    server.set('/old-feed', { redirect: '/moved', status: 301 });
    server.set('/moved', { redirect: server.url('/final.xml'), status: 307 });
    server.set('/final.xml', { body: FEED });
    const r = await make().fetch({ url: server.url('/old-feed') });
    expect(r.status === 'ok' && r.url).toBe(server.url('/final.xml'));
  });

  it('keeps at most the allowed number of requests to one host in flight', async () => {
    server.set('/slow-a', { body: 'x', delayMs: 150 });
    const f = make({ perHostConcurrency: 1 });
    const started = Date.now();
    await Promise.all([f.fetch({ url: server.url('/slow-a') }), f.fetch({ url: server.url('/slow-a') }), f.fetch({ url: server.url('/slow-a') })]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(430);
    const times = server.requests('/slow-a').map((r) => r.at);
    expect(times.length).toBe(3);
    expect((times[2] ?? 0) - (times[0] ?? 0)).toBeGreaterThanOrEqual(280);
  });

  it('spaces requests to one host', async () => {
    server.set('/spaced', { body: 'x' });
    const f = make({ perHostSpacingMs: 120 });
    await Promise.all([f.fetch({ url: server.url('/spaced') }), f.fetch({ url: server.url('/spaced') })]);
    const [a, b] = server.requests('/spaced').map((r) => r.at);
    expect((b ?? 0) - (a ?? 0)).toBeGreaterThanOrEqual(100);
  });
});

describe('fetcher: rate limits and errors', () => {
  it('turns 429 with Retry-After into a transient rate-limited error and waits before asking again', async () => {
    server.set('/limited', { status: 429, body: 'slow down', headers: { 'retry-after': '120' } });
    const f = make();
    const err = await failure(f.fetch({ url: server.url('/limited') }));
    expect(err.kind).toBe('rate-limited');
    expect(err.status).toBe(429);
    expect(err.retryAfterMs).toBe(120_000);
    expect(err.transient).toBe(true);
    server.set('/other-path', { body: 'x' });
    const again = await failure(f.fetch({ url: server.url('/other-path') }));
    expect(again.kind).toBe('rate-limited');
    expect(server.hits('/other-path')).toBe(0);
  });

  it('honours Retry-After as an HTTP date on 503', async () => {
    const at = new Date(Date.now() + 90_000).toUTCString();
    server.set('/maint', { status: 503, headers: { 'retry-after': at } });
    const err = await failure(make().fetch({ url: server.url('/maint') }));
    expect(err.kind).toBe('rate-limited');
    expect(err.retryAfterMs).toBeGreaterThan(80_000);
    expect(err.retryAfterMs).toBeLessThanOrEqual(90_000);
  });

  it('classifies 500 as transient and 404 as permanent', async () => {
    server.set('/boom', { status: 500, body: 'oops' });
    server.set('/gone', { status: 404, body: 'nope' });
    const f = make();
    const e500 = await failure(f.fetch({ url: server.url('/boom') }));
    expect([e500.kind, e500.status, e500.transient]).toEqual(['http-status', 500, true]);
    const e404 = await failure(f.fetch({ url: server.url('/gone') }));
    expect([e404.kind, e404.status, e404.transient]).toEqual(['http-status', 404, false]);
  });

  it('refuses non-http URLs and garbage', async () => {
    const f = make();
    expect((await failure(f.fetch({ url: 'file:///etc/passwd' }))).kind).toBe('bad-url');
    expect((await failure(f.fetch({ url: 'not a url' }))).kind).toBe('bad-url');
  });

  it('reports a connection refused as a transient network error', async () => {
    const err = await failure(make().fetch({ url: 'http://127.0.0.1:1/feed' }));
    expect(err.kind).toBe('network');
    expect(err.transient).toBe(true);
  });
});

describe('fetcher: caps', () => {
  it('refuses a body whose Content-Length is over the cap without reading it', async () => {
    server.set('/big-declared', { body: Buffer.alloc(50_000, 0x61) });
    const err = await failure(make({ maxBytes: 10_000 }).fetch({ url: server.url('/big-declared') }));
    expect(err.kind).toBe('too-large');
    expect(err.transient).toBe(false);
  });

  it('aborts a streamed body past the cap', async () => {
    server.set('/endless', { streamBytes: 50 * 1024 * 1024 });
    const started = Date.now();
    const err = await failure(make({ maxBytes: 200_000 }).fetch({ url: server.url('/endless') }));
    expect(err.kind).toBe('too-large');
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('stops a gzip bomb at the cap', async () => {
    server.set('/bomb.gz', { body: Buffer.alloc(20 * 1024 * 1024, 0x20), encoding: 'gzip' });
    const err = await failure(make({ maxBytes: 1_000_000 }).fetch({ url: server.url('/bomb.gz') }));
    expect(err.kind).toBe('too-large');
  });

  it('times out a server that never answers', async () => {
    server.set('/hang', { body: 'late', delayMs: 5_000 });
    const started = Date.now();
    const err = await failure(make({ timeoutMs: 300 }).fetch({ url: server.url('/hang') }));
    expect(err.kind).toBe('timeout');
    expect(err.transient).toBe(true);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('times out a trickling body within the total time cap', async () => {
    server.set('/trickle', { body: 'x'.repeat(2_000), trickle: { chunkBytes: 10, intervalMs: 50 } });
    const started = Date.now();
    const err = await failure(make({ timeoutMs: 400 }).fetch({ url: server.url('/trickle') }));
    expect(err.kind).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('stops after too many redirects and detects loops', async () => {
    for (let i = 0; i < 4; i += 1) server.set(`/hop${i}`, { redirect: `/hop${i + 1}` });
    server.set('/hop4', { body: FEED });
    const tooMany = await failure(make({ maxRedirects: 2 }).fetch({ url: server.url('/hop0') }));
    expect(tooMany.kind).toBe('too-many-redirects');
    server.set('/loop-a', { redirect: '/loop-b' });
    server.set('/loop-b', { redirect: '/loop-a' });
    const loop = await failure(make().fetch({ url: server.url('/loop-a') }));
    expect(loop.kind).toBe('too-many-redirects');
    expect(loop.message).toMatch(/loop/);
  });

  it('gives the caller its own abort reason back', async () => {
    server.set('/abortable', { body: 'x', delayMs: 2_000 });
    const ac = new AbortController();
    const p = make().fetch({ url: server.url('/abortable'), signal: ac.signal });
    setTimeout(() => ac.abort(new Error('shutting down')), 50);
    await expect(p).rejects.toThrow('shutting down');
  });
});

describe('fetcher: address guard', () => {
  it('refuses a redirect to the cloud metadata address', async () => {
    server.set('/to-metadata', { redirect: 'http://169.254.169.254/latest/meta-data/' });
    const err = await failure(make().fetch({ url: server.url('/to-metadata') }));
    expect(err.kind).toBe('blocked-address');
    expect(err.transient).toBe(false);
    expect(err.message).toContain('metadata');
  });

  it('refuses a redirect to another private literal address', async () => {
    server.set('/to-private', { redirect: 'http://10.0.0.1/admin' });
    expect((await failure(make().fetch({ url: server.url('/to-private') }))).kind).toBe('blocked-address');
  });

  it('refuses a host name that resolves to 127.0.0.1 unless that name is allowed', async () => {
    server.set('/local.xml', { body: FEED });
    const viaName = `http://localhost:${server.port}/local.xml`;
    const refused = await failure(make().fetch({ url: viaName }));
    expect(refused.kind).toBe('blocked-address');
    expect(refused.message).toMatch(/loopback/);
    await fetcher?.close();
    const ok = await make({ allowHosts: ['localhost'] }).fetch({ url: viaName });
    expect(ok.status).toBe('ok');
  });

  it('refuses a redirect from an allowed host to a refused host name', async () => {
    server.set('/to-localhost', { redirect: `http://localhost:${server.port}/local.xml` });
    expect((await failure(make().fetch({ url: server.url('/to-localhost') }))).kind).toBe('blocked-address');
  });

  it('refuses a literal loopback address when nothing is allowed', async () => {
    const err = await failure(make({ allowHosts: [] }).fetch({ url: server.url('/feed.xml') }));
    expect(err.kind).toBe('blocked-address');
    expect(server.hits('/feed.xml')).toBe(1);
  });
});
