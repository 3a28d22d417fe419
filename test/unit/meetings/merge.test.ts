import { describe, expect, it } from 'vitest';
import { createMeetingQuery } from '../../../src/core/meetings/query.js';
import { mergeMeetings, type OriginKind } from '../../../src/core/meetings/merge.js';
import { meeting } from './fixtures.js';

const rules = { 'itu-t-sg17': { contributionDeadlineDays: 12 } };
const kinds: Record<string, OriginKind> = { 'sg17-ics': 'ics', 'sg17-page': 'itu-group' };
const originKind = (o: string) => kinds[o] ?? 'unknown';

describe('mergeMeetings', () => {
  it('makes one meeting of an ICS event and a config entry for the same meeting; the timed event gives the times', () => {
    const config = meeting({ id: 'cfg', origin: 'config', title: 'SG17 plenary', start: '2025-04-08', end: '2025-04-17', location: 'Geneva, Switzerland', deadlines: [{ kind: 'registration', at: '2025-03-25' }] });
    const ics = meeting({ id: 'ics', origin: 'sg17-ics', title: 'ITU-T SG17 meeting', start: '2025-04-08T09:30:00+02:00', end: '2025-04-17T17:30:00+02:00', allDay: false, sequence: 3 });
    const [merged, ...rest] = mergeMeetings([[config], [ics]], rules, { originKind });
    expect(rest).toEqual([]);
    expect(merged).toMatchObject({ id: 'ics', allDay: false, start: '2025-04-08T09:30:00+02:00', end: '2025-04-17T17:30:00+02:00', title: 'SG17 plenary', location: 'Geneva, Switzerland', sequence: 3 });
  });

  it('lets the config beat a scraped page for the fields it has, and the page fill the rest', () => {
    const page = meeting({ id: 'page', origin: 'sg17-page', title: 'SG17', start: '2025-04-08', end: '2025-04-17', location: 'Geneva', url: 'https://www.itu.int/events/sg17' });
    const config = meeting({ id: 'cfg', origin: 'config', title: 'SG17 plenary', start: '2025-04-08', end: '2025-04-16', timeZone: 'Europe/Zurich' });
    const [merged, ...rest] = mergeMeetings([[page], [config]], {}, { originKind });
    expect(rest).toEqual([]);
    expect(merged).toMatchObject({ id: 'cfg', title: 'SG17 plenary', start: '2025-04-08', end: '2025-04-16', location: 'Geneva', url: 'https://www.itu.int/events/sg17' });
  });

  it('keeps the union of deadlines and derives no contributions deadline when one is published', () => {
    const a = meeting({ id: 'a', origin: 'config', start: '2025-04-08', end: '2025-04-17', deadlines: [{ kind: 'contributions', at: '2025-03-26' }] });
    const b = meeting({ id: 'b', origin: 'sg17-page', start: '2025-04-08', end: '2025-04-17', deadlines: [{ kind: 'registration', at: '2025-03-20' }, { kind: 'contributions', at: '2025-03-26' }] });
    const [merged] = mergeMeetings([[a], [b]], rules, { originKind });
    expect(merged!.deadlines).toEqual([
      { kind: 'registration', at: '2025-03-20' },
      { kind: 'contributions', at: '2025-03-26' },
    ]);
  });

  it("derives the contributions deadline from the body's standing rule and says so", () => {
    const m = meeting({ id: 'a', start: '2025-04-08', end: '2025-04-17' });
    const [merged] = mergeMeetings([[m]], rules);
    expect(merged!.deadlines).toEqual([{ kind: 'contributions', at: '2025-03-27', derived: true, note: "12 days before the meeting (the body's standing rule)" }]);
    const [other] = mergeMeetings([[{ ...m, groupId: 'w3c-tpac' }]], rules);
    expect(other!.deadlines).toEqual([]);
  });

  it('derives the deadline from the first day in the organiser zone for a timed meeting', () => {
    const m = meeting({ id: 'a', allDay: false, start: '2025-04-08T00:30:00+02:00', end: '2025-04-08T03:00:00+02:00' });
    expect(mergeMeetings([[m]], rules)[0]!.deadlines[0]!.at).toBe('2025-03-27');
  });

  it('keeps meetings of other groups, other dates and the same origin apart', () => {
    const a = meeting({ id: 'a', origin: 'sg17-ics', start: '2025-04-08', end: '2025-04-10' });
    const b = meeting({ id: 'b', origin: 'sg17-ics', start: '2025-04-09', end: '2025-04-10' });
    const c = meeting({ id: 'c', origin: 'config', groupId: 'itu-t-fg-mv', start: '2025-04-08', end: '2025-04-10' });
    const d = meeting({ id: 'd', origin: 'config', start: '2025-09-01', end: '2025-09-05' });
    expect(mergeMeetings([[a, b], [c, d]], {}).map((m) => m.id)).toEqual(['a', 'c', 'b', 'd']);
  });

  it('does not let a one-hour call swallow the week-long plenary it falls in', () => {
    const plenary = meeting({ id: 'p', origin: 'config', start: '2025-04-07', end: '2025-04-11' });
    const call = meeting({ id: 'call', origin: 'sg17-ics', allDay: false, start: '2025-04-09T14:00:00+02:00', end: '2025-04-09T15:00:00+02:00' });
    expect(mergeMeetings([[plenary], [call]], {}, { originKind }).map((m) => m.id)).toEqual(['p', 'call']);
  });

  it('drops a second copy of the same meeting id', () => {
    const m = meeting({ id: 'same', start: '2025-04-08', end: '2025-04-10' });
    expect(mergeMeetings([[m], [m]], {})).toHaveLength(1);
  });

  it('expresses a UTC-published timed event in the organiser zone the config names', () => {
    const config = meeting({ id: 'cfg', origin: 'config', start: '2025-04-08', end: '2025-04-08', timeZone: 'Asia/Riyadh' });
    const ics = meeting({ id: 'ics', origin: 'sg17-ics', allDay: false, timeZone: 'UTC', start: '2025-04-08T06:00:00Z', end: '2025-04-08T14:00:00Z' });
    const [merged] = mergeMeetings([[config], [ics]], {}, { originKind });
    expect(merged).toMatchObject({ timeZone: 'Asia/Riyadh', start: '2025-04-08T09:00:00+03:00', end: '2025-04-08T17:00:00+03:00' });
  });
});

describe('createMeetingQuery', () => {
  it('merges the config meetings with what the store holds, ranking origins by their source kind', async () => {
    const config = meeting({ id: 'cfg', origin: 'config', start: '2025-04-08', end: '2025-04-17', location: 'Geneva' });
    const stored = [
      meeting({ id: 'page', origin: 'sg17-page', start: '2025-04-08', end: '2025-04-17', url: 'https://www.itu.int/x' }),
      meeting({ id: 'next', origin: 'sg17-page', start: '2025-09-01', end: '2025-09-05' }),
    ];
    const query = createMeetingQuery({
      configMeetings: [config],
      store: { all: async () => stored },
      groupRules: rules,
      sources: () => [{ id: 'sg17-page', kind: 'itu-group', url: 'https://www.itu.int/sg17', everyMs: 1, tags: [], fetchArticle: false }],
    });
    const all = await query.all();
    expect(all.map((m) => [m.id, m.location, m.url, m.deadlines.map((d) => d.at)])).toEqual([
      ['cfg', 'Geneva', 'https://www.itu.int/x', ['2025-03-27']],
      ['next', undefined, undefined, ['2025-08-20']],
    ]);
  });
});
