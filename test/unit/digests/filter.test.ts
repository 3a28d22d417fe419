import { describe, expect, it } from 'vitest';
import { containsWord, describeFilter, emptyFilter, matchesFilter } from '../../../src/core/filter.js';
import type { Filter } from '../../../src/core/types.js';
import { item } from './items.js';

const article = item('a', {
  title: 'China Mobile proposes Digital-Identity system to the ITU',
  summary: 'The FG-MV focus group discussed the proposal.',
  content: 'Users’ natural and social characteristics would be stored permanently and shared with the police. Café owners worry.',
  tags: ['digital-identity', 'surveillance'],
  groups: ['itu-t-fg-mv'],
  sourceId: 'itu-news',
  score: 0.6,
});

const f = (part: Partial<Filter>): Filter => ({ ...emptyFilter(), ...part });

describe('filter semantics', () => {
  const table: [string, Partial<Filter>, boolean][] = [
    ['an empty filter matches every item', {}, true],
    ['any of the tags: one of two present', { tags: ['privacy', 'surveillance'] }, true],
    ['any of the tags: none present', { tags: ['privacy', 'encryption'] }, false],
    ['any of the groups: present', { groups: ['itu-t-sg17', 'itu-t-fg-mv'] }, true],
    ['any of the groups: absent', { groups: ['itu-t-sg17'] }, false],
    ['any of the sources: present', { sources: ['ietf', 'itu-news'] }, true],
    ['any of the sources: absent', { sources: ['ietf'] }, false],
    ['all keywords: both present', { keywords: ['police', 'permanently'] }, true],
    ['all keywords: one missing', { keywords: ['police', 'biometric'] }, false],
    ['keywords are case-insensitive', { keywords: ['POLICE'] }, true],
    ['keywords are whole words: "pol" does not match "police"', { keywords: ['pol'] }, false],
    ['keywords are whole words: "mobile" matches', { keywords: ['mobile'] }, true],
    ['a phrase matches with a hyphen in the text', { keywords: ['digital identity'] }, true],
    ['a hyphenated keyword matches the spaced phrase', { keywords: ['focus-group'] }, true],
    ['accents are ignored', { keywords: ['cafe'] }, true],
    ['regex characters in a keyword are literal', { keywords: ['ITU.'] }, false],
    ['keywords are looked for in the summary too', { keywords: ['FG-MV'] }, true],
    ['min score below the item passes', { minScore: 0.5 }, true],
    ['min score above the item fails', { minScore: 0.7 }, false],
    ['parts combine with AND: tag matches but group does not', { tags: ['surveillance'], groups: ['itu-t-sg17'] }, false],
    ['parts combine with AND: all match', { tags: ['surveillance'], groups: ['itu-t-fg-mv'], keywords: ['police'], sources: ['itu-news'], minScore: 0.6 }, true],
  ];
  for (const [name, filter, expected] of table) {
    it(name, () => {
      expect(matchesFilter(f(filter), article)).toBe(expected);
    });
  }

  it('containsWord does not match inside a longer word', () => {
    expect(containsWord('surveillance-state', 'surveil')).toBe(false);
    expect(containsWord('the surveil act', 'surveil')).toBe(true);
  });
});

describe('describeFilter', () => {
  it('explains every part in words, with display names when given', () => {
    const text = describeFilter(f({ tags: ['digital-identity', 'surveillance'], groups: ['itu-t-fg-mv'], keywords: ['police', 'eID'], sources: ['itu-news'], minScore: 0.5 }), {
      tag: (id) => (id === 'digital-identity' ? 'Digital identity' : id),
      group: () => 'FG-MV',
    });
    expect(text).toBe('items tagged Digital identity or surveillance, about FG-MV, from itu-news, containing "police" and "eID", with relevance at least 50%');
  });

  it('says "every item" for an empty filter', () => {
    expect(describeFilter(emptyFilter())).toBe('every item');
  });
});
