import { describe, expect, it } from 'vitest';
import { composeDigest, feedUrl, type DigestInput } from '../../../src/core/digest/compose.js';
import { messageToPlainText } from '../../../src/core/message.js';
import { item, meeting, subscription } from './items.js';

const names = {
  tag: (id: string) => ({ 'digital-identity': 'Digital identity', surveillance: 'Surveillance' })[id] ?? id,
  group: (id: string) => (id === 'itu-t-fg-mv' ? 'FG-MV' : id),
  source: (id: string) => ({ press: 'The Press', wire: 'Wire' })[id] ?? id,
};

function input(extra: Partial<DigestInput> = {}): DigestInput {
  return {
    subscription: subscription({ filter: { tags: ['surveillance', 'digital-identity'] } }),
    items: [],
    meetings: [],
    now: new Date('2024-03-26T08:00:00Z'),
    since: '2024-03-25T08:00:00Z',
    publicUrl: 'https://sw.example/',
    names,
    ...extra,
  };
}

describe('composeDigest', () => {
  it('groups stories by tag with one line per story, however many outlets reported it', () => {
    const message = composeDigest(
      input({
        items: [
          item('a1', { storyId: 'story-a', tags: ['digital-identity'], score: 0.9, title: 'Digital ID for the metaverse', sourceId: 'press' }),
          item('a2', { storyId: 'story-a', tags: ['digital-identity'], score: 0.4, title: 'Same story, other outlet', sourceId: 'wire' }),
          item('b', { storyId: 'story-b', tags: ['surveillance', 'digital-identity'], score: 0.7, title: 'Police access to metaverse data' }),
          item('c', { storyId: 'story-c', tags: [], title: 'Untagged item' }),
        ],
      }),
    );
    expect(message.kind).toBe('digest');
    expect(message.title).toBe('Daily digest — Tue 26 Mar 2024');
    expect(message.text).toBe('3 new stories since Mon 25 Mar 09:00. Full list: https://sw.example/feed.xml');
    const headings = message.sections!.map((s) => s.heading);
    expect(headings).toEqual(['Digital identity', 'Surveillance', 'Other']);
    // The story with two outlets is one line, led by its most relevant item.
    expect(message.sections![0]!.lines).toEqual([{ text: 'Digital ID for the metaverse', url: 'https://news.example/a1', detail: 'The Press +1 more outlet · Mon 25 Mar' }]);
    // Filed under the first of the subscription's own tags it carries.
    expect(message.sections![1]!.lines.map((l) => l.text)).toEqual(['Police access to metaverse data']);
    expect(message.sections![2]!.lines.map((l) => l.text)).toEqual(['Untagged item']);
  });

  it('lists the upcoming meetings and deadlines of the groups it follows, and not of others', () => {
    const message = composeDigest(
      input({
        subscription: subscription({ filter: { groups: ['itu-t-fg-mv'] } }),
        items: [item('a', { groups: ['itu-t-fg-mv'] })],
        meetings: [
          meeting(),
          meeting({ id: 'm2', groupId: 'itu-t-sg17', title: 'SG17 plenary', start: '2024-04-10', end: '2024-04-12' }),
          meeting({ id: 'm3', title: 'Cancelled one', start: '2024-04-01', end: '2024-04-01', status: 'cancelled' }),
          meeting({ id: 'm4', title: 'Past meeting', start: '2024-01-10', end: '2024-01-12', deadlines: [] }),
        ],
      }),
    );
    const meetings = message.sections!.find((s) => s.heading === 'Upcoming meetings')!;
    expect(meetings.lines).toEqual([{ text: 'FG-MV — 4th meeting', url: undefined, detail: '15–19 Apr 2024 · Geneva · in 20 days' }]);
    const deadlines = message.sections!.find((s) => s.heading === 'Deadlines')!;
    expect(deadlines.lines).toEqual([{ text: 'Contributions due Wed 3 Apr 2024', url: undefined, detail: 'FG-MV — 4th meeting · in 8 days' }]);
  });

  it('links the tag’s own feed when the digest follows exactly one tag', () => {
    expect(feedUrl('https://sw.example/', ['surveillance'])).toBe('https://sw.example/tags/surveillance/feed.xml');
    expect(feedUrl('https://sw.example', [])).toBe('https://sw.example/feed.xml');
  });

  it('says "nothing new" in one line when nothing matched', () => {
    const message = composeDigest(input());
    expect(message.text).toBe('Nothing new since Mon 25 Mar 09:00.');
    expect(message.sections).toBeUndefined();
  });

  it('caps the story lines and counts the rest with the feed link', () => {
    const items = Array.from({ length: 30 }, (_, i) => item(`x${i}`, { tags: ['surveillance'], score: i / 100 }));
    const message = composeDigest(input({ items, maxStories: 10 }));
    const lines = message.sections!.flatMap((s) => s.lines);
    expect(lines).toHaveLength(11);
    expect(lines.at(-1)).toEqual({ text: '20 more stories in the full list', url: 'https://sw.example/feed.xml' });
    expect(lines[0]!.text).toBe('Title x29');
  });

  it('mentions the items the hourly alert limit held back', () => {
    const message = composeDigest(input({ items: [item('a', { tags: ['surveillance'] })], heldBack: 1 }));
    expect(messageToPlainText(message)).toContain('(1 of the items were held back from instant alerts by the hourly limit)');
  });
});
