// The poll processor called directly, with recording fakes of our own ports.
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { ItemStore, MeetingStore, SourceHealthStore } from '../../src/core/ports.js';
import type { Item, Meeting, Source, SourceHealth } from '../../src/core/types.js';
import type { Fetcher, FetchRequest, FetchResult } from '../../src/feeds/fetcher.js';
import { FetchError } from '../../src/feeds/fetcher.js';
import { pollSource, type PollDeps } from '../../src/jobs/processors/poll-source.js';
import { rssFeed } from '../helpers/rss.js';

const source: Source = { id: 'news', kind: 'rss', url: 'https://example.org/feed', everyMs: 60_000, tags: ['press'], fetchArticle: false };

function fakes(answers: (FetchResult | Error)[]) {
  const requests: FetchRequest[] = [];
  const items = new Map<string, Item>();
  const healthLog: SourceHealth[] = [];
  const enqueued: { ids: string[]; alert: boolean }[] = [];
  const writes: string[] = [];
  const fetcher: Fetcher = {
    async fetch(req) {
      requests.push(req);
      const next = answers.shift();
      if (!next) throw new Error('no more answers');
      if (next instanceof Error) throw next;
      return next;
    },
    async close() {},
  };
  const pending = new Map<string, boolean>();
  const itemStore = {
    async addIfNew(item: Item, p?: { alert: boolean }) {
      writes.push(`item ${item.id}`);
      if (items.has(item.id)) return false;
      items.set(item.id, item);
      if (p) pending.set(item.id, p.alert);
      return true;
    },
    async pendingEnrich() {
      return [...pending].map(([itemId, alert]) => ({ itemId, alert }));
    },
    async clearPending(_s: string, ids: string[]) {
      if (ids.length) writes.push('clear-pending');
      for (const id of ids) pending.delete(id);
    },
  } as unknown as ItemStore;
  const health: SourceHealthStore = {
    async get() {
      return healthLog.at(-1);
    },
    async set(h) {
      writes.push('health');
      healthLog.push(h);
    },
    async all() {
      return healthLog.slice(-1);
    },
  };
  const meetings: MeetingStore = {
    async replaceFromOrigin(_o: string, _m: Meeting[]) {
      writes.push('meetings');
    },
    async all() {
      return [];
    },
  };
  const deps: PollDeps = {
    getSource: async (id) => (id === source.id ? source : undefined),
    fetcher,
    items: itemStore,
    health,
    meetings,
    enqueueEnrich: async (ids, opts) => void enqueued.push({ ids, alert: opts.alert }),
    clock: { now: () => new Date('2026-11-23T10:00:00Z') },
    log: pino({ level: 'silent' }),
  };
  return { deps, requests, items, healthLog, enqueued, writes, pending };
}

const ok = (body: string, etag = '"v1"'): FetchResult => ({ status: 'ok', url: source.url, body: Buffer.from(body), contentType: 'application/rss+xml', etag, httpStatus: 200 });
const feed = (n: number) => rssFeed('t', Array.from({ length: n }, (_, i) => ({ guid: `g${i}`, title: `Title ${i}`, description: 'text', link: `https://example.org/${i}` })));

describe('pollSource', () => {
  it('seeds on the first success without alerting, then alerts only on what is new', async () => {
    const f = fakes([ok(feed(2)), ok(feed(3), '"v2"')]);
    const first = await pollSource({ sourceId: 'news' }, f.deps);
    expect(first).toMatchObject({ status: 'new-items', seeded: true });
    expect(f.enqueued).toEqual([{ ids: first.newItemIds, alert: false }]);
    const second = await pollSource({ sourceId: 'news' }, f.deps);
    expect(second).toMatchObject({ status: 'new-items', seeded: false });
    expect(second.newItemIds).toHaveLength(1);
    expect(f.enqueued[1]).toEqual({ ids: second.newItemIds, alert: true });
  });

  it('sends the stored ETag and, on a 304, parses nothing and writes only the health record', async () => {
    const f = fakes([ok(feed(2)), { status: 'not-modified', url: source.url }]);
    await pollSource({ sourceId: 'news' }, f.deps);
    f.writes.length = 0;
    const result = await pollSource({ sourceId: 'news' }, f.deps);
    expect(result.status).toBe('not-modified');
    expect(f.requests[1]).toMatchObject({ etag: '"v1"' });
    expect(f.writes).toEqual(['health']);
    expect(f.enqueued).toHaveLength(1);
    expect(f.healthLog.at(-1)).toMatchObject({ etag: '"v1"', healthy: true, consecutiveFailures: 0 });
  });

  it('records failures in words, turns unhealthy after three, and skips polls while backing off', async () => {
    const down = () => new FetchError({ kind: 'http-status', status: 503, url: source.url, message: 'HTTP 503', transient: true });
    const f = fakes([down(), down(), down(), ok(feed(1))]);
    for (let i = 0; i < 3; i++) expect((await pollSource({ sourceId: 'news' }, f.deps)).status).toBe('failed');
    expect(f.healthLog.at(-1)).toMatchObject({ healthy: false, consecutiveFailures: 3, lastError: { kind: 'http-status' } });
    expect(f.healthLog.at(-1)!.lastError!.message).toMatch(/503/);
    expect((await pollSource({ sourceId: 'news' }, f.deps)).status).toBe('skipped');
    expect((await pollSource({ sourceId: 'news', force: true }, f.deps)).status).toBe('new-items');
    expect(f.healthLog.at(-1)).toMatchObject({ healthy: true, consecutiveFailures: 0 });
  });

  it('says so for an unknown or paused source instead of failing', async () => {
    const f = fakes([]);
    expect((await pollSource({ sourceId: 'gone' }, f.deps)).status).toBe('unknown-source');
    const paused = fakes([]);
    paused.deps.getSource = async () => ({ ...source, paused: true });
    expect((await pollSource({ sourceId: 'news' }, paused.deps)).status).toBe('paused');
    expect(paused.requests).toEqual([]);
  });
});

describe('pollSource hand-over to enrichment', () => {
  it('queues items a crashed poll stored without queueing, on the next poll, even when the feed is unchanged', async () => {
    const f = fakes([ok(feed(2)), { status: 'not-modified', url: source.url }]);
    let fail = true;
    const enqueue = f.deps.enqueueEnrich;
    f.deps.enqueueEnrich = async (ids, opts) => {
      if (fail) throw new Error('Redis went away');
      return enqueue(ids, opts);
    };
    expect((await pollSource({ sourceId: 'news' }, f.deps)).status).toBe('failed');
    expect(f.items.size).toBe(2);
    expect(f.pending.size).toBe(2);
    fail = false;
    expect((await pollSource({ sourceId: 'news', force: true }, f.deps)).status).toBe('not-modified');
    expect(f.enqueued).toEqual([{ ids: [...f.items.keys()], alert: false }]);
    expect(f.pending.size).toBe(0);
  });
});

describe('pollSource exclusivity', () => {
  it('does not poll a source while another poll of it holds the lease', async () => {
    const f = fakes([ok(feed(2))]);
    let held = false;
    f.deps.exclusive = async () => (held ? undefined : ((held = true), async () => void (held = false)));
    const [a, b] = await Promise.all([pollSource({ sourceId: 'news' }, f.deps), pollSource({ sourceId: 'news' }, f.deps)]);
    expect([a.status, b.status].sort()).toEqual(['busy', 'new-items']);
    expect(f.requests).toHaveLength(1);
    expect(held).toBe(false);
  });
});
