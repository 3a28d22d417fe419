import { describe, expect, it } from 'vitest';
import { daysUntil, formatMeetingWhen, formatOrganiserWhen, formatReaderWhen } from '../../../src/core/meetings/format.js';
import { meetingDays, meetingEndMs, meetingStartMs } from '../../../src/core/meetings/time.js';
import { meeting } from './fixtures.js';

describe('meeting times across zones', () => {
  it('shows a weekly 14:00 Europe/Zurich meeting at 08:00 New York before and 09:00 after the October DST change', () => {
    // 2025: Europe leaves summer time on Sun 26 Oct, the US on Sun 2 Nov — one week apart.
    const before = meeting({ id: 'a', start: '2025-10-22T14:00:00+02:00', end: '2025-10-22T15:00:00+02:00' });
    const gap = meeting({ id: 'b', start: '2025-10-29T14:00:00+01:00', end: '2025-10-29T15:00:00+01:00' });
    const after = meeting({ id: 'c', start: '2025-11-05T14:00:00+01:00', end: '2025-11-05T15:00:00+01:00' });
    expect(formatMeetingWhen(before, 'America/New_York')).toBe('Wed 22 Oct 2025 14:00–15:00 Europe/Zurich (Wed 22 Oct 2025 08:00–09:00 America/New_York)');
    expect(formatMeetingWhen(gap, 'America/New_York')).toBe('Wed 29 Oct 2025 14:00–15:00 Europe/Zurich (Wed 29 Oct 2025 09:00–10:00 America/New_York)');
    expect(formatMeetingWhen(after, 'America/New_York')).toBe('Wed 5 Nov 2025 14:00–15:00 Europe/Zurich (Wed 5 Nov 2025 08:00–09:00 America/New_York)');
  });

  it('reads a hand-kept local time without offset in the organiser zone, summer and winter', () => {
    const summer = meeting({ id: 'a', start: '2025-10-22T14:00', end: '2025-10-22T15:00' });
    const winter = meeting({ id: 'b', start: '2025-10-29T14:00', end: '2025-10-29T15:00' });
    expect(new Date(meetingStartMs(summer)).toISOString()).toBe('2025-10-22T12:00:00.000Z');
    expect(new Date(meetingStartMs(winter)).toISOString()).toBe('2025-10-29T13:00:00.000Z');
  });

  it('never shifts an all-day meeting for a reader in Pacific/Auckland', () => {
    const m = meeting({ id: 'a', start: '2025-03-04', end: '2025-03-06', timeZone: 'Europe/Zurich' });
    expect(formatMeetingWhen(m, 'Pacific/Auckland')).toBe('4–6 Mar 2025');
    expect(formatReaderWhen(m, 'Pacific/Auckland')).toBeUndefined();
    expect(meetingDays(m)).toEqual({ first: '2025-03-04', last: '2025-03-06' });
    // Auckland is already on 4 March at 11:00 UTC of 3 March: the meeting starts "today" there, by its own dates.
    expect(daysUntil(m, new Date('2025-03-03T11:30:00Z'), 'Pacific/Auckland')).toBe(0);
    expect(daysUntil(m, new Date('2025-03-03T11:30:00Z'), 'America/Los_Angeles')).toBe(1);
  });

  it('shows a meeting that crosses midnight in Tokyo but not in Geneva with both end days right', () => {
    const m = meeting({ id: 'a', start: '2025-06-10T15:00:00+02:00', end: '2025-06-10T18:00:00+02:00' });
    expect(formatOrganiserWhen(m)).toBe('Tue 10 Jun 2025 15:00–18:00 Europe/Zurich');
    expect(formatReaderWhen(m, 'Asia/Tokyo')).toBe('Tue 10 Jun 2025 22:00–Wed 11 Jun 01:00 Asia/Tokyo');
    expect(meetingDays(m)).toEqual({ first: '2025-06-10', last: '2025-06-10' });
  });

  it('counts the days a timed meeting crossing midnight in its own zone covers', () => {
    const m = meeting({ id: 'a', start: '2025-06-10T22:00:00+02:00', end: '2025-06-11T01:00:00+02:00' });
    expect(meetingDays(m)).toEqual({ first: '2025-06-10', last: '2025-06-11' });
    expect(formatOrganiserWhen(m)).toBe('Tue 10 Jun 2025 22:00–Wed 11 Jun 01:00 Europe/Zurich');
    expect(formatReaderWhen(m, 'America/New_York')).toBe('Tue 10 Jun 2025 16:00–19:00 America/New_York');
  });

  it('ends an all-day meeting at midnight after its last day in the organiser zone', () => {
    const m = meeting({ id: 'a', start: '2025-03-04', end: '2025-03-06', timeZone: 'Asia/Riyadh' });
    expect(new Date(meetingStartMs(m)).toISOString()).toBe('2025-03-03T21:00:00.000Z');
    expect(new Date(meetingEndMs(m)).toISOString()).toBe('2025-03-06T21:00:00.000Z');
  });
});
