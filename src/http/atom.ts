// Atom 1.0 (RFC 4287) from enriched items: pure, so the routes and the tests
// share it. Ids are tag: URIs (RFC 4151) under the public URL's host; entry
// links are written only when they are http(s); every text is XML-escaped.
import type { Item } from '../core/types.js';
import { escapeXml, safeHttpUrl } from './escape.js';

/** The date part of every tag: URI this installation mints; never change it (ids must stay stable). */
const TAG_DATE = '2024';

export interface AtomFeed {
  /** Feed title, e.g. "standards-watch — surveillance". */
  title: string;
  subtitle?: string;
  /** The part after `tag:host,date:`, e.g. `feed` or `feed/tag/surveillance`. */
  idPath: string;
  /** The feed's own address (rel=self). */
  selfUrl: string;
  /** The human page it belongs to (rel=alternate). */
  alternateUrl?: string;
  items: readonly Item[];
  /** Category labels by tag id (the taxonomy's labels). */
  tagLabels?: ReadonlyMap<string, string>;
  /** Used as `updated` when there is no entry. */
  now: Date;
  generator?: { name: string; version?: string };
}

/** The authority of our tag: URIs: the public URL's host name (no port; RFC 4151 allows none). */
export function tagAuthority(publicUrl: string): string {
  try {
    const host = new URL(publicUrl).hostname.replace(/^\[|\]$/g, '');
    return /^[a-z0-9.-]+$/i.test(host) ? host.toLowerCase() : 'localhost';
  } catch {
    return 'localhost';
  }
}

export function tagUri(authority: string, specific: string): string {
  return `tag:${authority},${TAG_DATE}:${specific.split('/').map(encodeURIComponent).join('/')}`;
}

/** RFC 3339 as Atom wants it; a time that does not parse falls back to `fallback`. */
function atomDate(value: string | undefined, fallback: Date): string {
  const ms = value ? Date.parse(value) : Number.NaN;
  return new Date(Number.isFinite(ms) ? ms : fallback.getTime()).toISOString();
}

function entryUpdated(item: Item, now: Date): string {
  return atomDate(item.published || item.seenAt, now);
}

function renderEntry(item: Item, authority: string, labels: ReadonlyMap<string, string> | undefined, now: Date): string {
  const link = safeHttpUrl(item.url);
  const lines = [
    '  <entry>',
    `    <id>${escapeXml(tagUri(authority, `item/${item.id}`))}</id>`,
    `    <title type="text">${escapeXml(item.title || '(untitled)')}</title>`,
    `    <updated>${entryUpdated(item, now)}</updated>`,
    `    <published>${entryUpdated(item, now)}</published>`,
  ];
  if (link) lines.push(`    <link rel="alternate" type="text/html" href="${escapeXml(link)}"/>`);
  if (item.summary) lines.push(`    <summary type="text">${escapeXml(item.summary)}</summary>`);
  for (const tag of item.tags) {
    const label = labels?.get(tag);
    lines.push(`    <category term="${escapeXml(tag)}"${label ? ` label="${escapeXml(label)}"` : ''}/>`);
  }
  lines.push('  </entry>');
  return lines.join('\n');
}

export function renderAtom(feed: AtomFeed): string {
  const authority = tagAuthority(feed.selfUrl);
  const newest = feed.items.reduce<string | undefined>((max, item) => {
    const at = entryUpdated(item, feed.now);
    return max === undefined || at > max ? at : max;
  }, undefined);
  const head = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <id>${escapeXml(tagUri(authority, feed.idPath))}</id>`,
    `  <title type="text">${escapeXml(feed.title)}</title>`,
  ];
  if (feed.subtitle) head.push(`  <subtitle type="text">${escapeXml(feed.subtitle)}</subtitle>`);
  head.push(`  <updated>${newest ?? feed.now.toISOString()}</updated>`);
  // A feed-level author makes entries without one valid.
  head.push(`  <author><name>${escapeXml(feed.generator?.name ?? 'standards-watch')}</name></author>`);
  const self = safeHttpUrl(feed.selfUrl);
  if (self) head.push(`  <link rel="self" type="application/atom+xml" href="${escapeXml(self)}"/>`);
  const alternate = safeHttpUrl(feed.alternateUrl);
  if (alternate) head.push(`  <link rel="alternate" type="text/html" href="${escapeXml(alternate)}"/>`);
  if (feed.generator) {
    const version = feed.generator.version ? ` version="${escapeXml(feed.generator.version)}"` : '';
    head.push(`  <generator${version}>${escapeXml(feed.generator.name)}</generator>`);
  }
  const entries = feed.items.map((item) => renderEntry(item, authority, feed.tagLabels, feed.now));
  return `${[...head, ...entries, '</feed>'].join('\n')}\n`;
}
