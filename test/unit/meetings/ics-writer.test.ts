import ical from 'node-ical';
import { describe, expect, it } from 'vitest';
import { escapeText, foldLine, renderCalendar } from '../../../src/core/meetings/ics-writer.js';
import { groups, meeting } from './fixtures.js';

const now = new Date('2025-02-01T10:00:00Z');
const meetings = [
  meeting({ id: 'm1', title: 'Plenary; week 1, Geneva \\ hybrid', start: '2025-04-08', end: '2025-04-17', location: 'Geneva, Switzerland', url: 'https://www.itu.int/sg17', deadlines: [{ kind: 'contributions', at: '2025-03-27', derived: true, note: "12 days before the meeting (the body's standing rule)" }], sequence: 2 }),
  meeting({ id: 'm2', groupId: 'itu-t-fg-mv', title: 'Working group call', allDay: false, start: '2025-10-29T14:00:00+01:00', end: '2025-10-29T15:30:00+01:00', location: 'virtual' }),
  meeting({ id: 'm3', groupId: 'w3c-tpac', title: `TPAC ${'with a very long title that needs folding — über-long ünïcödé text '.repeat(3)}`, start: '2025-11-10', end: '2025-11-10', timeZone: 'Asia/Tokyo' }),
];

function unfoldedLines(text: string): string[] {
  return text.replace(/\r\n[ \t]/g, '').split('\r\n');
}

describe('renderCalendar', () => {
  const text = renderCalendar(meetings, groups, { host: 'sw.example.org', name: 'Standards meetings', now });

  it('writes CRLF lines of at most 75 octets, folded with a leading space', () => {
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(text).toMatch(/\r\n /);
    // Folding never cuts a UTF-8 sequence: the unfolded text is the original.
    expect(unfoldedLines(text).some((l) => l.includes('über-long ünïcödé text'))).toBe(true);
  });

  it('has the calendar properties and UID, DTSTAMP, DTSTART on every VEVENT', () => {
    const lines = unfoldedLines(text);
    for (const p of ['VERSION:2.0', 'PRODID:-//standards-watch//meetings//EN', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH', 'X-WR-CALNAME:Standards meetings']) expect(lines).toContain(p);
    const events = text.replace(/\r\n[ \t]/g, '').split('BEGIN:VEVENT').slice(1);
    expect(events).toHaveLength(4);
    for (const e of events) {
      expect(e).toMatch(/\r\nUID:[^\r\n]+@sw\.example\.org\r\n/);
      expect(e).toMatch(/\r\nDTSTAMP:20250201T100000Z\r\n/);
      expect(e).toMatch(/\r\nDTSTART[;:][^\r\n]+\r\n/);
    }
  });

  it('escapes commas, semicolons, backslashes and newlines in text', () => {
    expect(escapeText('a,b;c\\d\ne')).toBe('a\\,b\\;c\\\\d\\ne');
    expect(unfoldedLines(text)).toContain('SUMMARY:SG17: Plenary\\; week 1\\, Geneva \\\\ hybrid');
    expect(foldLine('x'.repeat(75))).toBe('x'.repeat(75));
    expect(foldLine('x'.repeat(76))).toBe(`${'x'.repeat(75)}\r\n x`);
  });

  it('round-trips through node-ical: all-day dates unshifted with exclusive DTEND, timed in UTC, deadlines as events', () => {
    const parsed = ical.sync.parseICS(text);
    const events = Object.values(parsed).filter((c) => c?.type === 'VEVENT') as ical.VEvent[];
    const byUid = new Map(events.map((e) => [e.uid, e]));
    const plenary = byUid.get('m1@sw.example.org')!;
    expect(plenary.datetype).toBe('date');
    expect(plenary.start.getFullYear()).toBe(2025);
    expect([plenary.start.getMonth(), plenary.start.getDate()]).toEqual([3, 8]);
    expect([plenary.end!.getMonth(), plenary.end!.getDate()]).toEqual([3, 18]);
    expect(plenary.summary).toBe('SG17: Plenary; week 1, Geneva \\ hybrid');
    expect(plenary.location).toBe('Geneva, Switzerland');
    expect(Number(plenary.sequence)).toBe(2);
    const call = byUid.get('m2@sw.example.org')!;
    expect(call.start.toISOString()).toBe('2025-10-29T13:00:00.000Z');
    expect(call.end!.toISOString()).toBe('2025-10-29T14:30:00.000Z');
    const deadline = byUid.get('m1-contributions@sw.example.org')!;
    expect(deadline.summary).toBe('Contributions deadline: SG17: Plenary; week 1, Geneva \\ hybrid (derived)');
    expect(deadline.datetype).toBe('date');
    expect([deadline.start.getMonth(), deadline.start.getDate()]).toEqual([2, 27]);
    const tpac = byUid.get('m3@sw.example.org')!;
    expect(tpac.summary).toMatch(/^TPAC with a very long title/);
  });

  it('gives the same UIDs and text for the same meetings (stable across renders)', () => {
    expect(renderCalendar(meetings, groups, { host: 'sw.example.org', name: 'Standards meetings', now })).toBe(text);
  });
});
