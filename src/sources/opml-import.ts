// `standards-watch sources import <file.opml>`: every feed of a reader's OPML
// export becomes a run-time source; folder names and categories become tags.
// Addresses already polled are skipped; with `check`, each feed is fetched once
// first (through the safe fetcher) and refused when it cannot be read.
import { parseDuration } from '../config/duration.js';
import { errorMessage, UserError } from '../core/errors.js';
import type { Source, SourceKind } from '../core/types.js';
import type { CheckReport } from '../feeds/check.js';
import { DEFAULT_EVERY_MS, kindFromDetected, slugify, suggestId } from './new-source.js';
import { parseOpml, type OpmlFeed } from './opml-parse.js';
import { sameUrl, type SourceRegistryAdmin } from './registry.js';

export interface ImportOptions {
  /** Interval of feeds that do not say (default 15m). */
  everyMs?: number;
  /** Tags added to every imported source. */
  tags?: string[];
  /** Trial fetch of each feed; without it, feeds are taken as RSS/Atom unverified. */
  check?: (url: string) => Promise<CheckReport>;
  /** Report what would happen, change nothing. */
  dryRun?: boolean;
  addedBy?: string;
  now?: Date;
}

export interface ImportReport {
  title?: string;
  added: Source[];
  skipped: { url: string; title?: string; reason: string }[];
  failed: { url: string; title?: string; problems: string[] }[];
  problems: string[];
}

const KINDS: readonly SourceKind[] = ['rss', 'ics', 'itu-group', 'html'];

export function tagsOf(feed: OpmlFeed, extra: readonly string[] = []): string[] {
  const out: string[] = [];
  const own = feed.extra.tags?.split(',') ?? [];
  for (const raw of [...feed.folders, ...feed.categories, ...own, ...extra]) {
    const tag = slugify(raw, 60);
    if (tag && !out.includes(tag)) out.push(tag);
  }
  return out;
}

function selectorsOf(feed: OpmlFeed): Source['selectors'] {
  if (!feed.extra.selectors) return undefined;
  try {
    const value = JSON.parse(feed.extra.selectors) as Source['selectors'];
    return value && typeof value.entry === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

export async function importOpml(text: string, registry: Pick<SourceRegistryAdmin, 'list' | 'add'>, opts: ImportOptions = {}): Promise<ImportReport> {
  const doc = parseOpml(text);
  const report: ImportReport = { added: [], skipped: [], failed: [], problems: [...doc.problems] };
  if (doc.title) report.title = doc.title;
  const known = await registry.list();
  const taken = new Set(known.map((s) => s.id));
  const urls = known.map((s) => ({ id: s.id, url: s.url }));

  for (const feed of doc.feeds) {
    const base = { url: feed.xmlUrl, ...(feed.title ? { title: feed.title } : {}) };
    if (!/^https?:\/\//i.test(feed.xmlUrl) || !URL.canParse(feed.xmlUrl)) {
      report.skipped.push({ ...base, reason: 'not an http(s) address' });
      continue;
    }
    const dup = urls.find((u) => sameUrl(u.url, feed.xmlUrl));
    if (dup) {
      report.skipped.push({ ...base, reason: `already polled as ${dup.id}` });
      continue;
    }
    let kind = KINDS.find((k) => k === feed.extra.kind);
    const selectors = selectorsOf(feed);
    if (kind === 'html' && !selectors) {
      report.failed.push({ ...base, problems: ['an html source needs its CSS selectors (sw:selectors)'] });
      continue;
    }
    // Our export labels an untitled source with its id (readers need a label): that is no title.
    let title = feed.title !== undefined && feed.title === feed.extra.id ? undefined : feed.title;
    if (opts.check) {
      const checked = await opts.check(feed.xmlUrl).catch((err: unknown): CheckReport => ({ url: feed.xmlUrl, ok: false, itemCount: 0, meetingCount: 0, first: [], problems: [errorMessage(err)] }));
      kind ??= kindFromDetected(checked.kind);
      if (!checked.ok || !kind) {
        report.failed.push({ ...base, problems: checked.problems.length ? checked.problems : ['it could not be read as a feed or calendar'] });
        continue;
      }
      title ??= checked.title;
    }
    const wantedId = feed.extra.id && slugify(feed.extra.id, 60) === feed.extra.id && !taken.has(feed.extra.id) ? feed.extra.id : undefined;
    const id = wantedId ?? suggestId(feed.xmlUrl, title, taken);
    const everyMs = (feed.extra.every ? parseDuration(feed.extra.every) : undefined) ?? opts.everyMs ?? DEFAULT_EVERY_MS;
    const source: Source = {
      id,
      kind: kind ?? 'rss',
      url: feed.xmlUrl,
      everyMs: Math.max(60_000, everyMs),
      tags: tagsOf(feed, opts.tags),
      fetchArticle: feed.extra['fetch-article'] === 'true',
      ...(title ? { title: title.slice(0, 200) } : {}),
      ...(feed.extra.paused === 'true' ? { paused: true } : {}),
      ...(feed.extra.body ? { body: feed.extra.body } : {}),
      ...(feed.extra.group ? { group: feed.extra.group } : {}),
      ...(selectors ? { selectors } : {}),
    };
    try {
      const added = opts.dryRun ? source : await registry.add(source, { ...(opts.addedBy ? { addedBy: opts.addedBy } : {}), ...(opts.now ? { at: opts.now } : {}) });
      report.added.push(added);
      taken.add(id);
      urls.push({ id, url: feed.xmlUrl });
    } catch (err) {
      if (!(err instanceof UserError)) throw err;
      report.failed.push({ ...base, problems: [err.message] });
    }
  }
  return report;
}

export function formatImportReport(r: ImportReport, dryRun = false): string {
  const lines = [`${dryRun ? 'Would add' : 'Added'} ${r.added.length} source(s); skipped ${r.skipped.length}; failed ${r.failed.length}.`];
  for (const s of r.added) lines.push(`  + ${s.id} (${s.kind}, ${s.tags.join(', ') || 'no tags'})  ${s.url}`);
  for (const s of r.skipped) lines.push(`  = ${s.title ?? s.url}: ${s.reason}  ${s.url}`);
  for (const f of r.failed) lines.push(`  ! ${f.title ?? f.url}: ${f.problems.join(' ')}  ${f.url}`);
  for (const p of r.problems) lines.push(`  note: ${p}`);
  return lines.join('\n');
}
