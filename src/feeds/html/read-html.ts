// Generic page watch for sites without a feed: `source.selectors` name the entries on the page.
import * as cheerio from 'cheerio';
import type { HtmlSelectors, RawItem } from '../../core/types.js';
import { parseFeedDate } from '../dates.js';
import { ParseError } from '../parse-error.js';
import { finishItems, type ItemDraft } from '../rss/finish-items.js';
import { collapseWhitespace } from '../text.js';

export interface HtmlRead {
  items: RawItem[];
  title?: string;
  warnings: string[];
}

export function readHtmlPage(html: string, selectors: HtmlSelectors | undefined, pageUrl: string): HtmlRead {
  if (!selectors?.entry) {
    throw new ParseError('parse', 'an html source needs selectors: {entry, title?, link?, date?, summary?}');
  }
  const $ = cheerio.load(html);
  let entries;
  try {
    entries = $(selectors.entry).toArray();
  } catch (err) {
    throw new ParseError('parse', `the entry selector "${selectors.entry}" is not valid CSS: ${(err as Error).message}`, { cause: err });
  }
  if (entries.length === 0) {
    throw new ParseError('layout-changed', `page layout changed: the entry selector "${selectors.entry}" matched nothing`);
  }
  const drafts: ItemDraft[] = entries.map((node) => {
    const el = $(node);
    // No selector (or `:scope`) names the entry itself, e.g. when the entry is the <a>.
    const select = (selector: string | undefined) => (!selector || selector === ':scope' ? el : el.find(selector).first());
    const titleEl = select(selectors.title);
    const linkEl = selectors.link ? select(selectors.link) : el.is('a[href]') ? el : titleEl.is('a[href]') ? titleEl : el.find('a[href]').first();
    const dateEl = selectors.date ? select(selectors.date) : undefined;
    const summaryEl = selectors.summary ? select(selectors.summary) : undefined;
    const rawDate = dateEl?.attr('datetime') ?? dateEl?.attr('content') ?? dateEl?.text();
    return {
      title: collapseWhitespace(titleEl.text()),
      link: linkEl.attr('href'),
      published: parseFeedDate(rawDate),
      content: summaryEl ? summaryEl.html() ?? undefined : undefined,
    };
  });
  const result = finishItems(drafts, pageUrl);
  const warnings = [...result.warnings];
  const withoutLink = result.items.filter((i) => !i.url).length;
  if (withoutLink) warnings.push(`${withoutLink} entr(y/ies) had no link`);
  if (selectors.date && result.items.every((i) => !i.published)) warnings.push(`the date selector "${selectors.date}" gave no readable date`);
  const title = collapseWhitespace($('title').first().text());
  return { items: result.items, warnings, ...(title ? { title } : {}) };
}
