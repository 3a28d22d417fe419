// Operators hear of a failing source once, and of its recovery once — driven by
// real polls of a local feed server through the poll processor's health hook,
// on the real Redis, counted at a recording PlatformSink. Two reporters stand for
// two worker processes racing to report the same incident.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { pickStory } from '../../../src/core/enrich/index.js';
import { TargetLostError } from '../../../src/core/errors.js';
import type { Message } from '../../../src/core/message.js';
import type { PlatformSink, SendOptions } from '../../../src/core/ports.js';
import type { Platform, Source, Subscription } from '../../../src/core/types.js';
import { createFetcher, type Fetcher } from '../../../src/feeds/fetcher.js';
import { pollSource, type PollDeps } from '../../../src/jobs/processors/poll-source.js';
import { createOperatorReporter, type OperatorReporter } from '../../../src/sources/operator-reporter.js';
import { createStores } from '../../../src/store/stores.js';
import { startFeedServer, type FeedServer } from '../../fakes/feed-server.js';
import { deleteByPrefix, testPrefix } from '../../helpers/redis.js';
import { rssFeed } from '../../helpers/rss.js';
import { newRedis, testLogger } from './setup.js';

interface Sent {
  platform: Platform;
  target: string;
  message: Message;
  key: string;
}

function recordingSink(platform: Platform, sent: Sent[], failFirst = 0): PlatformSink {
  let failures = failFirst;
  return {
    platform,
    async send(target: string, message: Message, opts: SendOptions) {
      if (failures-- > 0) throw new Error('platform down');
      sent.push({ platform, target, message, key: opts.idempotencyKey });
      return { messageId: `m${sent.length}` };
    },
    async edit() {
      throw new Error('operators’ reports are never edited');
    },
  };
}

const prefix = testPrefix('sources-ops');
let redis: Redis;
let server: FeedServer;
let fetcher: Fetcher;
let clockNow = new Date('2026-11-23T10:00:00Z');
const clock = { now: () => clockNow };
const operators = { discord: '900000000000000001', matrix: '!ops:example.org' };

beforeAll(async () => {
  redis = newRedis();
  server = await startFeedServer();
  fetcher = createFetcher({ userAgent: 'standards-watch-test/0.1', allowHosts: ['127.0.0.1'], timeoutMs: 2_000 });
});

afterAll(async () => {
  await fetcher.close();
  await server.close();
  redis.disconnect();
  await deleteByPrefix(prefix);
});

function reporterWith(sent: Sent[], extra: Partial<Parameters<typeof createOperatorReporter>[0]> = {}): OperatorReporter {
  return createOperatorReporter({
    redis,
    prefix,
    sinks: { discord: recordingSink('discord', sent), matrix: recordingSink('matrix', sent) },
    operators,
    clock,
    log: testLogger().log,
    ...extra,
  });
}

