import { describe, expect, it } from 'vitest';
import type { Source } from '../../../src/core/types.js';
import { FetchError } from '../../../src/feeds/fetch-error.js';
import { describeError, nextPollDelayMs, recordFailure, recordSuccess, UNHEALTHY_AFTER } from '../../../src/feeds/health.js';
import { ParseError } from '../../../src/feeds/parse-error.js';

const MIN = 60_000;
const src = (everyMs: number): Source => ({ id: 'itu-news', kind: 'rss', url: 'https://www.itu.int/hub/feed/', everyMs, tags: [], fetchArticle: false });
const at = (n: number) => new Date(Date.UTC(2026, 2, 1, 0, n));
const fail = { kind: 'timeout', message: 'the server took too long to answer' };

describe('health transitions', () => {
  it('starts healthy and seeded after the first success, storing validators and counting items', () => {
    const h = recordSuccess(undefined, 'itu-news', at(0), 12, { etag: '"abc"', lastModified: 'Mon, 02 Mar 2026 10:00:00 GMT' });
    expect(h).toEqual({
      sourceId: 'itu-news',
      lastSuccess: at(0).toISOString(),
      lastAttempt: at(0).toISOString(),
      consecutiveFailures: 0,
      itemsSeen: 12,
      healthy: true,
      seeded: true,
      etag: '"abc"',
      lastModified: 'Mon, 02 Mar 2026 10:00:00 GMT',
    });
    const next = recordSuccess(h, 'itu-news', at(1), 3, {});
    expect(next.itemsSeen).toBe(15);
    expect(next.etag).toBeUndefined();
  });

  it('becomes unhealthy after three failures in a row, keeping the last success', () => {
    let h = recordSuccess(undefined, 'itu-news', at(0), 1, {});
    h = recordFailure(h, 'itu-news', at(1), fail);
    h = recordFailure(h, 'itu-news', at(2), fail);
    expect(h).toMatchObject({ consecutiveFailures: 2, healthy: true });
    h = recordFailure(h, 'itu-news', at(3), { kind: 'http-status', message: 'HTTP 500' });
    expect(UNHEALTHY_AFTER).toBe(3);
    expect(h).toMatchObject({
      consecutiveFailures: 3,
      healthy: false,
      seeded: true,
      lastSuccess: at(0).toISOString(),
      lastAttempt: at(3).toISOString(),
      lastError: { kind: 'http-status', message: 'HTTP 500', at: at(3).toISOString() },
    });
  });

  it('recovers on the next success', () => {
    let h = recordFailure(undefined, 'itu-news', at(1), fail);
    h = recordFailure(h, 'itu-news', at(2), fail);
    h = recordFailure(h, 'itu-news', at(3), fail);
    h = recordSuccess(h, 'itu-news', at(4), 0, {});
    expect(h).toMatchObject({ healthy: true, consecutiveFailures: 0, lastError: { kind: 'timeout' } });
  });

  it('a first poll that fails leaves the source unseeded', () => {
    expect(recordFailure(undefined, 'x', at(0), fail)).toMatchObject({ seeded: false, itemsSeen: 0, consecutiveFailures: 1 });
  });
});

describe('nextPollDelayMs', () => {
  const failures = (n: number) => {
    let h = recordSuccess(undefined, 'itu-news', at(0), 0, {});
    for (let i = 0; i < n; i += 1) h = recordFailure(h, 'itu-news', at(i + 1), fail);
    return h;
  };

  it('polls at the interval while healthy', () => {
    expect(nextPollDelayMs(src(30 * MIN), undefined)).toBe(30 * MIN);
    expect(nextPollDelayMs(src(30 * MIN), failures(2))).toBe(30 * MIN);
  });

  it('backs off exponentially while unhealthy, capped at 6× the interval', () => {
    const s = src(30 * MIN);
    expect([3, 4, 5, 6, 10].map((n) => nextPollDelayMs(s, failures(n)) / MIN)).toEqual([60, 120, 180, 180, 180]);
  });

  it('caps the back-off at 6 hours for long intervals, never below the interval', () => {
    expect(nextPollDelayMs(src(2 * 60 * MIN), failures(8))).toBe(6 * 60 * MIN);
    expect(nextPollDelayMs(src(24 * 60 * MIN), failures(8))).toBe(24 * 60 * MIN);
  });
});

describe('describeError', () => {
  it('puts fetch errors in plain words', () => {
    expect(describeError(new FetchError({ kind: 'http-status', url: 'u', status: 404, message: 'x' }))).toEqual({
      kind: 'http-status',
      message: 'the server answered with an error (HTTP 404 — page not found)',
    });
    expect(describeError(new FetchError({ kind: 'rate-limited', url: 'u', retryAfterMs: 120_000, message: 'x' })).message).toBe(
      'the server asked us to slow down (retry in 2 min)',
    );
    expect(describeError(new FetchError({ kind: 'blocked-address', url: 'u', message: 'refused to connect to localhost (127.0.0.1): a loopback address (this machine)' })).message).toMatch(
      /^the address points into a private or local network/,
    );
  });

  it('keeps the layout-changed message as it is', () => {
    expect(describeError(new ParseError('layout-changed', 'page layout changed: no meetings table found'))).toEqual({
      kind: 'layout-changed',
      message: 'page layout changed: no meetings table found',
    });
  });

  it('handles plain errors and non-errors', () => {
    expect(describeError(new Error('boom'))).toEqual({ kind: 'error', message: 'boom' });
    expect(describeError('weird')).toEqual({ kind: 'error', message: 'weird' });
  });
});
