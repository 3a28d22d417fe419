// JSON Feed 1.0 / 1.1 (https://jsonfeed.org/version/1.1).
import { parseFeedDate } from '../dates.js';
import { ParseError } from '../parse-error.js';
import { finishItems, type ItemDraft } from './finish-items.js';
import type { FeedRead } from './read-rss.js';

type Loose = Record<string, unknown>;

const s = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v : undefined);

export function isJsonFeed(value: unknown): value is Loose {
  return (
    typeof value === 'object' && value !== null &&
    typeof (value as Loose).version === 'string' &&
    /jsonfeed\.org\/version\//.test((value as Loose).version as string)
  );
}

export function readJsonFeedText(text: string, feedUrl: string): FeedRead {
  let doc: unknown;
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new ParseError('parse', `not valid JSON: ${(err as Error).message}`, { cause: err });
  }
  if (!isJsonFeed(doc)) throw new ParseError('parse', 'JSON, but not a JSON Feed (no jsonfeed.org version)');
  if (!Array.isArray(doc.items)) throw new ParseError('parse', 'JSON Feed without an items array');

  const drafts: ItemDraft[] = (doc.items as unknown[]).filter((i): i is Loose => typeof i === 'object' && i !== null).map((it) => {
    const authors = Array.isArray(it.authors) ? (it.authors as Loose[]) : it.author ? [it.author as Loose] : [];
    const author = authors.map((a) => s(a?.name)).filter(Boolean).join(', ');
    const id = it.id === undefined || it.id === null ? undefined : String(it.id);
    return {
      title: s(it.title),
      link: s(it.url) ?? s(it.external_url),
      guid: id,
      published: parseFeedDate(s(it.date_published) ?? s(it.date_modified)),
      content: s(it.content_html) ?? s(it.content_text) ?? s(it.summary),
      author: author || undefined,
      categories: Array.isArray(it.tags) ? (it.tags as unknown[]).filter((t): t is string => typeof t === 'string') : [],
    };
  });
  const base = s(doc.home_page_url) ?? feedUrl;
  let resolvedBase = feedUrl;
  try {
    resolvedBase = new URL(base, feedUrl).href;
  } catch {
    // keep the feed URL
  }
  const result = finishItems(drafts, resolvedBase);
  const title = s(doc.title);
  return { ...result, ...(title ? { title } : {}) };
}
