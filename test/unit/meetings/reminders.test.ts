import { describe, expect, it } from 'vitest';
import { reminderMessage } from '../../../src/core/meetings/reminder-message.js';
import { announcedKey, dueReminders } from '../../../src/core/meetings/reminders.js';
import { messageToPlainText } from '../../../src/core/message.js';
import { meeting, subscription } from './fixtures.js';

const DAY = 86_400_000;
const offsets = [7 * DAY, DAY];
const m = meeting({ id: 'm1', allDay: false, start: '2025-04-08T09:30:00+02:00', end: '2025-04-08T17:30:00+02:00', location: 'Geneva', deadlines: [{ kind: 'contributions', at: '2025-03-27', derived: true, note: '12 days before the meeting' }] });
const sub = subscription({ id: 's1' });
const at = (iso: string) => new Date(iso);

describe('dueReminders', () => {
  it('fires the 7-day reminder once its time passes between two scans, and not on the next scan', () => {
    const start = Date.parse(m.start);
    const r = dueReminders([m], [sub], new Date(start - 7 * DAY + 60_000), offsets, new Date(start - 7 * DAY - 4 * 60_000));
    expect(r.map((x) => [x.kind, x.offsetMs])).toEqual([['meeting', 7 * DAY]]);
    expect(dueReminders([m], [sub], new Date(start - 7 * DAY + 6 * 60_000), offsets, new Date(start - 7 * DAY + 60_000))).toEqual([]);
  });

  it('sends only the latest due reminder after a long gap (not "in 7 days" and "tomorrow" at once)', () => {
    const start = Date.parse(m.start);
    const r = dueReminders([m], [sub], new Date(start - 12 * 3_600_000), offsets, new Date(start - 10 * DAY)).filter((x) => x.kind === 'meeting');
    expect(r.map((x) => x.offsetMs)).toEqual([DAY]);
  });

  it('reminds before a deadline (due at the end of its day in the organiser zone)', () => {
    // 27 March ends at 2025-03-28T00:00 Geneva (+01:00) = 2025-03-27T23:00Z; one day before: 2025-03-26T23:00Z.
    const before = dueReminders([m], [sub], at('2025-03-26T22:59:00Z'), [DAY], at('2025-03-26T22:50:00Z'));
    const after = dueReminders([m], [sub], at('2025-03-26T23:01:00Z'), [DAY], at('2025-03-26T22:59:00Z'));
    expect(before).toEqual([]);
    expect(after.map((x) => [x.kind, x.deadline?.kind])).toEqual([['deadline', 'contributions']]);
  });

  it('gives each reminder a deterministic key that changes with the meeting start', () => {
    const now = at('2025-04-02T00:00:00Z');
    const a = dueReminders([m], [sub], now, offsets, undefined);
    const b = dueReminders([m], [sub], now, offsets, undefined);
    expect(a.map((x) => x.key)).toEqual(b.map((x) => x.key));
    expect(a[0]!.key).toMatch(/^rem[0-9a-f]{16}$/);
    const moved = dueReminders([{ ...m, start: '2025-04-08T10:00:00+02:00' }], [sub], now, offsets, undefined);
    expect(moved.find((x) => x.kind === 'meeting')!.key).not.toBe(a.find((x) => x.kind === 'meeting')!.key);
  });

  it('announces a move when the start differs from the last one announced, but not a re-written same instant', () => {
    const now = at('2025-03-01T00:00:00Z');
    const announced = new Map([[announcedKey('s1', 'm1'), '2025-04-01T09:30:00+02:00']]);
    const r = dueReminders([m], [sub], now, offsets, at('2025-02-28T23:55:00Z'), announced);
    expect(r.map((x) => [x.kind, x.previousStart])).toEqual([['moved', '2025-04-01T09:30:00+02:00']]);
    const same = new Map([[announcedKey('s1', 'm1'), '2025-04-08T07:30:00Z']]);
    expect(dueReminders([m], [sub], now, offsets, at('2025-02-28T23:55:00Z'), same)).toEqual([]);
  });

  it('reminds only subscriptions that follow the group and are not paused, and skips past meetings', () => {
    const now = at('2025-04-02T00:00:00Z');
    const other = subscription({ id: 's2', filter: { tags: ['x'], keywords: [], groups: ['w3c-tpac'], sources: [], minScore: 0 } });
    const paused = subscription({ id: 's3', paused: true });
    expect(dueReminders([m], [sub, other, paused], now, offsets, undefined).map((x) => x.subscriptionId)).toEqual(['s1']);
    expect(dueReminders([m], [sub], at('2025-04-09T00:00:00Z'), offsets, undefined)).toEqual([]);
  });
});

describe('reminderMessage', () => {
  it('reads in the reader zone with the organiser time beside it', () => {
    const [r] = dueReminders([m], [sub], at('2025-04-07T08:00:00Z'), offsets, at('2025-04-07T07:00:00Z'));
    expect(messageToPlainText(reminderMessage(r!, { groupName: 'ITU-T SG17', readerZone: 'America/New_York', now: at('2025-04-07T08:00:00Z') }))).toBe(
      [
        'Starts tomorrow: ITU-T SG17 — SG17 meeting',
        'ITU-T SG17 — SG17 meeting starts tomorrow.',
        'When: Tue 8 Apr 2025 09:30–17:30 Europe/Zurich',
        'Your time: Tue 8 Apr 2025 03:30–11:30 America/New_York',
        'Where: Geneva',
        'standards-watch · meeting reminder',
      ].join('\n'),
    );
  });

  it('says "moved: was … now …"', () => {
    const announced = new Map([[announcedKey('s1', 'm1'), '2025-04-01T09:30:00+02:00']]);
    const [r] = dueReminders([m], [sub], at('2025-03-01T00:00:00Z'), offsets, at('2025-02-28T23:55:00Z'), announced);
    const msg = reminderMessage(r!, { groupName: 'ITU-T SG17', readerZone: 'Europe/Zurich', now: at('2025-03-01T00:00:00Z') });
    expect(msg.title).toBe('Moved: ITU-T SG17 — SG17 meeting');
    expect(msg.text).toBe('moved: was Tue 1 Apr 2025 09:30 Europe/Zurich, now Tue 8 Apr 2025 09:30 Europe/Zurich.');
  });
});
