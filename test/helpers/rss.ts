// Builds small RSS 2.0 documents for pipeline tests.
export interface TestEntry {
  guid?: string;
  title: string;
  link?: string;
  description: string;
  pubDate?: string;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function rssFeed(title: string, entries: TestEntry[]): string {
  const items = entries
    .map(
      (e) => `<item>
  <title>${esc(e.title)}</title>
  ${e.link ? `<link>${esc(e.link)}</link>` : ''}
  ${e.guid ? `<guid isPermaLink="false">${esc(e.guid)}</guid>` : ''}
  ${e.pubDate ? `<pubDate>${e.pubDate}</pubDate>` : ''}
  <description>${esc(e.description)}</description>
</item>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>${esc(title)}</title><link>https://example.org/</link><description>test</description>
${items}
</channel></rss>`;
}
