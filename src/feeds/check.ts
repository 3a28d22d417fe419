// `standards-watch sources check <url>` and `sources add`: fetch one URL, read it, say in plain
// words what was found and what is wrong.
import * as cheerio from 'cheerio';
import type { RawItem, Source, SourceKind } from '../core/types.js';
import type { Fetcher } from './fetcher.js';
import { describeError } from './health.js';
import { detectKind, readSource } from './read-source.js';
import { resolveLink } from './text.js';
import { decodeText } from './decode-text.js';

export interface CheckReport {
  url: string;
  finalUrl?: string;
  kind?: string;
  ok: boolean;
  title?: string;
  itemCount: number;
  meetingCount: number;
  /** Up to 5. */
  first: RawItem[];
  /** Plain words. */
  problems: string[];
}

const ITU_GROUP_PAGE = /^https?:\/\/(www\.)?itu\.int\/(en|fr|es|ar|ru|zh)\/ITU-T\/(focusgroups|studygroups|tsag|jca)\//i;

export async function checkUrl(url: string, fetcher: Fetcher, opts?: { kind?: SourceKind }): Promise<CheckReport> {
  const report: CheckReport = { url, ok: false, itemCount: 0, meetingCount: 0, first: [], problems: [] };
  let fetched;
  try {
    fetched = await fetcher.fetch({ url });
  } catch (err) {
    report.problems.push(`Could not fetch it: ${describeError(err).message}.`);
    return report;
  }
  report.finalUrl = fetched.url;
  if (fetched.status === 'not-modified') {
    report.problems.push('The server answered 304 Not Modified to a request without a cache; try again.');
    return report;
  }
  if (fetched.url !== url) report.problems.push(`It redirects to ${fetched.url}; consider using that address.`);

  const detected = detectKind(fetched.body, fetched.contentType);
  let kind: SourceKind | undefined = opts?.kind;
  if (!kind) {
    if (detected === 'json-feed' || detected === 'rss') kind = 'rss';
    else if (detected === 'ics') kind = 'ics';
    else if (detected === 'html') kind = ITU_GROUP_PAGE.test(fetched.url) ? 'itu-group' : 'html';
  }
  report.kind = detected === 'json-feed' && kind === 'rss' ? 'json-feed' : kind;
  if (!kind) {
    report.problems.push(`It is not a feed, calendar or web page we can read (Content-Type: ${fetched.contentType ?? 'none'}).`);
    return report;
  }
  if (kind === 'html') {
    const feeds = feedLinks(fetched.body, fetched.contentType, fetched.url);
    if (feeds.length) report.problems.push(`This is a web page that links to feed(s): ${feeds.join(', ')}. Use one of those instead.`);
    report.problems.push('A plain web page needs kind "html" with CSS selectors for its entries ({entry, title, link, date}).');
    return report;
  }

  const source: Source = { id: 'check', kind, url: fetched.url, everyMs: 0, tags: [], fetchArticle: false };
  try {
    const read = await readSource(source, fetched);
    report.ok = true;
    if (read.title) report.title = read.title;
    report.itemCount = read.items.length;
    report.meetingCount = read.meetings.length;
    report.first = read.items.slice(0, 5);
    report.problems.push(...read.warnings.map(sentence));
    if (read.items.length === 0 && read.meetings.length === 0) report.problems.push('It has no entries right now.');
    const undated = read.items.filter((i) => !i.published).length;
    if (undated > 0 && read.items.length > 0) {
      report.problems.push(`${undated} of ${read.items.length} entries have no readable date (first-seen time will be used).`);
    }
  } catch (err) {
    report.problems.push(`It could not be read: ${describeError(err).message}.`);
  }
  return report;
}

function sentence(s: string): string {
  const t = s.trim();
  return t ? `${t[0]?.toUpperCase()}${t.slice(1)}${/[.!?]$/.test(t) ? '' : '.'}` : t;
}

/** <link rel="alternate" type="application/rss+xml" href="…"> found in a page. */
export function feedLinks(body: Buffer, contentType: string | undefined, pageUrl: string): string[] {
  const $ = cheerio.load(decodeText(body, contentType).text);
  return $('link[rel~="alternate"]')
    .toArray()
    .filter((el) => /(rss|atom|feed)\+(xml|json)|text\/calendar/i.test($(el).attr('type') ?? ''))
    .map((el) => resolveLink($(el).attr('href'), pageUrl))
    .filter((u): u is string => !!u);
}

export function formatCheckReport(r: CheckReport): string {
  const lines: string[] = [];
  lines.push(`${r.ok ? 'OK' : 'NOT OK'}  ${r.url}`);
  if (r.finalUrl && r.finalUrl !== r.url) lines.push(`  final URL: ${r.finalUrl}`);
  if (r.kind) lines.push(`  kind:      ${r.kind}`);
  if (r.title) lines.push(`  title:     ${r.title}`);
  if (r.ok) lines.push(`  found:     ${r.itemCount} item(s), ${r.meetingCount} meeting(s)`);
  if (r.first.length) {
    lines.push('  first entries:');
    for (const item of r.first) {
      const date = item.published ? item.published.slice(0, 10) : 'no date   ';
      lines.push(`    ${date}  ${item.title}`);
      if (item.url) lines.push(`                ${item.url}`);
    }
  }
  if (r.problems.length) {
    lines.push('  problems:');
    for (const p of r.problems) lines.push(`    - ${p}`);
  }
  return lines.join('\n');
}
