import Parser from 'rss-parser';
import { describe, expect, it } from 'vitest';
import { renderAtom, tagAuthority, tagUri } from '../../../src/http/atom.js';
import { item, NOW } from './fake-deps.js';

type Category = { $: { term: string; label?: string } };
const parser = new Parser<Record<string, unknown>, { categories: Category[]; id: string }>({
  customFields: { item: [['category', 'categories', { keepArray: true }]] },
});

function feed(items = [item(1), item(2)]) {
  return renderAtom({
    title: 'standards-watch',
    subtitle: 'Latest items',
    idPath: 'feed',
    selfUrl: 'https://watch.example.org/feed.xml',
    alternateUrl: 'https://watch.example.org/',
    items,
    tagLabels: new Map([['surveillance', 'Surveillance & tracking']]),
    now: NOW,
    generator: { name: 'standards-watch', version: '0.1.0' },
  });
}

describe('Atom feed', () => {
  it('parses back with entries in the given order, ids as tag: URIs, summaries and tags as categories', async () => {
    const parsed = await parser.parseString(feed());
    expect(parsed.title).toBe('standards-watch');
    expect(parsed.feedUrl).toBe('https://watch.example.org/feed.xml');
    expect(parsed.link).toBe('https://watch.example.org/');
    expect(parsed.items.map((i) => i.title)).toEqual(['Item 1', 'Item 2']);
    const first = parsed.items[0]!;
    expect(first.id).toBe('tag:watch.example.org,2024:item/i0000000000000001');
    expect(first.link).toBe('https://news.example.org/articles/1');
    expect(first.summary).toBe('Summary of item 1.');
    expect(first.categories.map((c) => c.$)).toEqual([{ term: 'surveillance', label: 'Surveillance & tracking' }]);
    expect(first.isoDate).toBe(item(1).published);
  });

  it('says when it was updated: the newest entry, or now when there is none', () => {
    expect(feed()).toContain(`<updated>${item(1).published}</updated>`);
    const empty = feed([]);
    expect(empty).toContain(`<updated>${NOW.toISOString()}</updated>`);
    expect(empty).not.toContain('<entry>');
  });

  it('escapes hostile text so that markup in a title or summary stays text', async () => {
    const hostile = item(3, {
      title: '</title><script>alert(1)</script> & "quotes" \u0001',
      summary: ']]> <b>bold</b> &amp; more',
      tags: ['a"b<c'],
    });
    const xml = feed([hostile]);
    expect(xml).not.toContain('<script>');
    expect(xml).not.toContain('\u0001');
    const parsed = await parser.parseString(xml);
    expect(parsed.items[0]!.title).toBe('</title><script>alert(1)</script> & "quotes" ');
    expect(parsed.items[0]!.summary).toBe(']]> <b>bold</b> &amp; more');
    expect(parsed.items[0]!.categories[0]!.$.term).toBe('a"b<c');
  });

  it('writes an alternate link only for http(s) URLs', () => {
    const xml = feed([item(4, { url: 'javascript:alert(1)' }), item(5, { url: '' }), item(6, { url: 'ftp://x.example.org/f' })]);
    expect(xml).not.toContain('javascript:');
    expect(xml).not.toContain('ftp:');
    expect(xml.match(/rel="alternate"/g)).toHaveLength(1); // the feed's own
  });

  it('mints tag: URIs from the public host name without its port', () => {
    expect(tagAuthority('http://localhost:8080/')).toBe('localhost');
    expect(tagAuthority('https://Watch.Example.org/sub/')).toBe('watch.example.org');
    expect(tagUri('watch.example.org', 'feed/tag/digital-identity')).toBe('tag:watch.example.org,2024:feed/tag/digital-identity');
  });
});
