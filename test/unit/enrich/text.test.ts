import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../../src/core/enrich/article.js';
import { decodeEntities, htmlToText, isBoilerplate, isTeaser } from '../../../src/core/enrich/index.js';

describe('htmlToText', () => {
  it('turns block elements into paragraph breaks and <br> into line breaks', () => {
    expect(htmlToText('<h2>Title</h2><p>One<br>two</p><ul><li>a</li><li>b</li></ul>')).toBe('Title\n\nOne\ntwo\n\na\n\nb');
  });

  it('drops scripts, styles, navigation and forms with their content', () => {
    const html =
      '<nav><a href="/">Home</a> | <a>News</a></nav><p>Story text.</p><script>var x = "<p>not text</p>";</script>' +
      '<style>p { color: red }</style><form><button>Subscribe</button></form><p>More.</p>';
    expect(htmlToText(html)).toBe('Story text.\n\nMore.');
  });

  it('decodes named, decimal and hex entities', () => {
    expect(htmlToText('<p>AT&amp;T &ldquo;said&rdquo; it&#8217;s &#x2014; caf&eacute;&nbsp;ok</p>')).toBe('AT&T “said” it’s — café ok');
    expect(decodeEntities('&unknown; &#0; &lt;b&gt;')).toBe('&unknown; \uFFFD <b>');
  });

  it('leaves plain text alone apart from whitespace', () => {
    expect(htmlToText('  Plain   text\r\n\r\n\r\nwith a < b  ')).toBe('Plain text\n\nwith a < b');
  });

  it('drops the rest of a document after an unclosed script', () => {
    expect(htmlToText('<p>Kept.</p><script>alert(1)<p>never</p>')).toBe('Kept.');
  });

  it('handles a large run of unclosed tags in linear time', () => {
    const hostile = '<form>'.repeat(20_000) + '<div>'.repeat(20_000) + 'x';
    const t0 = performance.now();
    htmlToText(hostile);
    expect(performance.now() - t0).toBeLessThan(500);
  });
});

describe('isBoilerplate', () => {
  it.each([
    'Read more: China is Binance’s biggest market despite crypto ban: WSJ',
    'Share it',
    'Was this article interesting?',
    'Advertisement',
    'Got a tip?',
    'For more informed news, follow us on Twitter, and Google News, or subscribe to our YouTube channel.',
    'Sign up for our daily newsletter',
    'We use cookies to improve your experience.',
    'By Jane Doe and John Smith',
    'Photo: Reuters',
  ])('recognises furniture: %s', (line) => {
    expect(isBoilerplate(line)).toBe(true);
  });

  it.each([
    'Share prices of network operators fell sharply after the ruling was published on Monday morning.',
    'Related work on identity is under way in the W3C, the group said in a statement on its website.',
    'Regulators fined the company for setting tracking cookies without consent, the third such fine this year in Europe.',
  ])('keeps story sentences: %s', (line) => {
    expect(isBoilerplate(line)).toBe(false);
  });
});

describe('isTeaser', () => {
  it('treats a one-sentence description as a teaser', () => {
    expect(isTeaser('China Mobile has proposed a digital identity system for the metaverse.')).toBe(true);
  });

  it('treats a text that stops with an ellipsis or "Read more" as a teaser', () => {
    const cut = 'The ITU focus group on metaverse met in Geneva this week. '.repeat(8) + 'The proposals […]';
    expect(isTeaser(cut)).toBe(true);
    expect(isTeaser('The ITU focus group on metaverse met in Geneva this week. '.repeat(8) + '\nContinue reading')).toBe(true);
  });

  it('treats a full article as complete', () => {
    expect(isTeaser('The ITU focus group on metaverse met in Geneva and agreed its first reports. '.repeat(12))).toBe(false);
  });
});

describe('extractArticle', () => {
  const paragraph = 'The ITU-T Focus Group on metaverse agreed new technical reports on digital identity in Geneva this week, and experts said the work would continue. ';
  const page = `<!doctype html><html><head><title>FG-MV agrees reports | Example News</title></head><body>
    <nav><ul><li><a href="/">Home</a></li><li><a href="/tech">Tech</a></li></ul></nav>
    <main><article><h1>FG-MV agrees reports</h1><p>${paragraph.repeat(3)}</p><p>${paragraph.repeat(2)}</p></article></main>
    <footer>Copyright 2024 Example News. All rights reserved.</footer></body></html>`;

  it('returns the article text and title without navigation or footer', () => {
    const a = extractArticle(page, 'https://news.example/tech/fg-mv');
    expect(a).not.toBeNull();
    expect(a?.title).toContain('FG-MV agrees reports');
    expect(a?.text).toContain('The ITU-T Focus Group on metaverse agreed');
    expect(a?.text).not.toMatch(/Home|All rights reserved/);
  });

  it('returns null for a page without an article', () => {
    expect(extractArticle('<html><body><nav>Home</nav></body></html>', 'https://news.example/')).toBeNull();
    expect(extractArticle('', 'https://news.example/')).toBeNull();
  });
});
