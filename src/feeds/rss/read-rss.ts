// RSS 0.9x / 1.0 (RDF) / 2.0 and Atom through rss-parser, after cleanXml has made the XML safe.
import Parser from 'rss-parser';
import type { RawItem } from '../../core/types.js';
import { parseFeedDate } from '../dates.js';
import { ParseError } from '../parse-error.js';
import { cleanXml } from '../xml-clean.js';
import { finishItems, type ItemDraft } from './finish-items.js';

// One parser per read: xml2js parser objects hold per-document state.
const newParser = () =>
  new Parser({
    customFields: {
      item: ['description', 'published-raw', 'updated-raw', 'id', 'guid'],
    },
  });

type Loose = Record<string, unknown>;

/** A string from whatever xml2js made of an element: text, {_: text}, [text], {$: {term}}. */
export function str(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v)) return str(v[0]);
  if (typeof v === 'object') {
    const o = v as Loose;
    if (typeof o._ === 'string') return o._;
    const attrs = o.$ as Loose | undefined;
    if (attrs && typeof attrs.term === 'string') return attrs.term;
    if (attrs && typeof attrs.href === 'string') return attrs.href;
  }
  return undefined;
}

/**
 * rss-parser turns Atom <published>/<updated> into Dates itself and rejects the whole feed on one
 * unreadable date; hide them from it under other names and parse them here.
 */
function protectAtomDates(xml: string): string {
  if (!/<feed[\s>]/.test(xml.slice(0, 4096))) return xml;
  return xml.replace(/<(\/?)(published|updated)(\s[^>]*)?>/g, '<$1$2-raw$3>');
}

export interface FeedRead {
  title?: string;
  items: RawItem[];
  warnings: string[];
}

export async function readRssText(text: string, feedUrl: string): Promise<FeedRead> {
  const xml = protectAtomDates(cleanXml(text));
  if (!xml.trim()) throw new ParseError('empty', 'the feed is empty');
  let feed: Loose & { items?: Loose[] };
  try {
    feed = (await newParser().parseString(xml)) as unknown as Loose & { items?: Loose[] };
  } catch (err) {
    const msg = err instanceof Error ? err.message.split('\n')[0] : String(err);
    throw new ParseError('parse', `not a readable RSS or Atom feed: ${msg}`, { cause: err });
  }
  const drafts: ItemDraft[] = (feed.items ?? []).map((it) => {
    const rawDate =
      str(it['published-raw']) ?? str(it.pubDate) ?? str(it['dc:date']) ?? str(it.date) ?? str(it['updated-raw']);
    const enclosure = it.enclosure as Loose | undefined;
    return {
      title: str(it.title),
      link: str(it.link) ?? str(enclosure?.url),
      guid: str(it.guid) ?? str(it.id) ?? str(it['rdf:about']),
      published: parseFeedDate(rawDate) ?? (rawDate ? fallbackDate(str(it.isoDate)) : undefined),
      content: str(it['content:encoded']) ?? str(it.content) ?? str(it.summary) ?? str(it.description),
      author: str(it.creator) ?? str(it.author),
      categories: Array.isArray(it.categories) ? it.categories.map(str).filter((c): c is string => !!c) : [],
    };
  });
  const result = finishItems(drafts, siteBase(str(feed.link), feedUrl));
  const title = str(feed.title);
  return { ...result, ...(title ? { title } : {}) };
}

function fallbackDate(iso: string | undefined): string | undefined {
  if (!iso) return undefined;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}

/** Relative item links resolve against the site link of the feed when it has one, else the feed URL. */
function siteBase(link: string | undefined, feedUrl: string): string {
  try {
    if (link) {
      const site = new URL(link, feedUrl);
      if (site.protocol === 'http:' || site.protocol === 'https:') return site.href;
    }
  } catch {
    // fall through to the feed URL
  }
  return feedUrl;
}
