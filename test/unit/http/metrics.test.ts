import { describe, expect, it } from 'vitest';
import { createMetrics, deliveryLatencyMs, pipelineMetricsHooks, pollErrorKind, recordPollResult } from '../../../src/metrics.js';

async function sample(text: string, name: string, labels: Record<string, string> = {}): Promise<number | undefined> {
  const want = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue;
    const m = /^([a-z_:]+)(\{[^}]*\})?\s+(\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    if (want.every((w) => (m[2] ?? '').includes(w))) return Number(m[3]);
  }
  return undefined;
}

describe('metrics', () => {
  it('counts polls by source and outcome, new and fetched items, and fetch errors by kind', async () => {
    const m = createMetrics({ processMetrics: false });
    recordPollResult(m, { sourceId: 'itu-news', status: 'new-items', newItemIds: ['a', 'b', 'c'], found: 20 });
    recordPollResult(m, { sourceId: 'itu-news', status: 'failed', newItemIds: [], error: 'timeout: the source did not answer in time (30 s)' });
    recordPollResult(m, { sourceId: 'w3c', status: 'failed', newItemIds: [], error: 'something odd' });
    const text = await m.registry.metrics();
    expect(await sample(text, 'sw_polls_total', { source: 'itu-news', status: 'new-items' })).toBe(1);
    expect(await sample(text, 'sw_polls_total', { source: 'itu-news', status: 'failed' })).toBe(1);
    expect(await sample(text, 'sw_items_new_total', { source: 'itu-news' })).toBe(3);
    expect(await sample(text, 'sw_items_fetched_total', { source: 'itu-news' })).toBe(20);
    expect(await sample(text, 'sw_fetch_errors_total', { kind: 'timeout' })).toBe(1);
    expect(await sample(text, 'sw_fetch_errors_total', { kind: 'other' })).toBe(1);
  });

  it('reports the share of answered polls that were 304', async () => {
    const m = createMetrics({ processMetrics: false });
    expect(await sample(await m.registry.metrics(), 'sw_poll_not_modified_ratio')).toBe(0);
    m.pollResult('a', 'not-modified', 0);
    m.pollResult('a', 'not-modified', 0);
    m.pollResult('a', 'not-modified', 0);
    m.pollResult('a', 'no-change', 0);
    m.pollResult('a', 'failed', 0); // not an answer: does not count
    m.pollResult('a', 'skipped', 0);
    expect(await sample(await m.registry.metrics(), 'sw_poll_not_modified_ratio')).toBe(0.75);
  });

  it('records enrich time and delivery latency as histograms, and sends by platform and kind', async () => {
    const m = createMetrics({ processMetrics: false });
    m.enrichDuration(40);
    m.delivered('discord', 'alert', 1500);
    m.delivered('discord', 'alert', 45_000);
    m.delivered('matrix', 'digest');
    const text = await m.registry.metrics();
    expect(await sample(text, 'sw_enrich_duration_seconds_count')).toBe(1);
    expect(await sample(text, 'sw_enrich_duration_seconds_bucket', { le: '0.05' })).toBe(1);
    expect(await sample(text, 'sw_enrich_duration_seconds_bucket', { le: '0.025' })).toBe(0);
    expect(await sample(text, 'sw_messages_sent_total', { platform: 'discord', kind: 'alert' })).toBe(2);
    expect(await sample(text, 'sw_messages_sent_total', { platform: 'matrix', kind: 'digest' })).toBe(1);
    expect(await sample(text, 'sw_delivery_latency_seconds_count', { platform: 'discord' })).toBe(2);
    expect(await sample(text, 'sw_delivery_latency_seconds_bucket', { platform: 'discord', le: '2' })).toBe(1);
    expect(await sample(text, 'sw_delivery_latency_seconds_sum', { platform: 'discord' })).toBe(46.5);
    expect(await sample(text, 'sw_delivery_latency_seconds_count', { platform: 'matrix' })).toBeUndefined();
  });

  it('counts job failures by queue, final ones apart', async () => {
    const m = createMetrics({ processMetrics: false });
    m.jobFailed('deliver');
    m.jobFailed('deliver', true);
    m.jobFailed('deliver');
    const text = await m.registry.metrics();
    expect(await sample(text, 'sw_jobs_failed_total', { queue: 'deliver', final: 'false' })).toBe(2);
    expect(await sample(text, 'sw_jobs_failed_total', { queue: 'deliver', final: 'true' })).toBe(1);
  });

  it('reads queue depths at scrape time, and leaves them out when the counts cannot be read', async () => {
    let depth = 3;
    let broken = false;
    const m = createMetrics({ processMetrics: false });
    m.watchQueues(async () => {
      if (broken) throw new Error('Redis is down');
      return { enrich: { waiting: depth, active: 1 } };
    });
    expect(await sample(await m.registry.metrics(), 'sw_queue_jobs', { queue: 'enrich', state: 'waiting' })).toBe(3);
    depth = 7;
    expect(await sample(await m.registry.metrics(), 'sw_queue_jobs', { queue: 'enrich', state: 'waiting' })).toBe(7);
    broken = true;
    expect(await sample(await m.registry.metrics(), 'sw_queue_jobs', { queue: 'enrich', state: 'waiting' })).toBeUndefined();
  });

  it('keeps each registry apart and can add the process metrics', async () => {
    const a = createMetrics({ processMetrics: false });
    const b = createMetrics();
    a.jobFailed('poll');
    expect(await sample(await b.registry.metrics(), 'sw_jobs_failed_total', { queue: 'poll' })).toBeUndefined();
    expect(await b.registry.metrics()).toContain('sw_process_resident_memory_bytes');
  });

  it('reads the error kind of a failed poll and the latency from first sight', () => {
    expect(pollErrorKind('http-status: the server answered an error (HTTP 503)')).toBe('http-status');
    expect(pollErrorKind(undefined)).toBe('other');
    expect(pollErrorKind('weird kind with spaces: x')).toBe('other');
    expect(deliveryLatencyMs({ seenAt: '2024-01-01T00:00:00Z' }, new Date('2024-01-01T00:00:02.5Z'))).toBe(2500);
    expect(deliveryLatencyMs({ seenAt: 'garbage' }, new Date())).toBeUndefined();
  });
});

