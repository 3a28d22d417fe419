// Small text helpers shared by the readers: HTML → plain text, safe link resolution, caps, ids.
import { createHash } from 'node:crypto';
import * as cheerio from 'cheerio';

/** Largest content kept per item (characters); longer `content:encoded` is cut. */
export const MAX_CONTENT_CHARS = 100_000;
/** Longest title kept (characters). */
export const MAX_TITLE_CHARS = 500;

export function collapseWhitespace(s: string): string {
  return s.replace(/[\s\u00a0\u200b]+/g, ' ').trim();
}

/** Strip markup and decode entities: `A &amp; <b>B</b>` → `A & B`. */
export function htmlToText(html: string | undefined): string {
  if (!html) return '';
  if (!/[<&]/.test(html)) return collapseWhitespace(html);
  const $ = cheerio.load(`<div id="x">${html}</div>`, null, false);
  $('script, style, noscript').remove();
  $('br, p, div, li, h1, h2, h3, h4, h5, h6, tr').after(' ');
  return collapseWhitespace($.root().text());
}

export function capText(s: string, max: number): string {
  if (s.length <= max) return s;
  // Do not cut a surrogate pair in half.
  let end = max;
  const code = s.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return s.slice(0, end);
}

export function cleanTitle(raw: string | undefined): string {
  const text = htmlToText(raw);
  return text.length > MAX_TITLE_CHARS ? `${capText(text, MAX_TITLE_CHARS - 1).trimEnd()}…` : text;
}

/** Resolve a link against a base; only http(s) results are kept. */
export function resolveLink(href: string | undefined, base: string | undefined): string | undefined {
  const raw = href?.trim();
  if (!raw) return undefined;
  try {
    const url = base ? new URL(raw, base) : new URL(raw);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    return url.href;
  } catch {
    return undefined;
  }
}

export function shortHash(...parts: Array<string | undefined>): string {
  return createHash('sha256')
    .update(parts.map((p) => p ?? '').join('\u001f'))
    .digest('hex')
    .slice(0, 24);
}
