// Meeting times. All-day meetings are plain dates in the organiser's calendar and are never
// shifted by a zone conversion; timed ones are instants (ISO with an offset, or a local time
// read in the organiser's zone when the hand-kept config gives none).
import { DateTime } from 'luxon';
import type { Meeting } from '../types.js';

const DAY_MS = 86_400_000;

/** A timed value as a DateTime in the organiser's zone. */
export function timedInZone(value: string, zone: string): DateTime {
  const dt = DateTime.fromISO(value, { zone, setZone: true });
  return dt.isValid ? dt.setZone(zone) : DateTime.fromISO(value, { zone: 'utc' });
}

/** Start instant in ms (an all-day meeting starts at midnight in the organiser's zone). */
export function meetingStartMs(m: Pick<Meeting, 'start' | 'allDay' | 'timeZone'>): number {
  return m.allDay ? DateTime.fromISO(m.start.slice(0, 10), { zone: m.timeZone }).toMillis() : timedInZone(m.start, m.timeZone).toMillis();
}

/** End of the meeting (exclusive), in ms. */
export function meetingEndMs(m: Pick<Meeting, 'end' | 'allDay' | 'timeZone'>): number {
  return m.allDay
    ? DateTime.fromISO(m.end.slice(0, 10), { zone: m.timeZone }).plus({ days: 1 }).toMillis()
    : timedInZone(m.end, m.timeZone).toMillis();
}

/** First and last calendar day (inclusive, YYYY-MM-DD) of the meeting in the organiser's zone. */
export function meetingDays(m: Pick<Meeting, 'start' | 'end' | 'allDay' | 'timeZone'>): { first: string; last: string } {
  if (m.allDay) return { first: m.start.slice(0, 10), last: m.end.slice(0, 10) < m.start.slice(0, 10) ? m.start.slice(0, 10) : m.end.slice(0, 10) };
  const start = timedInZone(m.start, m.timeZone);
  // An event ending exactly at midnight does not occupy the next day.
  const end = timedInZone(m.end, m.timeZone).minus({ milliseconds: 1 });
  const first = start.toISODate() ?? m.start.slice(0, 10);
  const last = end < start ? first : end.toISODate() ?? first;
  return { first, last };
}

/** Whole days from a to b (both YYYY-MM-DD). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
}

export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/**
 * When a deadline falls due, in ms: a date-only deadline is due at the end of that day in the
 * organiser's zone ("by 10 March" in Geneva); a date-time is that instant.
 */
export function deadlineDueMs(at: string, zone: string): number {
  if (at.length === 10) return DateTime.fromISO(at, { zone }).plus({ days: 1 }).toMillis();
  return timedInZone(at, zone).toMillis();
}
