// Source health as pure transitions: the poll job calls these and the store persists the result.
import type { Source, SourceHealth } from '../core/types.js';
import { FetchError } from './fetch-error.js';
import { ParseError } from './parse-error.js';

/** A source is unhealthy after this many failed polls in a row. */
export const UNHEALTHY_AFTER = 3;
const SIX_HOURS_MS = 6 * 60 * 60 * 1000;
/** How much longer than its interval an unhealthy source may wait at most. */
const MAX_BACKOFF_FACTOR = 6;

function fresh(sourceId: string): SourceHealth {
  return { sourceId, consecutiveFailures: 0, itemsSeen: 0, healthy: true, seeded: false };
}

/**
 * A poll that got content or a 304. `cache` holds the validators to send next time: those of the
 * answer, or on a 304 the ones that were sent.
 */
export function recordSuccess(
  h: SourceHealth | undefined,
  sourceId: string,
  at: Date,
  itemsNew: number,
  cache: { etag?: string; lastModified?: string },
): SourceHealth {
  const prev = h ?? fresh(sourceId);
  const next: SourceHealth = {
    ...prev,
    sourceId,
    lastSuccess: at.toISOString(),
    lastAttempt: at.toISOString(),
    consecutiveFailures: 0,
    itemsSeen: prev.itemsSeen + Math.max(0, itemsNew),
    healthy: true,
    seeded: true,
  };
  // The validators of the latest answer replace the old ones; an answer without them clears them.
  delete next.etag;
  delete next.lastModified;
  if (cache.etag) next.etag = cache.etag;
  if (cache.lastModified) next.lastModified = cache.lastModified;
  return next;
}

export function recordFailure(
  h: SourceHealth | undefined,
  sourceId: string,
  at: Date,
  err: { kind: string; message: string },
): SourceHealth {
  const prev = h ?? fresh(sourceId);
  const consecutiveFailures = prev.consecutiveFailures + 1;
  return {
    ...prev,
    sourceId,
    lastAttempt: at.toISOString(),
    lastError: { kind: err.kind, message: err.message, at: at.toISOString() },
    consecutiveFailures,
    healthy: consecutiveFailures < UNHEALTHY_AFTER,
  };
}

/**
 * Delay before the next poll: the source's interval while healthy; doubling per failure once
 * unhealthy, capped at 6× the interval or 6 hours, whichever is smaller (never below the interval).
 */
export function nextPollDelayMs(source: Source, h: SourceHealth | undefined): number {
  const every = source.everyMs;
  if (!h || h.healthy || h.consecutiveFailures < UNHEALTHY_AFTER) return every;
  const cap = Math.max(every, Math.min(every * MAX_BACKOFF_FACTOR, SIX_HOURS_MS));
  const exponent = Math.min(h.consecutiveFailures - UNHEALTHY_AFTER + 1, 16);
  return Math.min(every * 2 ** exponent, cap);
}

const FETCH_WORDS: Record<string, string> = {
  'bad-url': 'the address is not a usable http(s) URL',
  'blocked-address': 'the address points into a private or local network, which is not allowed',
  dns: 'the host name could not be found',
  timeout: 'the server took too long to answer',
  'too-large': 'the response was too large',
  'too-many-redirects': 'the address redirected too many times (or in a loop)',
  'rate-limited': 'the server asked us to slow down',
  'http-status': 'the server answered with an error',
  network: 'the connection failed',
};

/** Kind and a plain-words message for users (operators' channel, `sources` listing, status page). */
export function describeError(err: unknown): { kind: string; message: string } {
  if (err instanceof FetchError) {
    const base = FETCH_WORDS[err.kind] ?? 'the fetch failed';
    let detail = err.message;
    if (err.kind === 'http-status' && err.status !== undefined) detail = `HTTP ${err.status}${statusWords(err.status)}`;
    if (err.kind === 'rate-limited' && err.retryAfterMs !== undefined) {
      detail = `retry in ${formatDuration(err.retryAfterMs)}`;
    }
    // The fetcher's own message may already be in plain words; don't say it twice.
    if (err.kind === 'dns') detail = detail.replace(/^the host name could not be resolved \((\w+)\)$/, '$1');
    return { kind: err.kind, message: `${base} (${detail})` };
  }
  // Readers already word their errors for people ("page layout changed: no meetings table found").
  if (err instanceof ParseError) return { kind: err.kind, message: err.message };
  if (err instanceof Error) {
    if (err.name === 'AbortError') return { kind: 'aborted', message: 'the fetch was cancelled' };
    return { kind: 'error', message: err.message || err.name };
  }
  return { kind: 'error', message: String(err) };
}

function statusWords(status: number): string {
  const words: Record<number, string> = {
    401: ' — needs a login',
    403: ' — access forbidden',
    404: ' — page not found',
    410: ' — the feed was removed',
    500: ' — server error',
    502: ' — bad gateway',
    503: ' — service unavailable',
    504: ' — gateway timeout',
  };
  return words[status] ?? '';
}

function formatDuration(ms: number): string {
  const s = Math.ceil(ms / 1000);
  if (s < 120) return `${s} s`;
  if (s < 7200) return `${Math.round(s / 60)} min`;
  return `${Math.round(s / 3600)} h`;
}
