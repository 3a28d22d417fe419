// Reads the OPML that feed readers export (Feedly, Inoreader, NetNewsWire,
// Thunderbird…): feed outlines, nested in folders, with xmlUrl, htmlUrl,
// title/text and category. Parsed with cheerio in XML mode, which never loads
// a DTD nor expands entities declared in one (only the five XML ones and
// numeric references are decoded).
import * as cheerio from 'cheerio';
import { UserError } from '../core/errors.js';

export interface OpmlFeed {
  xmlUrl: string;
  htmlUrl?: string;
  /** title, else text. */
  title?: string;
  /** Names of the folders it sits in, outermost first. */
  folders: string[];
  /** The `category` attribute split on commas, each path split on `/`. */
  categories: string[];
  type?: string;
  /** Our own attributes (sw:id, sw:kind, sw:every, sw:tags, sw:selectors…), when the file came from us. */
  extra: Record<string, string>;
}

export interface OpmlDocument {
  title?: string;
  feeds: OpmlFeed[];
  /** Outlines that could not be used, in words. */
  problems: string[];
}

export const MAX_OPML_BYTES = 5 * 1024 * 1024;
export const MAX_OPML_FEEDS = 5000;
const MAX_DEPTH = 20;

const clean = (value: string | undefined) => {
  const v = value?.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  return v ? v : undefined;
};

export function parseOpml(text: string): OpmlDocument {
  if (text.length > MAX_OPML_BYTES) throw new UserError('opml-too-large', `That OPML file is ${Math.round(text.length / 1024)} KB; at most ${MAX_OPML_BYTES / 1024 / 1024} MB are read.`);
  const $ = cheerio.load(text, { xml: { xmlMode: true, decodeEntities: true } });
  const opml = $('opml').first();
  const body = opml.children('body').first();
  if (opml.length === 0 || body.length === 0) throw new UserError('not-opml', 'That is not an OPML file (no <opml> with a <body>).');
  const doc: OpmlDocument = { feeds: [], problems: [] };
  const title = clean(opml.children('head').children('title').first().text());
  if (title) doc.title = title;

  const walk = (parent: typeof body, folders: string[], depth: number) => {
    for (const el of parent.children('outline').toArray()) {
      const attrs = el.attribs;
      const label = clean(attrs.title) ?? clean(attrs.text);
      const xmlUrl = clean(attrs.xmlUrl ?? attrs.xmlurl ?? attrs.XMLURL);
      if (xmlUrl) {
        if (doc.feeds.length >= MAX_OPML_FEEDS) {
          doc.problems.push(`Only the first ${MAX_OPML_FEEDS} feeds were read.`);
          return;
        }
        const extra: Record<string, string> = {};
        for (const [name, value] of Object.entries(attrs)) if (name.startsWith('sw:')) extra[name.slice(3)] = value;
        const feed: OpmlFeed = { xmlUrl, folders, categories: splitCategories(attrs.category), extra };
        const htmlUrl = clean(attrs.htmlUrl ?? attrs.htmlurl);
        if (htmlUrl) feed.htmlUrl = htmlUrl;
        if (label) feed.title = label;
        const type = clean(attrs.type);
        if (type) feed.type = type.toLowerCase();
        doc.feeds.push(feed);
      } else if (el.children.some((c) => c.type === 'tag')) {
        if (depth >= MAX_DEPTH) doc.problems.push(`Folders nested deeper than ${MAX_DEPTH} levels were skipped.`);
        else walk($(el), label ? [...folders, label] : folders, depth + 1);
      } else if (clean(attrs.url)) {
        doc.problems.push(`"${label ?? clean(attrs.url)}" is a link, not a feed (no xmlUrl); skipped.`);
      }
    }
  };
  walk(body, [], 0);
  return doc;
}

/** OPML 2.0: "a comma-separated list of slash-delimited category strings" (`/Tech/Standards,itu`). */
export function splitCategories(value: string | undefined): string[] {
  if (!value) return [];
  const out: string[] = [];
  for (const path of value.split(',')) {
    for (const part of path.split('/')) {
      const p = part.trim();
      if (p && !out.includes(p)) out.push(p);
    }
  }
  return out;
}
