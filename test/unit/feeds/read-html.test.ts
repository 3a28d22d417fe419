import { describe, expect, it } from 'vitest';
import { readSource } from '../../../src/feeds/read-source.js';
import { read, source } from './fixture.js';

const PAGE = 'https://www.3gpp.example/news-events/3gpp-news';
const selectors = { entry: 'article.news-item', title: 'h3', link: 'h3 a', date: 'time', summary: '.teaser' };

describe('html: generic page watch', () => {
  it('reads entries by selectors, resolving links against the page URL', async () => {
    const r = await read('threegpp-news-page.html', 'html', { url: PAGE, source: { selectors } });
    expect(r.title).toBe('3GPP News');
    expect(r.items[0]).toMatchObject({
      title: 'Release 19 freeze update',
      url: 'https://www.3gpp.example/news-events/3gpp-news/placeholder-release-19',
      published: '2024-06-14T08:00:00.000Z',
      content: 'Plenaries agreed the timeline.',
    });
    expect(r.items[1]).toMatchObject({ url: 'https://www.3gpp.example/news-events/placeholder-ai-ml', published: '2024-05-03T00:00:00.000Z' });
  });

  it('keeps an entry without a link under a stable guid, with no date when the date is unreadable', async () => {
    const r = await read('threegpp-news-page.html', 'html', { url: PAGE, source: { selectors } });
    const noLink = r.items[2];
    expect(noLink?.title).toBe('Entry without a link');
    expect(noLink?.url).toBeUndefined();
    expect(noLink?.published).toBeUndefined();
    expect(noLink?.guid).toMatch(/^urn:sw:/);
    expect(r.warnings.join(' ')).toMatch(/no link/);
  });

  it('finds the link itself when only the entry selector is given', async () => {
    const r = await read('threegpp-news-page.html', 'html', { url: PAGE, source: { selectors: { entry: 'article.news-item h3 a' } } });
    expect(r.items.map((i) => i.title)).toEqual(['Release 19 freeze update', 'AI/ML in the air interface']);
  });

  it('says the layout changed when the entry selector matches nothing', async () => {
    const r = read('threegpp-news-page.html', 'html', { url: PAGE, source: { selectors: { entry: '.gone' } } });
    await expect(r).rejects.toMatchObject({ kind: 'layout-changed', message: expect.stringMatching(/page layout changed/) });
  });

  it('refuses an html source without selectors', async () => {
    const r = readSource(source('html'), { body: Buffer.from('<html><body>x</body></html>'), url: PAGE });
    await expect(r).rejects.toMatchObject({ kind: 'parse', message: expect.stringMatching(/needs selectors/) });
  });
});
