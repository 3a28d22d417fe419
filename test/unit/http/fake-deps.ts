// In-memory HttpDeps for route tests: plain arrays behind the same functions the real stores offer.
import { pino } from 'pino';
import type { LatestQuery } from '../../../src/core/ports.js';
import type { Group, Item, Meeting, Source, SourceHealth } from '../../../src/core/types.js';
import type { HttpDeps } from '../../../src/http/deps.js';
import { createMetrics } from '../../../src/metrics.js';

export const NOW = new Date('2024-03-01T12:00:00Z');

export function item(n: number, extra: Partial<Item> = {}): Item {
  return {
    id: `i${String(n).padStart(16, '0')}`,
    sourceId: 'news',
    url: `https://news.example.org/articles/${n}`,
    title: `Item ${n}`,
    published: new Date(NOW.getTime() - n * 3_600_000).toISOString(),
    seenAt: NOW.toISOString(),
    content: '',
    summary: `Summary of item ${n}.`,
    tags: ['surveillance'],
    entities: [],
    groups: [],
    score: 0.5,
    storyId: `s${n}`,
    enriched: true,
    ...extra,
  };
}

export function source(id: string, extra: Partial<Source> = {}): Source {
  return { id, kind: 'rss', url: `https://${id}.example.org/feed.xml`, everyMs: 900_000, tags: [], fetchArticle: false, ...extra };
}

export interface FakeData {
  items: Item[];
  sources: Source[];
  health: SourceHealth[];
  meetings: Meeting[];
  groups: Group[];
}

/** Filters and orders like the Redis item store: by tag, group or source, newest first. */
function latest(items: Item[], q: LatestQuery): Item[] {
  return items
    .filter((i) => (!q.tag || i.tags.includes(q.tag)) && (!q.group || i.groups.includes(q.group)) && (!q.sourceId || i.sourceId === q.sourceId))
    .filter((i) => !q.enrichedOnly || i.enriched)
    .sort((a, b) => Date.parse(b.published) - Date.parse(a.published))
    .slice(0, q.limit);
}

export function fakeDeps(data: Partial<FakeData> = {}, extra: Partial<HttpDeps> = {}): HttpDeps & { data: FakeData } {
  const full: FakeData = {
    items: data.items ?? [],
    sources: data.sources ?? [source('news')],
    health: data.health ?? [],
    meetings: data.meetings ?? [],
    groups: data.groups ?? [{ id: 'itu-t-fg-mv', body: 'itu', names: ['FG-MV', 'metaverse focus group'], title: 'ITU-T Focus Group on metaverse' }],
  };
  return {
    data: full,
    items: { latest: async (q) => latest(full.items, q) },
    sources: { list: async () => full.sources, health: async () => full.health },
    meetings: { all: async () => full.meetings },
    groups: full.groups,
    tags: [
      { id: 'surveillance', label: 'Surveillance' },
      { id: 'digital-identity', label: 'Digital identity' },
    ],
    queueCounts: async () => ({ poll: { waiting: 1, active: 0, delayed: 0, failed: 0 }, enrich: { waiting: 4, active: 2, delayed: 0, failed: 1 } }),
    readiness: { redis: () => ({ ok: true }) },
    metrics: createMetrics({ processMetrics: false }),
    publicUrl: 'https://watch.example.org',
    version: '0.1.0',
    defaultTimeZone: 'Europe/Brussels',
    clock: { now: () => NOW },
    log: pino({ level: 'silent' }),
    ...extra,
  };
}
