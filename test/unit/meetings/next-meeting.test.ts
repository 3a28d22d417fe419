import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { CommandContext } from '../../../src/bot/commands/define.js';
import { runTokens } from '../../../src/bot/commands/dispatch.js';
import { tokenize } from '../../../src/bot/commands/parse-text.js';
import { meetingsCommand, nextMeetingCommand } from '../../../src/bot/commands/next-meeting.js';
import type { CommandServices } from '../../../src/bot/commands/services.js';
import { resolveGroup, suggestGroups } from '../../../src/core/enrich/entities.js';
import { createMeetingQuery } from '../../../src/core/meetings/query.js';
import { messageToPlainText } from '../../../src/core/message.js';
import { groups, meeting } from './fixtures.js';

const configMeetings = [
  meeting({ id: 'fgmv-final', groupId: 'itu-t-fg-mv', title: 'Final meeting', start: '2024-06-12', end: '2024-06-13', location: 'Geneva, Switzerland' }),
  meeting({ id: 'sg17-sep', title: 'SG17 meeting', start: '2025-09-02', end: '2025-09-11', location: 'Geneva, Switzerland', url: 'https://www.itu.int/sg17/sep' }),
];
const stored = [
  meeting({ id: 'sg17-call', origin: 'sg17-ics', title: 'Rapporteur call', allDay: false, start: '2025-08-20T14:00:00+02:00', end: '2025-08-20T15:30:00+02:00', location: 'virtual' }),
  meeting({ id: 'tpac', groupId: 'w3c-tpac', origin: 'config', title: 'TPAC 2025', start: '2025-11-10', end: '2025-11-14', timeZone: 'Asia/Tokyo', location: 'Kobe, Japan' }),
];

function ctx(now: string, timeZone = 'UTC'): CommandContext {
  const services = {
    meetings: createMeetingQuery({ configMeetings, store: { all: async () => stored }, groupRules: { 'itu-t-sg17': { contributionDeadlineDays: 12 } } }),
    groups,
    resolveGroup: (t: string) => resolveGroup(t, groups),
    suggestGroups: (t: string, n: number) => suggestGroups(t, groups, n),
    tags: [],
    publicUrl: 'https://watch.example.org',
  } as unknown as CommandServices;
  return { platform: 'terminal', target: 'terminal', user: { id: 'u' }, isDirect: false, can: { manageTarget: true, operator: false }, timeZone, clock: { now: () => new Date(now) }, services };
}

const log = pino({ level: 'silent' });
const ask = async (text: string, now: string, tz?: string) => messageToPlainText(await runTokens([nextMeetingCommand, meetingsCommand], tokenize(text), ctx(now, tz), log));

describe('next-meeting', () => {
  it('gives the next meeting in the organiser zone and the reader zone, days left, place, link and the next deadline', async () => {
    expect(await ask('next-meeting sg17 tz:America/New_York', '2025-08-05T12:00:00Z')).toBe(
      [
        'ITU-T Study Group 17 (Security) — Rapporteur call',
        'https://www.itu.int/en/ITU-T/studygroups/2025-2028/17/Pages/default.aspx',
        'When: Wed 20 Aug 2025 14:00–15:30 Europe/Zurich',
        'Your time: Wed 20 Aug 2025 08:00–09:30 America/New_York',
        'Starts: in 15 days',
        'Where: virtual',
        "Contributions due: Fri 8 Aug 2025 (in 3 days; derived: 12 days before the meeting (the body's standing rule))",
      ].join('\n'),
    );
  });

  it('uses the context zone (a subscription zone) when no tz is given, and shows all-day dates unshifted', async () => {
    expect(await ask('next-meeting "SG 17"', '2025-08-21T12:00:00Z', 'Pacific/Auckland')).toBe(
      [
        'ITU-T Study Group 17 (Security) — SG17 meeting',
        'https://www.itu.int/sg17/sep',
        'When: 2–11 Sep 2025',
        'Starts: in 11 days',
        'Where: Geneva, Switzerland',
        "Contributions due: Thu 21 Aug 2025 (today; derived: 12 days before the meeting (the body's standing rule))",
      ].join('\n'),
    );
  });

  it('says so when a group has no future meeting, and gives the last one', async () => {
    expect(await ask('next-meeting fg-mv', '2025-08-10T12:00:00Z')).toBe('No upcoming meeting of ITU-T Focus Group on metaverse (FG-MV) is known. The last one: Final meeting, 12–13 Jun 2024, Geneva, Switzerland.');
  });

  it('suggests the closest names for an unknown group', async () => {
    expect(await ask('next-meeting fg-mx', '2025-08-10T12:00:00Z')).toBe('group: no group called "fg-mx" — did you mean FG-MV, SG17, TPAC?');
  });

  it('without a group lists the next meeting of each group, soonest first', async () => {
    expect(await ask('next-meeting', '2025-08-10T12:00:00Z')).toBe(
      [
        'Next meetings',
        'The next meeting of each group (times also in UTC):',
        'Next meetings',
        '  • ITU-T Study Group 17 (Security) — Rapporteur call — Wed 20 Aug 2025 14:00–15:30 Europe/Zurich (Wed 20 Aug 2025 12:00–13:30 UTC) · virtual · in 10 days',
        '  • W3C TPAC — TPAC 2025 — 10–14 Nov 2025 · Kobe, Japan · in 92 days',
      ].join('\n'),
    );
  });
});

describe('meetings', () => {
  it('lists the upcoming meetings of a group within the horizon, with the calendar link', async () => {
    expect(await ask('meetings sg17 30', '2025-08-10T12:00:00Z')).toBe(
      [
        'Upcoming meetings',
        '2 meetings of ITU-T Study Group 17 (Security) in the next 30 days:',
        'Upcoming meetings',
        '  • ITU-T Study Group 17 (Security) — Rapporteur call — Wed 20 Aug 2025 14:00–15:30 Europe/Zurich (Wed 20 Aug 2025 12:00–13:30 UTC) · virtual · in 10 days',
        '  • ITU-T Study Group 17 (Security) — SG17 meeting — 2–11 Sep 2025 · Geneva, Switzerland · in 23 days <https://www.itu.int/sg17/sep>',
        'Calendar: https://watch.example.org/groups/itu-t-sg17/meetings.ics',
      ].join('\n'),
    );
  });

  it('says when nothing is known in the window', async () => {
    expect(await ask('meetings fg-mv', '2025-08-10T12:00:00Z')).toBe('No meetings of ITU-T Focus Group on metaverse (FG-MV) known in the next 90 days.');
  });
});
