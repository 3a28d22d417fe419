// What an operator types becomes a Source: ids, intervals, tags; and what operators are told to try.
import { describe, expect, it } from 'vitest';
import type { Source, SourceHealth } from '../../../src/core/types.js';
import { kindFromDetected, normaliseTags, parseEvery, slugify, suggestId } from '../../../src/sources/new-source.js';
import { hintFor } from '../../../src/sources/operator-messages.js';

describe('new source helpers', () => {
  it('makes an id from a title, dropping accents and punctuation', () => {
    expect(slugify('Élysée — Communiqués & Presse!')).toBe('elysee-communiques-presse');
    expect(slugify('%%%')).toBeUndefined();
  });

  it('suggests an id from the host and path when there is no title, and never one already taken', () => {
    expect(suggestId('https://www.itu.int/hub/feed/', undefined, new Set())).toBe('itu-int-hub-feed');
    expect(suggestId('https://x.org/', 'ITU News', new Set(['itu-news', 'itu-news-2']))).toBe('itu-news-3');
  });

  it('reads every: within one minute and seven days, 15 minutes by default', () => {
    expect(parseEvery(undefined)).toBe(900_000);
    expect(parseEvery('1h30m')).toBe(5_400_000);
    expect(() => parseEvery('30s')).toThrow(/at least 1m/);
    expect(() => parseEvery('2w')).toThrow(/at most 7d/);
    expect(() => parseEvery('often')).toThrow(/expected a duration/);
  });

  it('normalises tags and refuses ones with nothing usable', () => {
    expect(normaliseTags(['Digital Identity', 'digital-identity', 'ITU'])).toEqual(['digital-identity', 'itu']);
    expect(() => normaliseTags(['!!'])).toThrow(/not a usable tag/);
  });

  it('reads a JSON Feed as rss and refuses a plain page', () => {
    expect(kindFromDetected('json-feed')).toBe('rss');
    expect(kindFromDetected('ics')).toBe('ics');
    expect(kindFromDetected('html')).toBeUndefined();
  });
});

describe('hintFor', () => {
  const source: Source = { id: 's', kind: 'rss', url: 'https://s.example.org/feed', everyMs: 60_000, tags: [], fetchArticle: false };
  const health = (kind: string, message: string): SourceHealth => ({ sourceId: 's', consecutiveFailures: 3, itemsSeen: 0, healthy: false, seeded: true, lastError: { kind, message, at: '2026-11-23T10:00:00Z' } });

  it('suggests looking for a moved feed on 404 and 410, and waiting on 5xx', () => {
    expect(hintFor(source, health('http-status', 'the server answered with an error (HTTP 410 — the feed was removed)'))).toMatch(/may have moved or been removed/);
    expect(hintFor(source, health('http-status', 'the server answered with an error (HTTP 502 — bad gateway)'))).toMatch(/looks down or overloaded/);
  });

  it('points at fetch.allowHosts for a blocked address and at sources check for unreadable content', () => {
    expect(hintFor(source, health('blocked-address', 'x'))).toMatch(/fetch\.allowHosts/);
    expect(hintFor(source, health('layout-changed', 'page layout changed'))).toContain('standards-watch sources check https://s.example.org/feed');
  });
});