describe('pipeline metrics hooks', () => {
  it('times enrich runs, failed ones too, and counts alert latency from first sight only for new posts', async () => {
    const m = createMetrics({ processMetrics: false });
    const hooks = pipelineMetricsHooks(m, { now: () => new Date('2024-01-01T00:00:03Z') });
    expect(await hooks.timeEnrich(async () => 'done')).toBe('done');
    await expect(hooks.timeEnrich(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    hooks.onDelivered({ platform: 'matrix' }, { seenAt: '2024-01-01T00:00:00Z' }, 'sent');
    hooks.onDelivered({ platform: 'matrix' }, { seenAt: '2024-01-01T00:00:00Z' }, 'edited');
    hooks.onPollResult({ sourceId: 's', status: 'failed', newItemIds: [], error: 'timeout: slow' });
    hooks.onJobFailed('deliver', true);
    const text = await m.registry.metrics();
    expect(await sample(text, 'sw_enrich_duration_seconds_count')).toBe(2);
    expect(await sample(text, 'sw_delivery_latency_seconds_count', { platform: 'matrix' })).toBe(1);
    expect(await sample(text, 'sw_delivery_latency_seconds_sum', { platform: 'matrix' })).toBe(3);
    expect(await sample(text, 'sw_messages_sent_total', { platform: 'matrix', kind: 'alert-edit' })).toBe(1);
    expect(await sample(text, 'sw_fetch_errors_total', { kind: 'timeout' })).toBe(1);
    expect(await sample(text, 'sw_jobs_failed_total', { queue: 'deliver', final: 'true' })).toBe(1);
  });
});
