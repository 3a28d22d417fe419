import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildConfig } from '../../../src/config/load.js';
import { resolveGroup, suggestGroups } from '../../../src/core/enrich/entities.js';

const read = (name: string) => ({ name, text: readFileSync(new URL(`../../../config/${name}`, import.meta.url), 'utf8'), isDefault: true });
const config = buildConfig({ env: {}, documents: [read('groups.yaml'), read('meetings.yaml')] });

describe('group aliases from config/groups.yaml', () => {
  it.each([
    ['fg-mv', 'itu-t-fg-mv'],
    ['FG MV', 'itu-t-fg-mv'],
    ['metaverse focus group', 'itu-t-fg-mv'],
    ['the ITU-T Focus Group on metaverse', 'itu-t-fg-mv'],
    ['sg 17', 'itu-t-sg17'],
    ['SG17', 'itu-t-sg17'],
    ['study group 13', 'itu-t-sg13'],
    ['sg20', 'itu-t-sg20'],
    ['tsag', 'itu-t-tsag'],
    ['ITU Council', 'itu-council'],
    ['ietf', 'ietf'],
    ['tpac', 'w3c-tpac'],
    ['W3C Advisory Committee', 'w3c-ac'],
  ])('resolves "%s" to %s', (text, id) => {
    expect(resolveGroup(text, config.groups)?.id).toBe(id);
  });

  it('suggests the closest names for a near miss', () => {
    expect(suggestGroups('fg-mx', config.groups, 3).map((g) => g.id)).toContain('itu-t-fg-mv');
    expect(suggestGroups('sg1', config.groups, 3)[0]?.id).toMatch(/^itu-t-sg1/);
  });

  it('derives standing-rule deadlines only for groups that have one and every config meeting names a known group', () => {
    expect(config.groupRules['itu-t-sg17']).toEqual({ contributionDeadlineDays: 12 });
    expect(config.groupRules['ietf']).toBeUndefined();
    const ids = new Set(config.groups.map((g) => g.id));
    expect(config.meetings.filter((m) => !ids.has(m.groupId))).toEqual([]);
  });
});
