import { describe, expect, it } from 'vitest';
import { detectKind, ParseError, readSource } from '../../../src/feeds/read-source.js';
import { MAX_CONTENT_CHARS } from '../../../src/feeds/text.js';
import { fixture, read, source } from './fixture.js';

const byTitle = async (name: string, opts?: Parameters<typeof read>[2]) => {
  const r = await read(name, 'rss', opts);
  return { r, get: (prefix: string) => r.items.find((i) => i.title.startsWith(prefix)) };
};

describe('rss: real formats', () => {
  it('reads the ITU Hub WordPress RSS 2.0 feed', async () => {
    const r = await read('itu-hub-feed.xml');
    expect(r.items).toHaveLength(4);
    expect(r.items[0]).toMatchObject({
      title: 'Metaverse focus group calls for contributions',
      url: 'https://www.itu.int/hub/2023/04/metaverse-focus-group-calls-for-contributions/',
      guid: 'https://www.itu.int/hub/2023/04/metaverse-focus-group-calls-for-contributions/',
      published: '2023-04-01T00:00:00.000Z',
      author: 'ITU News',
      categories: ['ITU-T'],
    });
    expect(r.items[0]?.content).toContain('Riyadh');
  });

  it('reads the datatracker Atom feed of FG-MV liaisons', async () => {
    const r = await read('ietf-liaisons-fgmv.atom.xml');
    expect(r.title).toBe('Liaison Statements from ITU-T-FG-MV');
    expect(r.items.map((i) => i.url)).toEqual([
      'https://datatracker.ietf.org/liaison/1913/',
      'https://datatracker.ietf.org/liaison/1866/',
      'https://datatracker.ietf.org/liaison/1863/',
    ]);
    expect(r.items[1]).toMatchObject({ published: '2023-10-18T00:00:00.000Z', author: 'ITU-T-FG-MV' });
  });

  it('reads RSS 1.0 (RDF) with dc:date and uses rdf:about as the guid', async () => {
    const r = await read('w3c-news.rdf');
    expect(r.items).toHaveLength(2);
    expect(r.items[1]).toMatchObject({ title: 'Call for Review: DID Resolution', published: '2024-04-10T13:30:00.000Z' });
    expect(r.items[1]?.guid).toBe('https://www.w3.org/news/2024/call-for-review-did-resolution/');
  });

  it('reads RSS 0.91 with the Netscape DOCTYPE and its HTML entities', async () => {
    const r = await read('rss091-netscape.xml');
    expect(r.items.map((i) => i.title)).toEqual(['Résumé of the week – TSAG', 'Second item']);
    expect(r.items[0]?.content).toBe('TSAG & study groups…');
  });

  it('reads a Google News search feed', async () => {
    const r = await read('google-news-search.xml');
    expect(r.items).toHaveLength(2);
    expect(r.items[0]?.title).toBe('China proposes digital ID for metaverse users at UN agency - Example Politics');
    expect(r.items[0]?.url).toMatch(/^https:\/\/news\.google\.com\/rss\/articles\//);
  });
});

describe('rss: real-world mess', () => {
  it('strips HTML from CDATA and entity-encoded titles', async () => {
    const { get } = await byTitle('messy-wordpress.xml');
    expect(get('ITU metaverse')?.title).toBe('ITU metaverse group & “digital identity”');
    expect(get('Standards body')?.title).toBe('Standards body meets in Geneva — AT&T and others attend');
  });

  it('resolves relative links against the site link and keeps query strings', async () => {
    const { get } = await byTitle('messy-wordpress.xml');
    expect(get('ITU metaverse')?.url).toBe('https://rights.example.org/2023/07/itu-metaverse-digital-identity/');
    expect(get('Standards body')?.url).toBe('https://rights.example.org/news/geneva-meeting.html?utm_source=rss&utm_medium=feed');
  });

  it('resolves relative links against the feed URL when the feed has no site link', async () => {
    const xml = '<rss version="2.0"><channel><title>t</title><item><title>x</title><link>posts/1</link></item></channel></rss>';
    const r = await readSource(source('rss'), { body: Buffer.from(xml), url: 'https://blog.example/feeds/main.xml' });
    expect(r.items[0]?.url).toBe('https://blog.example/feeds/posts/1');
  });

  it('reads RFC 822 dates with named zones and ISO dates, and leaves odd or missing dates undefined', async () => {
    const { get } = await byTitle('messy-wordpress.xml');
    expect(get('ITU metaverse')?.published).toBe('2023-07-05T19:30:00.000Z'); // EST
    expect(get('Standards body')?.published).toBe('2023-10-03T16:00:00.000Z'); // PDT
    expect(get('Central European')?.published).toBe('2023-10-12T08:00:00.000Z'); // CEST
    expect(get('Unsafe link')?.published).toBe('2023-10-13T10:00:00.000Z'); // GMT
    expect(get('Statement without')?.published).toBe('2023-10-05T06:15:00.000Z'); // ISO +02:00
    expect(get('Undated')?.published).toBeUndefined();
    expect(get('Garbage date')?.published).toBeUndefined();
  });

  it('keeps items without links, and gives link-less, guid-less items a stable guid', async () => {
    const { get } = await byTitle('messy-wordpress.xml');
    const statement = get('Statement without');
    expect(statement?.url).toBeUndefined();
    expect(statement?.guid).toBe('rights-1003');
    const xml = '<rss version="2.0"><channel><title>t</title><item><title>Only a title</title></item></channel></rss>';
    const once = await readSource(source('rss'), { body: Buffer.from(xml), url: 'https://x.example/f' });
    const twice = await readSource(source('rss'), { body: Buffer.from(xml), url: 'https://x.example/f' });
    expect(once.items[0]?.guid).toMatch(/^urn:sw:/);
    expect(once.items[0]?.guid).toBe(twice.items[0]?.guid);
  });

  it('drops javascript: links', async () => {
    const { get } = await byTitle('messy-wordpress.xml');
    expect(get('Unsafe link')?.url).toBeUndefined();
  });

  it('drops duplicate items inside one feed and says so', async () => {
    const { r } = await byTitle('messy-wordpress.xml');
    expect(r.items.filter((i) => i.guid === 'rights-1001')).toHaveLength(1);
    expect(r.items).toHaveLength(7);
    expect(r.warnings.join(' ')).toMatch(/1 duplicate/);
  });

  it('prefers content:encoded and decodes HTML entities XML does not define', async () => {
    const { get } = await byTitle('messy-wordpress.xml');
    expect(get('ITU metaverse')?.content).toContain('Full text');
    expect(get('Standards body')?.content).toBe('Café talk & \u00a0hallway chatter.');
    expect(get('ITU metaverse')).toMatchObject({ author: 'Jane Doe', categories: ['Surveillance', 'ITU'] });
  });

  it('caps an enormous content:encoded', async () => {
    const huge = `<p>${'metaverse '.repeat(30_000)}</p>`;
    const xml = `<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>t</title>
      <item><title>Big</title><link>https://x.example/big</link><content:encoded><![CDATA[${huge}]]></content:encoded></item></channel></rss>`;
    const r = await readSource(source('rss'), { body: Buffer.from(xml), url: 'https://x.example/f' });
    expect(huge.length).toBeGreaterThan(MAX_CONTENT_CHARS);
    expect(r.items[0]?.content?.length).toBe(MAX_CONTENT_CHARS);
    expect(r.warnings.join(' ')).toMatch(/cut/);
  });

  it('survives one unreadable Atom date instead of rejecting the feed', async () => {
    const xml = `<feed xmlns="http://www.w3.org/2005/Atom"><title>a</title>
      <entry><title>Bad</title><id>1</id><link href="https://a.example/1"/><published>yesterday-ish</published></entry>
      <entry><title>Good</title><id>2</id><link href="https://a.example/2"/><updated>2024-01-02T03:04:05+01:00</updated></entry></feed>`;
    const r = await readSource(source('rss'), { body: Buffer.from(xml), url: 'https://a.example/feed' });
    expect(r.items.map((i) => [i.title, i.published])).toEqual([
      ['Bad', undefined],
      ['Good', '2024-01-02T02:04:05.000Z'],
    ]);
  });

  it('tolerates control characters and junk before the root element', async () => {
    const xml = '\n\n Warning: something in PHP\n<?xml version="1.0"?><rss version="2.0"><channel><title>t\u0001</title><item><title>ok\u0008</title><link>https://x.example/1</link></item></channel></rss>';
    const r = await readSource(source('rss'), { body: Buffer.from(xml), url: 'https://x.example/f' });
    expect(r.items[0]?.title).toBe('ok');
  });
});

describe('rss: encodings', () => {
  it('decodes windows-1252 declared in the XML prolog', async () => {
    const r = await read('windows-1252-prolog.xml', 'rss', { contentType: 'text/xml' });
    expect(r.title).toBe('Le Courrier de Genève – Tech');
    expect(r.items[0]?.title).toBe('“Métavers” : l’UIT débat de l’identité numérique (coût : 5 €)');
  });

  it('decodes ISO-8859-1 declared only in the Content-Type', async () => {
    const r = await read('iso-8859-1-header-only.xml', 'rss', { contentType: 'application/rss+xml; charset=ISO-8859-1' });
    expect(r.items[0]?.title).toBe('Réunion à Genève : société civile écartée');
  });

  it('decodes KOI8-R declared in the prolog', async () => {
    const r = await read('koi8-r-prolog.xml');
    expect(r.items[0]?.title).toBe('МСЭ обсуждает цифровую идентичность в метавселенной');
  });

  it('decodes UTF-16 with a BOM', async () => {
    const r = await read('utf-16le-bom.atom.xml');
    expect(r.items[0]?.title).toBe('Entrée — UTF-16');
  });

  it('falls back to the prolog when the Content-Type wrongly claims UTF-8', async () => {
    const r = await read('windows-1252-prolog.xml', 'rss', { contentType: 'text/xml; charset=utf-8' });
    expect(r.items[0]?.title).toContain('Métavers');
    expect(r.warnings.join(' ')).toMatch(/windows-1252/);
  });

  it('reads undeclared non-UTF-8 bytes as windows-1252 and says so', async () => {
    const body = Buffer.concat([Buffer.from('<rss version="2.0"><channel><title>t</title><item><title>Gen'), Buffer.from([0xe8]), Buffer.from('ve</title></item></channel></rss>')]);
    const r = await readSource(source('rss'), { body, url: 'https://x.example/f' });
    expect(r.items[0]?.title).toBe('Genève');
    expect(r.warnings.join(' ')).toMatch(/windows-1252/);
  });

  it('refuses an encoding nobody knows with an encoding error', async () => {
    const body = Buffer.from('<?xml version="1.0" encoding="x-klingon"?><rss version="2.0"><channel></channel></rss>');
    await expect(readSource(source('rss'), { body, url: 'https://x.example/f' })).rejects.toMatchObject({ kind: 'encoding' });
  });
});

describe('rss: hostile and broken input', () => {
  it('does not expand an entity bomb or external entities', async () => {
    const started = Date.now();
    const r = await read('billion-laughs.xml');
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(r.items).toHaveLength(1);
    expect(r.items[0]?.title).not.toMatch(/lollol/);
    expect(r.items[0]?.title).not.toMatch(/root:/);
    expect(r.items[0]?.title.length).toBeLessThan(100);
  });

  it('throws a parse error for HTML served as a feed', async () => {
    const body = Buffer.from('<!DOCTYPE html><html><head><title>Moved</title></head><body>x</body></html>');
    await expect(readSource(source('rss'), { body, url: 'https://x.example/f' })).rejects.toMatchObject({ kind: 'parse' });
  });

  it('throws a parse error for XML that is not a feed', async () => {
    const body = Buffer.from('<?xml version="1.0"?><sitemap><url>x</url></sitemap>');
    const err = await readSource(source('rss'), { body, url: 'https://x.example/f' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ParseError);
    expect((err as ParseError).kind).toBe('parse');
  });

  it('throws an empty error for an empty body', async () => {
    await expect(readSource(source('rss'), { body: Buffer.from('  \n'), url: 'https://x.example/f' })).rejects.toMatchObject({ kind: 'empty' });
  });
});

describe('JSON Feed', () => {
  it('reads JSON Feed 1.1: html titles stripped, relative urls resolved, untitled posts titled, duplicates dropped', async () => {
    const r = await read('jsonfeed-1.1.json', 'rss', { contentType: 'application/feed+json' });
    expect(r.title).toBe('Open Standards Notes (JSON Feed)');
    expect(r.items).toHaveLength(2);
    expect(r.items[0]).toMatchObject({
      guid: 'https://notes.example.org/2024/05/ietf-120-agenda',
      url: 'https://notes.example.org/2024/05/ietf-120-agenda',
      title: 'IETF 120 agenda & privacy sessions',
      published: '2024-05-20T17:00:00.000Z',
      author: 'Sam',
      categories: ['ietf', 'privacy'],
    });
    expect(r.items[1]).toMatchObject({ guid: '42', url: 'https://www.w3.org/news/2024/example/' });
    expect(r.items[1]?.title).toMatch(/^A title-less micro post/);
  });

  it('reads JSON Feed 1.0 with a single author and date_modified', async () => {
    const r = await read('jsonfeed-1.0.json', 'rss', { contentType: 'application/json' });
    expect(r.items[0]).toMatchObject({ title: 'Version one item', author: 'Alex', published: '2020-02-01T00:00:00.000Z', content: 'Summary only.' });
  });
});

describe('detectKind', () => {
  it.each([
    ['itu-hub-feed.xml', undefined, 'rss'],
    ['ietf-liaisons-fgmv.atom.xml', undefined, 'rss'],
    ['w3c-news.rdf', undefined, 'rss'],
    ['rss091-netscape.xml', undefined, 'rss'],
    ['utf-16le-bom.atom.xml', undefined, 'rss'],
    ['jsonfeed-1.1.json', 'application/json', 'json-feed'],
    ['ietf-upcoming.ics', 'text/plain', 'ics'],
    ['itu-sg17-home.html', 'text/html; charset=utf-8', 'html'],
  ])('recognises %s', (name, contentType, kind) => {
    expect(detectKind(fixture(name), contentType)).toBe(kind);
  });

  it('returns undefined for something else', () => {
    expect(detectKind(Buffer.from('%PDF-1.7 ...'), 'application/pdf')).toBeUndefined();
  });
});
