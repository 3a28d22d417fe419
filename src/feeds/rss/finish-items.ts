// Turning loosely read entries into RawItems, the same way for every reader: titles as plain text,
// links resolved and http(s) only, content capped, a stable guid when the source gave none,
// duplicates inside one document dropped.
import type { RawItem } from '../../core/types.js';
import { capText, cleanTitle, collapseWhitespace, htmlToText, MAX_CONTENT_CHARS, resolveLink, shortHash } from '../text.js';

export interface ItemDraft {
  title?: string | undefined;
  link?: string | undefined;
  guid?: string | undefined;
  published?: string | undefined;
  content?: string | undefined;
  author?: string | undefined;
  categories?: string[] | undefined;
}

export function finishItems(drafts: ItemDraft[], base: string): { items: RawItem[]; warnings: string[] } {
  const items: RawItem[] = [];
  const seen = new Set<string>();
  let duplicates = 0;
  let untitledDropped = 0;
  let capped = 0;

  for (const d of drafts) {
    const url = resolveLink(d.link, base);
    let content = d.content?.trim() || undefined;
    if (content && content.length > MAX_CONTENT_CHARS) {
      content = capText(content, MAX_CONTENT_CHARS);
      capped += 1;
    }
    let title = cleanTitle(d.title);
    if (!title && content) {
      const text = htmlToText(capText(content, 2_000));
      title = text.length > 120 ? `${text.slice(0, 119).trimEnd()}…` : text;
    }
    if (!title && url) title = url;
    if (!title) {
      untitledDropped += 1;
      continue;
    }
    const guid = d.guid?.trim() || (url ? undefined : `urn:sw:${shortHash(title, d.published, content?.slice(0, 500))}`);
    const key = guid ?? url ?? title;
    if (seen.has(key)) {
      duplicates += 1;
      continue;
    }
    seen.add(key);

    const item: RawItem = { title };
    if (guid) item.guid = guid;
    if (url) item.url = url;
    if (d.published) item.published = d.published;
    if (content) item.content = content;
    const author = d.author ? collapseWhitespace(htmlToText(d.author)) : '';
    if (author) item.author = author;
    const categories = [...new Set((d.categories ?? []).map((c) => collapseWhitespace(htmlToText(c))).filter(Boolean))];
    if (categories.length) item.categories = categories;
    items.push(item);
  }

  const warnings: string[] = [];
  if (duplicates) warnings.push(`${duplicates} duplicate item(s) in the feed were dropped`);
  if (untitledDropped) warnings.push(`${untitledDropped} item(s) had no title, link or text and were dropped`);
  if (capped) warnings.push(`${capped} item(s) had content over ${MAX_CONTENT_CHARS} characters; it was cut`);
  return { items, warnings };
}
