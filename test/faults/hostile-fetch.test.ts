// Hostile input at the fetcher: addresses into private/loopback/link-local/
// metadata/IPv6-mapped space (directly, by redirect, by a DNS name), XML bombs,
// a 50 MB body, a trickling body, a redirect loop and a gzip bomb. Each is
// refused within the caps, in bounded time and memory — through the fetcher,
// through `sources add` (command core) and through a configured source's poll.
import { createGzip } from 'node:zlib';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTokens } from '../../src/bot/commands/dispatch.js';
import { tokenize } from '../../src/bot/commands/parse-text.js';
import { commands } from '../../src/bot/commands/registry.js';
import { createFetcher, FetchError, type Fetcher, type FetchErrorKind } from '../../src/feeds/fetcher.js';
import { startPipelineWorkers } from '../../src/app/pipeline.js';
import type { Workers } from '../../src/jobs/workers.js';
import { startFeedServer, type FeedServer } from '../fakes/feed-server.js';
import { startHarness, type Harness } from '../integration/discord/harness.js';
import { newRedis, startProcess, testLogger, type Process } from '../integration/sources/setup.js';
import { deleteByPrefix, testPrefix } from '../helpers/redis.js';
import { printSummary, tally } from './helpers/tally.js';
import { until } from './helpers/wait.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SSRF = 'hostile addresses';
const BODIES = 'hostile bodies';
const MB = 1024 * 1024;
let server: FeedServer;
let fetcher: Fetcher;
let gzipBomb: Buffer;

/** 1.1 GB of zeros gzipped, streamed through zlib: the result is about a megabyte. */
async function makeGzipBomb(inflated: number): Promise<Buffer> {
  const gz = createGzip({ level: 9 });
  const parts: Buffer[] = [];
  gz.on('data', (b: Buffer) => parts.push(b));
  const done = new Promise<void>((resolve, reject) => {
    gz.on('end', resolve);
    gz.on('error', reject);
  });
  const zeros = Buffer.alloc(4 * MB);
  for (let written = 0; written < inflated; written += zeros.length) {
    if (!gz.write(zeros)) await new Promise((r) => gz.once('drain', r));
  }
  gz.end();
  await done;
  return Buffer.concat(parts);
}

async function refusal(url: string, f: Fetcher = fetcher): Promise<{ kind: FetchErrorKind; message: string; ms: number }> {
  const t0 = Date.now();
  try {
    await f.fetch({ url });
  } catch (err) {
    if (err instanceof FetchError) return { kind: err.kind, message: err.message, ms: Date.now() - t0 };
    throw err;
  }
  throw new Error(`fetched ${url} although it should have been refused`);
}

beforeAll(async () => {
  server = await startFeedServer();
  fetcher = createFetcher({ userAgent: 'sw-faults', allowHosts: ['127.0.0.1'], timeoutMs: 2_000, maxBytes: 2 * MB });
  gzipBomb = await makeGzipBomb(1100 * MB);
}, 60_000);

afterAll(async () => {
  printSummary();
  await fetcher?.close();
  await server?.close();
});

describe('addresses the fetcher must never reach', () => {
  const targets = (port: number) => [
    `http://localhost:${port}/feed.xml`,
    `http://10.0.0.1/feed.xml`,
    `http://192.168.1.1/feed.xml`,
    `http://169.254.169.254/latest/meta-data/`,
    `http://[fe80::1]/feed.xml`,
    `http://[::1]:${port}/feed.xml`,
    `http://[::ffff:127.0.0.1]:${port}/feed.xml`,
    `http://[::ffff:169.254.169.254]/latest/meta-data/`,
    `http://[::ffff:a00:1]/feed.xml`,
    `http://0.0.0.0:${port}/feed.xml`,
    `http://100.64.0.1/feed.xml`,
    `http://[fd00:ec2::254]/latest/meta-data/`,
  ];

  it('refuses each directly and by redirect from an allowed host, before connecting there', async () => {
    server.set('/secret', { body: 'internal', contentType: 'text/plain' });
    for (const [i, url] of targets(server.port).entries()) {
      const direct = await refusal(url);
      expect(direct.kind, url).toBe('blocked-address');
      expect(direct.ms, url).toBeLessThan(1500);
      server.set(`/hop${i}`, { redirect: url });
      const viaRedirect = await refusal(server.url(`/hop${i}`));
      expect(viaRedirect.kind, `redirect to ${url}`).toBe('blocked-address');
      tally(SSRF).tried += 2;
      tally(SSRF).refused += 2;
    }
  });

  it('refuses them through `sources add` with a clear answer, stores nothing and logs the refusal', async () => {
    const prefix = testPrefix('faults-ssrf-cmd');
    const redis = newRedis();
    const logs = testLogger();
    const proc: Process = startProcess(redis, prefix, [], fetcher, logs.log);
    try {
      for (const [i, url] of [...targets(server.port), server.url('/hop0'), server.url('/hop6')].entries()) {
        const answer = await runTokens(commands, tokenize(`sources add ${url} id:evil${i}`), proc.ctx({ operator: true }), logs.log);
        expect(answer.kind, url).toBe('error');
        expect(answer.text, url).toMatch(/private or local network|not allowed|refused/);
        tally(SSRF).tried += 1;
        tally(SSRF).refused += 1;
      }
      expect(await proc.registry.list()).toEqual([]);
      expect(server.hits('/secret')).toBe(0);
    } finally {
      redis.disconnect();
      await deleteByPrefix(prefix);
    }
  });

  it('refuses them in a configured source’s poll: the source turns unhealthy with the reason, nothing is fetched there', async () => {
    let h: Harness | undefined;
    let workers: Workers | undefined;
    try {
      server.set('/to-localhost', { redirect: `http://localhost:${server.port}/secret` });
      server.set('/to-metadata', { redirect: 'http://169.254.169.254/latest/meta-data/' });
      const sources = [
        ['by-name', `http://localhost:${server.port}/secret`],
        ['mapped', `http://[::ffff:127.0.0.1]:${server.port}/secret`],
        ['redirect-local', server.url('/to-localhost')],
        ['redirect-meta', server.url('/to-metadata')],
      ] as const;
      const yaml = `sources:\n${sources.map(([id, url]) => `  - id: ${id}\n    kind: rss\n    url: "${url}"\n`).join('')}fetch:\n  allowHosts: ["127.0.0.1"]\n  timeout: 2s\n`;
      h = await startHarness('faults-ssrf-poll', { extraConfig: yaml });
      workers = startPipelineWorkers(h.app, {}, { poll: 4, enrich: 1, deliver: 1 });
      for (const [id] of sources) await h.app.queues.poll.add('poll', { sourceId: id, force: true }, { jobId: `ssrf-${id}` });
      for (const [id] of sources) {
        await until(`poll of ${id}`, async () => (await h!.app.stores.health.get(id))?.lastError !== undefined, 10_000);
        const health = await h.app.stores.health.get(id);
        expect(health?.lastError?.kind, id).toBe('blocked-address');
        expect(health?.lastError?.message, id).toMatch(/refused to connect to .*(loopback|metadata)/);
        tally(SSRF).tried += 1;
        tally(SSRF).refused += 1;
      }
      expect(server.hits('/secret')).toBe(0);
      expect(h.logs.text).toMatch(/poll failed/);
    } finally {
      await workers?.close();
      await h?.close();
    }
  });
});

