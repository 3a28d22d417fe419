// Helpers for reader tests: load a fixture and run it through readSource as a given kind.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Source, SourceKind } from '../../../src/core/types.js';
import { readSource, type ReadResult } from '../../../src/feeds/read-source.js';

export function fixture(name: string): Buffer {
  return readFileSync(fileURLToPath(new URL(`../../fixtures/feeds/${name}`, import.meta.url)));
}

export function source(kind: SourceKind, extra: Partial<Source> = {}): Source {
  return { id: `test-${kind}`, kind, url: 'https://feeds.example/feed', everyMs: 60_000, tags: [], fetchArticle: false, ...extra };
}

export function read(
  name: string,
  kind: SourceKind = 'rss',
  opts: { contentType?: string; url?: string; now?: Date; source?: Partial<Source> } = {},
): Promise<ReadResult> {
  const fetched: { body: Buffer; contentType?: string; url: string } = {
    body: fixture(name),
    url: opts.url ?? 'https://feeds.example/dir/feed.xml',
  };
  if (opts.contentType) fetched.contentType = opts.contentType;
  return readSource(source(kind, opts.source), fetched, { now: opts.now ?? new Date('2026-03-01T00:00:00Z') });
}
