// OPML as feed readers write it, read with cheerio in XML mode; and our export.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Source } from '../../../src/core/types.js';
import { exportOpml } from '../../../src/sources/opml-export.js';
import { tagsOf } from '../../../src/sources/opml-import.js';
import { parseOpml, splitCategories } from '../../../src/sources/opml-parse.js';

const DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/opml');
const fixture = (name: string) => readFileSync(path.join(DIR, name), 'utf8');

describe('parseOpml on readers’ exports', () => {
  it('reads Feedly’s folders as the feeds’ folders, with title, xmlUrl and htmlUrl', () => {
    const doc = parseOpml(fixture('feedly.opml'));
    expect(doc.title).toBe('Jane subscriptions in feedly Cloud');
    expect(doc.feeds.map((f) => [f.title, f.xmlUrl, f.folders])).toEqual([
      ['ITU News', 'https://www.itu.int/hub/feed/', ['Standards Bodies']],
      ['IETF Blog', 'https://www.ietf.org/blog/feed/', ['Standards Bodies']],
      ['Deeplinks', 'https://www.eff.org/rss/updates.xml', ['Digital Rights']],
      ['Access Now', 'https://www.accessnow.org/feed/', ['Digital Rights']],
      ['The Register – Security', 'https://www.theregister.com/security/headlines.atom', ['Uncategorized']],
    ]);
    expect(doc.feeds[0]!.htmlUrl).toBe('https://www.itu.int/hub/');
    expect(doc.feeds[0]!.type).toBe('rss');
  });

  it('keeps Inoreader’s duplicate outlines of one feed (the importer skips the second) and decodes &amp; in folder names', () => {
    const doc = parseOpml(fixture('inoreader.opml'));
    expect(doc.feeds).toHaveLength(4);
    expect(doc.feeds.filter((f) => f.xmlUrl === 'https://www.itu.int/hub/feed/').map((f) => f.folders)).toEqual([['ITU-T'], ['Surveillance & Privacy']]);
  });

  it('reads NetNewsWire’s top-level feeds with no folder', () => {
    const doc = parseOpml(fixture('netnewswire.opml'));
    expect(doc.feeds.map((f) => [f.title, f.folders])).toEqual([
      ['W3C News', []],
      ['Rest of World', ['Press']],
      ['Daring Fireball', ['Press']],
    ]);
  });

  it('reads Thunderbird’s nested folders outermost first and ignores its fz: attributes', () => {
    const doc = parseOpml(fixture('thunderbird.opml'));
    expect(doc.title).toBe('Thunderbird OPML Export - Blogs & News Feeds');
    expect(doc.feeds.map((f) => [f.title, f.folders])).toEqual([
      ['W3C Blog', ['Standards', 'W3C']],
      ['IETF Announcements', ['Standards']],
    ]);
    expect(doc.feeds[0]!.extra).toEqual({});
  });

  it('never expands entities a DTD declares, internal or external, and reports link outlines', () => {
    const started = performance.now();
    const doc = parseOpml(fixture('hostile.opml'));
    expect(performance.now() - started).toBeLessThan(500);
    const bomb = doc.feeds[0]!;
    expect(bomb.title).toBe('Bomb &lol9; &xxe;');
    expect(bomb.title).not.toContain('root:');
    expect(doc.feeds.map((f) => f.xmlUrl)).toEqual(['https://example.org/feed.xml', 'file:///etc/passwd', 'javascript:alert(1)']);
    expect(doc.problems).toEqual(['"A page" is a link, not a feed (no xmlUrl); skipped.']);
  });

  it('refuses a document that is not OPML', () => {
    expect(() => parseOpml('<rss><channel/></rss>')).toThrow(/not an OPML file/);
  });

  it('splits OPML 2.0 categories on commas and slashes', () => {
    expect(splitCategories('/Tech/Standards, itu,/Tech')).toEqual(['Tech', 'Standards', 'itu']);
  });

  it('turns folder names and categories into tags', () => {
    const feed = { xmlUrl: 'https://x.org/f', folders: ['Surveillance & Privacy', 'ITU-T'], categories: ['Standards'], extra: {} };
    expect(tagsOf(feed, ['imported'])).toEqual(['surveillance-privacy', 'itu-t', 'standards', 'imported']);
  });
});

describe('exportOpml', () => {
  const sources: Source[] = [
    { id: 'itu-news', kind: 'rss', url: 'https://www.itu.int/hub/feed/?a=1&b=2', everyMs: 900_000, tags: ['standards', 'itu'], fetchArticle: true, title: 'ITU "News" <Hub>' },
    { id: 'ietf-cal', kind: 'ics', url: 'https://datatracker.ietf.org/meeting/upcoming.ics', everyMs: 3_600_000, tags: [], fetchArticle: false, paused: true },
  ];

  it('writes XML that parses back to the same addresses, titles, folders and our attributes', () => {
    const text = exportOpml(sources, { now: new Date('2026-11-23T10:00:00Z') });
    expect(text).toContain('<dateCreated>Mon, 23 Nov 2026 10:00:00 GMT</dateCreated>');
    expect(text).toContain('xmlUrl="https://www.itu.int/hub/feed/?a=1&amp;b=2"');
    expect(text).toContain('title="ITU &quot;News&quot; &lt;Hub&gt;"');
    const doc = parseOpml(text);
    expect(doc.feeds.map((f) => [f.xmlUrl, f.title, f.folders, f.categories])).toEqual([
      ['https://www.itu.int/hub/feed/?a=1&b=2', 'ITU "News" <Hub>', ['standards'], ['standards', 'itu']],
      ['https://datatracker.ietf.org/meeting/upcoming.ics', 'ietf-cal', [], []],
    ]);
    expect(doc.feeds[0]!.extra).toEqual({ id: 'itu-news', kind: 'rss', every: '15m', 'fetch-article': 'true' });
    expect(doc.feeds[1]!.extra).toEqual({ id: 'ietf-cal', kind: 'ics', every: '1h', paused: 'true' });
    expect(doc.feeds[1]!.type).toBeUndefined();
  });

  it('drops characters XML cannot carry instead of writing a broken file', () => {
    const text = exportOpml([{ ...sources[0]!, title: 'bad\u0001\u0008 title' }]);
    expect(text).toContain('title="bad title"');
    expect(parseOpml(text).feeds[0]!.title).toBe('bad title');
  });
});
