import { describe, expect, it } from 'vitest';
import { enrich, resolveGroup, suggestGroups } from '../../../src/core/enrich/index.js';
import { loadGroups, loadModel } from './load-model.js';

const model = loadModel();
const groups = loadGroups();
const run = (title: string, content = '') => enrich({ title, content, sourceTags: [] }, model);

describe('entities', () => {
  it('resolves bodies, groups, companies and countries to display names', () => {
    const r = run(
      'China Mobile proposal at FG-MV',
      'The operator told the International Telecommunication Union that Chinese users would benefit. ITU-T SG17 also met.',
    );
    expect(r.entities).toEqual(['China Mobile', 'FG-MV', 'ITU', 'China', 'ITU-T SG17 (security)']);
    expect(r.groups).toEqual(['itu-t-fg-mv', 'itu-t-sg17']);
  });

  it('matches group aliases case-insensitively with hyphen and space variants', () => {
    expect(run('Notes from the fg mv meeting').groups).toEqual(['itu-t-fg-mv']);
    expect(run('The Metaverse Focus Group met').groups).toEqual(['itu-t-fg-mv']);
    expect(run('Study Group 17 on security').groups).toEqual(['itu-t-sg17']);
  });

  it('prefers the longest name, so "China Mobile" is not also "China"', () => {
    expect(run('China Mobile results').entities).toEqual(['China Mobile']);
  });

  it('does not turn ordinary words into organisations', () => {
    expect(run('Let us know', 'Get access now to the article; an apple a day.').entities).toEqual([]);
    expect(run('Access Now condemns the US shutdown order').entities).toEqual(['Access Now', 'United States']);
  });

  it('adds a group given by the source even when the text does not name it', () => {
    const r = enrich({ title: 'Meeting report', content: 'Nothing named here.', sourceTags: [], sourceGroup: 'itu-t-sg13' }, model);
    expect(r.groups).toEqual(['itu-t-sg13']);
  });
});

describe('resolveGroup', () => {
  it.each([
    ['fg-mv', 'itu-t-fg-mv'],
    ['FG MV', 'itu-t-fg-mv'],
    ['fgmv', 'itu-t-fg-mv'],
    ['metaverse focus group', 'itu-t-fg-mv'],
    ['sg 17', 'itu-t-sg17'],
    ['SG17', 'itu-t-sg17'],
    ['itu-t-sg13', 'itu-t-sg13'],
    ['the ITU-T FG-MV', 'itu-t-fg-mv'],
  ])('resolves %s', (text, id) => {
    expect(resolveGroup(text, groups)?.id).toBe(id);
  });

  it('returns undefined for unknown or ambiguous text', () => {
    expect(resolveGroup('sg 99', groups)).toBeUndefined();
    expect(resolveGroup('', groups)).toBeUndefined();
    expect(resolveGroup('SG13 and SG17', groups)).toBeUndefined();
  });
});

describe('suggestGroups', () => {
  it('suggests the closest names for a typo', () => {
    expect(suggestGroups('fg-mx', groups, 1).map((g) => g.id)).toEqual(['itu-t-fg-mv']);
    expect(suggestGroups('sg71', groups, 3).map((g) => g.id)).toContain('itu-t-sg17');
  });

  it('puts names that start with the text first (autocomplete)', () => {
    const ids = suggestGroups('sg1', groups, 3).map((g) => g.id);
    expect(ids).toEqual(['itu-t-sg17', 'itu-t-sg13', 'itu-t-sg16']);
  });

  it('returns at most n groups', () => {
    expect(suggestGroups('x', groups, 2)).toHaveLength(2);
    expect(suggestGroups('x', groups, 0)).toHaveLength(0);
  });
});
