// Body in, items and meetings out: decode the bytes, then hand them to the reader of the
// source's kind. Pure apart from parsing.
import type { Meeting, RawItem, Source, SourceKind } from '../core/types.js';
import { decodeText } from './decode-text.js';
import { readHtmlPage } from './html/read-html.js';
import { readItuGroupHtml } from './itu/read-itu-group.js';
import { ParseError } from './parse-error.js';
import { readJsonFeedText } from './rss/read-json-feed.js';
import { readRssText } from './rss/read-rss.js';

export { ParseError, type ParseErrorKind } from './parse-error.js';

export interface ReadResult {
  items: RawItem[];
  meetings: Meeting[];
  /** Feed or page title. */
  title?: string;
  warnings: string[];
}

export type DetectedKind = SourceKind | 'json-feed';

/** Guess what a body is from its Content-Type and its first bytes. */
export function detectKind(body: Buffer, contentType?: string): DetectedKind | undefined {
  const type = (contentType ?? '').toLowerCase().split(';')[0]?.trim() ?? '';
  let head: string;
  try {
    head = decodeText(body.subarray(0, 4096), contentType).text;
  } catch {
    head = body.subarray(0, 4096).toString('latin1');
  }
  head = head.replace(/^[\s\uFEFF]+/, '');
  if (type === 'text/calendar' || /^BEGIN:VCALENDAR/i.test(head)) return 'ics';
  if (type === 'application/feed+json' || (/^\{/.test(head) && /"version"\s*:\s*"https?:\/\/jsonfeed\.org\/version\//.test(head))) {
    return 'json-feed';
  }
  // Skip the prolog, comments and processing instructions to reach the root element.
  const root = /^(?:<\?[\s\S]*?\?>\s*|<!--[\s\S]*?-->\s*|<!DOCTYPE[^>[]*(?:\[[\s\S]*?\])?\s*>\s*)*<([A-Za-z][\w:.-]*)/i.exec(head)?.[1]?.toLowerCase();
  if (root === 'rss' || root === 'rdf:rdf' || root === 'feed' || root === 'channel') return 'rss';
  if (root === 'html' || /<html[\s>]/i.test(head) || type === 'text/html' || type === 'application/xhtml+xml') return 'html';
  if (['application/rss+xml', 'application/atom+xml', 'application/rdf+xml'].includes(type)) return 'rss';
  return undefined;
}

export async function readSource(
  source: Source,
  fetched: { body: Buffer; contentType?: string; url: string },
  opts?: { now?: Date },
): Promise<ReadResult> {
  const blank = fetched.body.length < 4096 && /^[\s\u00EF\u00BB\u00BF]*$/.test(fetched.body.toString('latin1'));
  if (fetched.body.length === 0 || blank) {
    throw new ParseError('empty', 'the response was empty');
  }
  const { text, warnings: encodingWarnings } = decodeText(fetched.body, fetched.contentType);
  const now = opts?.now ?? new Date();
  const result = await readDecoded(source, text, fetched, now);
  return { ...result, warnings: [...encodingWarnings, ...result.warnings] };
}

async function readDecoded(
  source: Source,
  text: string,
  fetched: { body: Buffer; contentType?: string; url: string },
  now: Date,
): Promise<ReadResult> {
  switch (source.kind) {
    case 'rss': {
      const detected = detectKind(fetched.body, fetched.contentType);
      if (detected === 'html') {
        throw new ParseError('parse', 'expected a feed but got a web page (HTML); the feed may have moved');
      }
      const feed =
        detected === 'json-feed' || /^\s*\{/.test(text) ? readJsonFeedText(text, fetched.url) : await readRssText(text, fetched.url);
      return { items: feed.items, meetings: [], warnings: feed.warnings, ...(feed.title ? { title: feed.title } : {}) };
    }
    case 'ics': {
      const { readIcsText } = await import('./ics/read-ics.js'); // node-ical: loaded for calendars only
      const cal = readIcsText(text, source, now);
      return { items: [], meetings: cal.meetings, warnings: cal.warnings, ...(cal.title ? { title: cal.title } : {}) };
    }
    case 'itu-group':
      return readItuGroupHtml(text, source, fetched.url);
    case 'html': {
      const page = readHtmlPage(text, source.selectors, fetched.url);
      return { items: page.items, meetings: [], warnings: page.warnings, ...(page.title ? { title: page.title } : {}) };
    }
    default: {
      const kind: never = source.kind;
      throw new ParseError('parse', `unknown source kind ${String(kind)}`);
    }
  }
}
