// Small meeting builders for the meeting tests.
import type { Group, Meeting, Subscription } from '../../../src/core/types.js';

export function meeting(over: Partial<Meeting> & Pick<Meeting, 'id' | 'start' | 'end'>): Meeting {
  return { groupId: 'itu-t-sg17', title: 'SG17 meeting', allDay: over.start.length === 10, timeZone: 'Europe/Zurich', deadlines: [], origin: 'config', ...over };
}

export const groups: Group[] = [
  { id: 'itu-t-sg17', body: 'itu', names: ['SG17', 'SG 17', 'Study Group 17'], title: 'ITU-T Study Group 17 (Security)', url: 'https://www.itu.int/en/ITU-T/studygroups/2025-2028/17/Pages/default.aspx' },
  { id: 'itu-t-fg-mv', body: 'itu', names: ['FG-MV', 'metaverse focus group'], title: 'ITU-T Focus Group on metaverse (FG-MV)' },
  { id: 'w3c-tpac', body: 'w3c', names: ['TPAC'], title: 'W3C TPAC' },
];

export function subscription(over: Partial<Subscription> & Pick<Subscription, 'id'>): Subscription {
  return {
    platform: 'discord',
    target: `chan-${over.id}`,
    personal: false,
    filter: { tags: [], keywords: [], groups: ['itu-t-sg17'], sources: [], minScore: 0 },
    mode: 'instant',
    timeZone: 'America/New_York',
    createdBy: 'u1',
    createdAt: '2025-01-01T00:00:00Z',
    ...over,
  };
}
