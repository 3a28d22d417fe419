import { describe, expect, it } from 'vitest';
import type { Meeting } from '../../../src/core/types.js';
import { readSource } from '../../../src/feeds/read-source.js';
import { read, source } from './fixture.js';

const NOW = new Date('2026-03-01T00:00:00Z');
const group = (name: string) => read(name, 'ics', { now: NOW, source: { group: 'w3c', id: 'cal' } });
const titled = (ms: Meeting[], title: string) => ms.filter((m) => m.title === title);

describe('ics: all-day events', () => {
  it('turns the exclusive DTEND of all-day events into an inclusive last day', async () => {
    const r = await read('fgmv-meetings.ics', 'ics', { source: { group: 'itu-t-fg-mv', id: 'fgmv' } });
    expect(r.meetings.map((m) => [m.start, m.end])).toEqual([
      ['2023-03-08', '2023-03-09'],
      ['2023-07-04', '2023-07-06'],
      ['2023-10-03', '2023-10-05'],
      ['2023-12-04', '2023-12-07'],
      ['2024-06-12', '2024-06-13'],
    ]);
    expect(r.meetings[0]).toMatchObject({
      groupId: 'itu-t-fg-mv',
      allDay: true,
      location: 'Riyadh, Saudi Arabia',
      origin: 'fgmv',
      url: 'https://www.itu.int/en/ITU-T/ssc/Pages/1st-forum-metaverse.aspx',
      deadlines: [],
    });
    expect(r.title).toBe('ITU-T FG-MV meetings (derived fixture)');
  });

  it('keeps the IETF datatracker quirk: its DTEND already is the last day', async () => {
    const r = await read('ietf-upcoming.ics', 'ics', { source: { group: 'ietf' } });
    const ietf116 = r.meetings.find((m) => m.title === 'IETF 116');
    expect(ietf116).toMatchObject({ start: '2023-03-25', end: '2023-03-31', allDay: true, timeZone: 'Asia/Tokyo', location: 'Yokohama,JP' });
    expect(r.meetings.find((m) => m.title === 'IETF 122')).toMatchObject({ start: '2025-03-15', end: '2025-03-21', timeZone: 'Asia/Bangkok' });
  });

  it('reads an all-day plenary and its tentative status', async () => {
    const r = await group('group-calendar-tzid-rrule.ics');
    expect(titled(r.meetings, 'Plenary week')).toEqual([
      expect.objectContaining({ start: '2026-06-01', end: '2026-06-05', allDay: true, status: 'tentative', location: 'Seoul', timeZone: 'Europe/Zurich' }),
    ]);
  });
});

describe('ics: time zones', () => {
  it('gives timed events as ISO with the offset of their TZID', async () => {
    const r = await group('group-calendar-tzid-rrule.ics');
    expect(titled(r.meetings, 'Workshop on digital identity')[0]).toMatchObject({
      start: '2026-03-10T09:30:00+01:00',
      end: '2026-03-10T12:00:00+01:00',
      timeZone: 'Europe/Zurich',
      allDay: false,
      groupId: 'w3c',
      location: 'Geneva, CICG',
      url: 'https://groups.example.org/workshop',
    });
  });

  it('marks UTC events with the UTC zone', async () => {
    const r = await group('group-calendar-tzid-rrule.ics');
    const utc = titled(r.meetings, 'UTC call')[0];
    expect(utc?.timeZone).toBe('UTC');
    expect(Date.parse(utc?.start ?? '')).toBe(Date.parse('2026-04-01T14:00:00Z'));
  });

  it('maps an Outlook (Windows) TZID to an IANA zone', async () => {
    const r = await group('group-calendar-tzid-rrule.ics');
    const outlook = titled(r.meetings, 'Outlook-made meeting')[0];
    expect(outlook?.start).toBe('2026-07-10T09:00:00+02:00');
    expect(outlook?.end).toBe('2026-07-10T11:00:00+02:00');
    expect(outlook?.timeZone).toMatch(/^Europe\//);
  });
});

describe('ics: recurrences, cancellations, updates', () => {
  it('expands a weekly RRULE across a DST change, without the EXDATE and with the moved instance', async () => {
    const r = await group('group-calendar-tzid-rrule.ics');
    const calls = r.meetings.filter((m) => m.title.startsWith('Weekly credentials call'));
    expect(calls.map((m) => m.start)).toEqual([
      '2026-03-03T11:00:00-05:00',
      '2026-03-10T11:00:00-04:00',
      '2026-03-24T13:00:00-04:00',
      '2026-04-07T11:00:00-04:00',
    ]);
    expect(calls[2]?.title).toBe('Weekly credentials call (moved)');
    expect(new Set(calls.map((m) => m.id)).size).toBe(4);
  });

  it('drops cancelled events and cancelled instances', async () => {
    const r = await group('group-calendar-tzid-rrule.ics');
    expect(titled(r.meetings, 'Cancelled side meeting')).toEqual([]);
    expect(r.meetings.some((m) => m.start.startsWith('2026-03-31'))).toBe(false);
    expect(r.warnings.join(' ')).toMatch(/2 cancelled/);
  });

  it('keeps only the highest SEQUENCE of an updated event, whatever the order in the file', async () => {
    const r = await group('group-calendar-tzid-rrule.ics');
    const interim = r.meetings.filter((m) => m.title.startsWith('Interim meeting'));
    expect(interim).toHaveLength(1);
    expect(interim[0]).toMatchObject({ title: 'Interim meeting (new date)', start: '2026-04-15T10:00:00+02:00', sequence: 2 });
  });

  it('expands an open-ended series only within now−30 d … now+400 d', async () => {
    const r = await group('group-calendar-tzid-rrule.ics');
    const monthly = titled(r.meetings, 'Monthly liaison call');
    expect(monthly[0]?.start).toBe('2026-02-15T15:00:00+01:00');
    expect(monthly.at(-1)?.start).toBe('2027-03-15T15:00:00+01:00'); // now + 400 d = 2027-04-05
    expect(monthly).toHaveLength(14);
  });

  it('gives stable ids: the same calendar read twice yields the same ids, another source other ids', async () => {
    const a = await group('group-calendar-tzid-rrule.ics');
    const b = await group('group-calendar-tzid-rrule.ics');
    const c = await read('group-calendar-tzid-rrule.ics', 'ics', { now: NOW, source: { id: 'other' } });
    expect(a.meetings.map((m) => m.id)).toEqual(b.meetings.map((m) => m.id));
    expect(new Set(a.meetings.map((m) => m.id)).size).toBe(a.meetings.length);
    expect(c.meetings.map((m) => m.id)).not.toContain(a.meetings[0]?.id);
  });

  it('keeps a recurring instance id when the window moves', async () => {
    const early = await read('group-calendar-tzid-rrule.ics', 'ics', { now: NOW });
    const later = await read('group-calendar-tzid-rrule.ics', 'ics', { now: new Date('2026-04-01T00:00:00Z') });
    const id = (r: typeof early) => r.meetings.find((m) => m.start === '2026-04-15T15:00:00+02:00')?.id;
    expect(id(early)).toBeDefined();
    expect(id(early)).toBe(id(later));
  });
});

describe('ics: broken input', () => {
  it('throws a parse error for something that is not a calendar', async () => {
    const r = readSource(source('ics'), { body: Buffer.from('<html>nope</html>'), url: 'https://x.example/c.ics' });
    await expect(r).rejects.toMatchObject({ kind: 'parse' });
  });
});
