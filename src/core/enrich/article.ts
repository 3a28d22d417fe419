// The readable article of a fetched HTML page (for items whose feed gave only a teaser):
// Mozilla Readability on a linkedom document, then the same text conversion as feed content.
// Pure: an HTML string in, text out; null when the page holds no article.
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { htmlToText } from './html-text.js';

export interface Article {
  title?: string;
  text: string;
}

const MIN_TEXT_CHARS = 140;

export function extractArticle(html: string, url: string): Article | null {
  let parsed: { title?: string | null; content?: string | null } | null;
  try {
    const { document } = parseHTML(html);
    // Readability resolves links against the page address.
    for (const prop of ['documentURI', 'baseURI', 'URL']) {
      Object.defineProperty(document, prop, { value: url, configurable: true });
    }
    parsed = new Readability(document as unknown as ConstructorParameters<typeof Readability>[0], { charThreshold: 300 }).parse();
  } catch {
    // Markup that linkedom or Readability cannot handle holds no article we could use.
    return null;
  }
  if (!parsed?.content) return null;
  const text = htmlToText(parsed.content);
  if (text.length < MIN_TEXT_CHARS) return null;
  const title = parsed.title?.trim();
  return title ? { title, text } : { text };
}