describe('a failing source', () => {
  it('is reported once after three failed polls, not again on the fourth, and its recovery once', async () => {
    const source: Source = { id: 'flaky', kind: 'rss', url: server.url('/flaky.xml'), everyMs: 60_000, tags: [], fetchArticle: false, title: 'Flaky Feed' };
    const stores = createStores(redis, prefix, { pickStory });
    const sent: Sent[] = [];
    const workers = [reporterWith(sent), reporterWith(sent)];
    const pending: Promise<void>[] = [];
    let turn = 0;
    const deps: PollDeps = {
      getSource: async (id) => (id === source.id ? source : undefined),
      fetcher,
      items: stores.items,
      health: stores.health,
      meetings: stores.meetings,
      enqueueEnrich: async () => undefined,
      // As the lead wires it: the hook is synchronous, the report runs alongside. Alternate "workers".
      onHealthChange: (s, h, p) => void pending.push(workers[turn++ % 2]!.sourceHealthChanged(s, h, p)),
      clock,
      log: testLogger().log,
    };
    const poll = async () => {
      clockNow = new Date(clockNow.getTime() + 60_000);
      const result = await pollSource({ sourceId: 'flaky', force: true }, deps);
      await Promise.all(pending.splice(0));
      return result;
    };

    server.set('/flaky.xml', { body: rssFeed('Flaky', [{ guid: '1', title: 'One', description: 'x' }]), contentType: 'application/rss+xml' });
    expect((await poll()).status).toBe('new-items');
    server.set('/flaky.xml', { status: 503, body: 'down' });
    for (let i = 0; i < 3; i++) expect((await poll()).status).toBe('failed');
    expect(sent.map((s) => s.platform)).toEqual(['discord', 'matrix']);
    const report = sent[0]!.message;
    expect(report.title).toBe('Source failing: Flaky Feed (flaky)');
    expect(report.url).toBe(source.url);
    expect(report.fields).toEqual([
      { name: 'What failed', value: `3 polls in a row of ${source.url} (rss)` },
      { name: 'Since', value: 'the first poll after its last success, 2026-11-23 10:01 UTC' },
      { name: 'Last error', value: 'the server answered with an error (HTTP 503 — service unavailable) (2026-11-23 10:04 UTC)' },
      { name: 'What to try', value: expect.stringMatching(/looks down or overloaded/) },
    ]);
    expect(sent.map((s) => s.target)).toEqual([operators.discord, operators.matrix]);
    expect(sent[0]!.key).toBe(sent[1]!.key);
    expect(sent[0]!.key.length).toBeLessThanOrEqual(25);

    expect((await poll()).status).toBe('failed');
    // Even a hook called again for the same incident (another worker, a replayed job) adds nothing.
    const health = await stores.health.get('flaky');
    await workers[1]!.sourceHealthChanged(source, health!, { ...health!, healthy: true });
    expect(sent).toHaveLength(2);

    server.set('/flaky.xml', { body: rssFeed('Flaky', [{ guid: '1', title: 'One', description: 'x' }]), contentType: 'application/rss+xml' });
    expect((await poll()).status).not.toBe('failed');
    expect(sent).toHaveLength(4);
    expect(sent[2]!.message.title).toBe('Source recovered: Flaky Feed (flaky)');
    expect(sent[2]!.message.text).toBe('flaky was read successfully again at 2026-11-23 10:06 UTC (reported failing at 2026-11-23 10:04 UTC). It is polled at its normal interval again.');
    expect(sent[2]!.key).not.toBe(sent[0]!.key);
    await workers[0]!.sourceHealthChanged(source, (await stores.health.get('flaky'))!, health);
    expect(sent).toHaveLength(4);

    // A new incident later is a new report with a new key.
    server.set('/flaky.xml', { status: 404, body: 'gone' });
    for (let i = 0; i < 3; i++) await poll();
    expect(sent).toHaveLength(6);
    expect(sent[4]!.key).not.toBe(sent[0]!.key);
    expect(sent[4]!.message.fields?.[3]?.value).toMatch(/may have moved or been removed/);
  });

  it('logs instead of throwing when no operators channel is configured or the platform is down', async () => {
    const sent: Sent[] = [];
    const logs = testLogger();
    const source: Source = { id: 'quiet', kind: 'rss', url: 'https://q.example.org/feed', everyMs: 60_000, tags: [], fetchArticle: false };
    const unhealthy = { sourceId: 'quiet', consecutiveFailures: 3, itemsSeen: 0, healthy: false, seeded: false, lastError: { kind: 'dns', message: 'the host name could not be found', at: '2026-11-23T10:00:00.000Z' } };
    await createOperatorReporter({ redis, prefix, sinks: {}, operators: {}, clock, log: logs.log }).sourceHealthChanged(source, unhealthy, undefined);
    expect(logs.records().some((r) => String(r.msg).includes('no operators channel or room is configured'))).toBe(true);

    const down = createOperatorReporter({ redis, prefix: `${prefix}-down`, sinks: { matrix: recordingSink('matrix', sent, 1) }, operators: { matrix: '!ops:example.org' }, clock, log: logs.log });
    await expect(down.sourceHealthChanged(source, unhealthy, undefined)).resolves.toBeUndefined();
    expect(logs.records().some((r) => r.msg === 'operator report could not be sent')).toBe(true);
    await deleteByPrefix(`${prefix}-down`);
  });
});

describe('a lost chat target', () => {
  const sub: Subscription = {
    id: 'w1234abcd',
    platform: 'discord',
    target: '700000000000000007',
    personal: false,
    filter: { tags: [], keywords: [], groups: [], sources: [], minScore: 0 },
    mode: 'instant',
    timeZone: 'UTC',
    createdBy: '500',
    createdAt: '2026-11-01T00:00:00Z',
  };

  it('is reported once however many deliveries fail, and once when posting works again', async () => {
    const sent: Sent[] = [];
    const reporter = reporterWith(sent, { operators: { matrix: operators.matrix } });
    const err = new TargetLostError('discord', sub.target, 'Missing Access (50001)');
    await Promise.all([reporter.targetLost(sub, err), reporter.targetLost(sub, err), reporter.targetLost({ ...sub, id: 'w2' }, err)]);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.message.title).toBe('Cannot post to channel 700000000000000007 on discord');
    expect(sent[0]!.message.text).toContain('Missing Access (50001)');
    await reporter.targetReachable('discord', sub.target);
    await reporter.targetReachable('discord', sub.target);
    expect(sent.map((s) => s.message.title)).toEqual(['Cannot post to channel 700000000000000007 on discord', 'Posting works again: discord 700000000000000007']);
  });
});

describe('queue failures', () => {
  it('are reported once when they pile up between two checks, and once when they stop', async () => {
    const sent: Sent[] = [];
    const reporter = reporterWith(sent, { operators: { discord: operators.discord }, queueFailureThreshold: 10 });
    await reporter.queueFailures('deliver', 500); // the first look is a baseline: old failures are not news
    await reporter.queueFailures('deliver', 505);
    expect(sent).toHaveLength(0);
    await reporter.queueFailures('deliver', 530);
    await reporter.queueFailures('deliver', 560);
    expect(sent.map((s) => s.message.title)).toEqual(['Jobs are failing in the deliver queue']);
    expect(sent[0]!.message.text).toBe('25 jobs failed since the last check (530 failed jobs are kept). This is reported once; you will hear when failures stop.');
    await reporter.queueFailures('deliver', 563);
    expect(sent).toHaveLength(1);
    await reporter.queueFailures('deliver', 563);
    await reporter.queueFailures('deliver', 563);
    expect(sent.map((s) => s.message.title)).toEqual(['Jobs are failing in the deliver queue', 'The deliver queue is calm again']);
  });
});
