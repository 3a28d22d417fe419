import { describe, expect, it } from 'vitest';
import { alertMessage } from '../../../src/core/alert.js';
import type { Message } from '../../../src/core/message.js';
import type { Item } from '../../../src/core/types.js';
import { escapeDiscord, safeHttpUrl, truncate } from '../../../src/bot/discord/escape.js';
import { DISCORD_LIMITS, embedLength, messageToDiscordPayload, messageToDiscordText, messageToDiscordTextPayload } from '../../../src/bot/discord/render.js';

const ZW = '\u200b';

function item(extra: Partial<Item> = {}): Item {
  return {
    id: 'i0000000000000001',
    sourceId: 'itu-news',
    url: 'https://www.itu.int/hub/2024/01/metaverse/',
    title: 'FG-MV debates digital identity',
    published: '2024-01-08T10:00:00Z',
    seenAt: '2024-01-08T10:05:00Z',
    content: '',
    summary: 'China Mobile proposed a digital identity system.',
    tags: ['digital-identity', 'metaverse'],
    entities: [],
    groups: ['itu-t-fg-mv'],
    score: 0.82,
    storyId: 's1',
    enriched: true,
    ...extra,
  };
}

describe('escapeDiscord', () => {
  it('defuses @everyone, @here, user, role and channel mentions with a zero-width space', () => {
    expect(escapeDiscord('@everyone @here <@123> <@!45> <@&678> <#999>')).toBe(
      `@${ZW}everyone @${ZW}here <@${ZW}123\\> <@${ZW}!45\\> <@${ZW}&678\\> <${ZW}#999\\>`,
    );
  });

  it('escapes masked-link brackets so [text](url) shows as typed', () => {
    expect(escapeDiscord('[click](javascript:alert(1))')).toBe('\\[click\\](javascript:alert(1))');
  });

  it('escapes backticks and the emphasis, strike, spoiler and quote characters', () => {
    expect(escapeDiscord('`code` *b* _i_ ~~s~~ ||spoiler|| > quote \\')).toBe('\\`code\\` \\*b\\* \\_i\\_ \\~\\~s\\~\\~ \\|\\|spoiler\\|\\| \\> quote \\\\');
  });

  it('leaves bare links intact so they stay clickable, escaping the text around them', () => {
    expect(escapeDiscord('See https://www.itu.int/md/T22-SG17_x*y?a=1 (*new*) or [x](https://evil.example/)')).toBe(
      'See https://www.itu.int/md/T22-SG17_x*y?a=1 (\\*new\\*) or \\[x\\](https://evil.example/)',
    );
    expect(escapeDiscord('@here http://a.example/<@123>')).toBe(`@${ZW}here http://a.example/<@${ZW}123\\>`);
  });

  it('neutralises headings, list markers and subtext at the start of a line only', () => {
    expect(escapeDiscord('# Big\n-# small\n- item\n1. first\nA-B #1')).toBe('\\# Big\n\\-# small\n\\- item\n1\\. first\nA-B #1');
  });
});

describe('safeHttpUrl', () => {
  it('keeps http(s) links and percent-encodes parentheses so they cannot close a Markdown link', () => {
    expect(safeHttpUrl('https://example.org/a_(b)')).toBe('https://example.org/a_%28b%29');
    expect(safeHttpUrl('http://example.org')).toBe('http://example.org/');
  });

  it('refuses javascript:, data:, relative and credential-bearing links', () => {
    for (const url of ['javascript:alert(1)', 'data:text/html,x', '/relative', 'https://user:pw@example.org/', 'not a url', undefined]) {
      expect(safeHttpUrl(url)).toBeUndefined();
    }
  });
});

describe('truncate', () => {
  it('ends a cut text with an ellipsis within the limit and never leaves a dangling escape', () => {
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(truncate('abc', 4)).toBe('abc');
    const cut = truncate(escapeDiscord('ab*cd'), 4); // "ab\*cd" would cut to "ab\"
    expect(cut).toBe('ab…');
  });
});