describe('bodies built to exhaust the fetcher', () => {
  it('refuses a 50 MB body, a trickle, a redirect loop and a gzip bomb within the caps, in bounded time and memory', async () => {
    server.set('/huge', { streamBytes: 50 * MB, contentType: 'application/rss+xml' });
    server.set('/trickle', { body: '<?xml version="1.0"?><rss version="2.0"><channel>' + 'x'.repeat(200) + '</channel></rss>', contentType: 'application/rss+xml', trickle: { chunkBytes: 1, intervalMs: 1000 } });
    server.set('/loop-a', { redirect: '/loop-b' });
    server.set('/loop-b', { redirect: '/loop-a' });
    server.set('/bomb', { body: gzipBomb, contentType: 'application/rss+xml', headers: { 'content-encoding': 'gzip' } });
    global.gc?.();
    const rss0 = process.memoryUsage().rss;
    let peak = rss0;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    try {
      const cases: [string, FetchErrorKind, number][] = [
        ['/huge', 'too-large', 3_000],
        ['/trickle', 'timeout', 3_000],
        ['/loop-a', 'too-many-redirects', 1_000],
        ['/bomb', 'too-large', 3_000],
      ];
      for (const [p, kind, bound] of cases) {
        const r = await refusal(server.url(p));
        expect(r.kind, p).toBe(kind);
        expect(r.ms, p).toBeLessThan(bound);
        tally(BODIES).tried += 1;
        tally(BODIES).refused += 1;
        console.info(`${p}: refused as ${r.kind} in ${r.ms} ms (${r.message})`);
      }
    } finally {
      clearInterval(sampler);
    }
    const growth = (peak - rss0) / MB;
    console.info(`hostile bodies: gzip bomb ${(gzipBomb.length / 1024).toFixed(0)} KB → 1100 MB; peak RSS growth ${growth.toFixed(1)} MB`);
    expect(growth).toBeLessThan(100);
  }, 30_000);

  it('defuses a billion-laughs feed offered through sources add: no expansion, bounded time and memory', async () => {
    const bomb = await readFile(path.join(HERE, '../fixtures/feeds/billion-laughs.xml'));
    server.set('/laughs.xml', { body: bomb, contentType: 'application/rss+xml' });
    const prefix = testPrefix('faults-laughs');
    const redis = newRedis();
    const logs = testLogger();
    const proc = startProcess(redis, prefix, [], fetcher, logs.log);
    try {
      const rss0 = process.memoryUsage().rss;
      const t0 = Date.now();
      const answer = await runTokens(commands, tokenize(`sources add ${server.url('/laughs.xml')} id:laughs`), proc.ctx({ operator: true }), logs.log);
      const ms = Date.now() - t0;
      const text = JSON.stringify(answer);
      expect(text).not.toMatch(/(lol){50}/);
      expect(text.length).toBeLessThan(20_000);
      expect(ms).toBeLessThan(3_000);
      expect((process.memoryUsage().rss - rss0) / MB).toBeLessThan(100);
      tally(BODIES).tried += 1;
      tally(BODIES).refused += 1;
      console.info(`billion laughs via sources add: ${answer.kind} in ${ms} ms: ${(answer.text ?? "").slice(0, 160)}`);
    } finally {
      redis.disconnect();
      await deleteByPrefix(prefix);
    }
  });
});