describe('messageToDiscordPayload', () => {
  it('renders a text-only answer as plain content with no pings and no link previews', () => {
    expect(messageToDiscordPayload({ kind: 'answer', text: 'No meeting known for *FG-MV*.' })).toEqual({
      content: 'No meeting known for \\*FG-MV\\*.',
      allowed_mentions: { parse: [] },
      flags: 4,
    });
  });

  it('renders an alert as one embed: linked title, summary, fields, tags, footer, timestamp and colour by score', () => {
    const payload = messageToDiscordPayload(alertMessage(item(), { sourceName: 'ITU News', groupNames: ['ITU-T FG-MV'] }));
    expect(payload).toEqual({
      allowed_mentions: { parse: [] },
      embeds: [
        {
          title: 'FG-MV debates digital identity',
          url: 'https://www.itu.int/hub/2024/01/metaverse/',
          description: 'China Mobile proposed a digital identity system.',
          fields: [
            { name: 'Groups', value: 'ITU-T FG-MV', inline: true },
            { name: 'Source', value: 'ITU News', inline: true },
            { name: 'Relevance', value: '82%', inline: true },
            { name: 'Tags', value: 'digital-identity · metaverse' },
          ],
          footer: { text: 'standards-watch · ITU News' },
          timestamp: '2024-01-08T10:00:00.000Z',
          color: 0xe67e22,
        },
      ],
    });
  });

  it('defuses a hostile feed title and links nothing that is not http(s)', () => {
    const hostile = alertMessage(item({ title: '@everyone <@&123> [click](javascript:alert(1))', url: 'javascript:alert(1)', summary: '@here `rm -rf` **bold**' }), {
      sourceName: 'Evil <@1> feed',
      groupNames: [],
    });
    const payload = messageToDiscordPayload(hostile);
    const embed = payload.embeds?.[0];
    expect(payload.allowed_mentions).toEqual({ parse: [] });
    expect(embed?.title).toBe(`@${ZW}everyone <@${ZW}&123\\> \\[click\\](javascript:alert(1))`);
    expect(embed?.url).toBeUndefined();
    expect(embed?.description).toBe(`@${ZW}here \\\`rm -rf\\\` \\*\\*bold\\*\\*`);
    expect(embed?.fields?.find((f) => f.name === 'Source')?.value).toBe(`Evil <@${ZW}1\\> feed`);
    expect(embed?.footer?.text).toBe(`standards-watch · Evil <@${ZW}1> feed`);
    expect(JSON.stringify(payload)).not.toMatch(/@everyone|@here|<@&123>/);
    expect(embed?.title).not.toMatch(/(?<!\\)\]\(/); // every "](" is escaped, so no masked link forms
  });

  it('shows "Also reported by" outlets as masked http(s) links in the description', () => {
    const message = alertMessage(item(), {
      sourceName: 'ITU News',
      groupNames: [],
      alsoReportedBy: [
        { name: 'Heise [de]', url: 'https://www.heise.de/news/1' },
        { name: 'Shady', url: 'javascript:alert(1)' },
      ],
    });
    expect(messageToDiscordPayload(message).embeds?.[0]?.description).toBe(
      'China Mobile proposed a digital identity system.\n\n**Also reported by**\n• [Heise \\[de\\]](https://www.heise.de/news/1)\n• Shady',
    );
  });

  it('renders a digest with sections as headings and bullet lines, counting lines that do not fit', () => {
    const lines = Array.from({ length: 200 }, (_, i) => ({ text: `Item ${i} ${'x'.repeat(40)}`, url: `https://example.org/${i}`, detail: 'ITU News' }));
    const digest: Message = { kind: 'digest', title: 'Daily digest', sections: [{ heading: 'Digital identity', lines }], accent: 'info' };
    const embed = messageToDiscordPayload(digest).embeds?.[0];
    expect(embed?.description?.startsWith('**Digital identity**\n• [Item 0 ')).toBe(true);
    expect(embed?.description?.length).toBeLessThanOrEqual(DISCORD_LIMITS.description);
    expect(embed?.description).toMatch(/…and \d+ more$/);
    expect(embed?.color).toBe(0x5865f2);
  });

  it('keeps every limit: title 256, description 4096, 25 fields of at most 1024, 6000 in all', () => {
    const huge: Message = {
      kind: 'answer',
      title: 'T'.repeat(1000),
      text: 'D'.repeat(10_000),
      fields: Array.from({ length: 40 }, (_, i) => ({ name: `N${i}`.repeat(200), value: 'V'.repeat(3000) })),
      tags: Array.from({ length: 500 }, (_, i) => `tag-${i}`),
      footer: 'F'.repeat(3000),
    };
    const embed = messageToDiscordPayload(huge).embeds?.[0];
    expect(embed).toBeDefined();
    expect(embed!.title!.length).toBeLessThanOrEqual(256);
    expect((embed!.description ?? '').length).toBeLessThanOrEqual(4096);
    expect(embed!.fields!.length).toBeLessThanOrEqual(25);
    for (const f of embed!.fields!) {
      expect(f.name.length).toBeLessThanOrEqual(256);
      expect(f.value.length).toBeLessThanOrEqual(1024);
    }
    expect(embed!.footer!.text.length).toBeLessThanOrEqual(2048);
    expect(embedLength(embed!)).toBeLessThanOrEqual(6000);
  });

  it('replaces empty field values with a dash, since Discord refuses empty ones, and drops an invalid timestamp', () => {
    const embed = messageToDiscordPayload({ kind: 'answer', title: 'x', fields: [{ name: '', value: '' }], timestamp: 'yesterday' }).embeds?.[0];
    expect(embed?.fields).toEqual([{ name: '—', value: '—' }]);
    expect(embed?.timestamp).toBeUndefined();
  });

  it('colours an error red and keeps a plain error as content', () => {
    expect(messageToDiscordPayload({ kind: 'error', text: 'nope', accent: 'error', private: true })).toEqual({ content: 'nope', allowed_mentions: { parse: [] }, flags: 4 });
    expect(messageToDiscordPayload({ kind: 'error', title: 'Failed', text: 'nope' }).embeds?.[0]?.color).toBe(0xed4245);
  });
});

describe('plain-text fallback', () => {
  it('renders a rich message as escaped content within 2000 characters, links in angle brackets', () => {
    const text = messageToDiscordText(alertMessage(item({ title: 'A *big* @everyone day' }), { sourceName: 'ITU News', groupNames: [] }));
    expect(text.split('\n').slice(0, 3)).toEqual([`**A \\*big\\* @${ZW}everyone day**`, '<https://www.itu.int/hub/2024/01/metaverse/>', 'China Mobile proposed a digital identity system.']);
    const long = messageToDiscordTextPayload({ kind: 'answer', title: 't', text: 'x'.repeat(5000) });
    expect(long.content!.length).toBeLessThanOrEqual(2000);
    expect(long.allowed_mentions).toEqual({ parse: [] });
    expect(long.embeds).toBeUndefined();
  });
});
