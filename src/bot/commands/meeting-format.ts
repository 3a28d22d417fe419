// How a meeting reads: all-day meetings as their dates (never shifted by a zone
// conversion); timed ones in the organiser's zone and the reader's.
import { DateTime } from 'luxon';
import type { Meeting } from '../../core/types.js';

export function meetingStartMs(m: Meeting): number {
  return m.allDay ? DateTime.fromISO(m.start, { zone: m.timeZone }).toMillis() : DateTime.fromISO(m.start, { setZone: true }).toMillis();
}

/** End of the meeting (exclusive), in ms. */
export function meetingEndMs(m: Meeting): number {
  return m.allDay
    ? DateTime.fromISO(m.end, { zone: m.timeZone }).plus({ days: 1 }).toMillis()
    : DateTime.fromISO(m.end, { setZone: true }).toMillis();
}

export function formatMeetingWhen(m: Meeting, readerZone: string): string {
  if (m.allDay) {
    const start = DateTime.fromISO(m.start);
    const end = DateTime.fromISO(m.end);
    if (m.start === m.end) return start.toFormat('ccc d LLL yyyy');
    if (start.hasSame(end, 'month')) return `${start.toFormat('d')}–${end.toFormat('d LLL yyyy')}`;
    if (start.hasSame(end, 'year')) return `${start.toFormat('d LLL')} – ${end.toFormat('d LLL yyyy')}`;
    return `${start.toFormat('d LLL yyyy')} – ${end.toFormat('d LLL yyyy')}`;
  }
  const start = DateTime.fromISO(m.start, { setZone: true }).setZone(m.timeZone);
  const end = DateTime.fromISO(m.end, { setZone: true }).setZone(m.timeZone);
  const organiser = `${start.toFormat('ccc d LLL yyyy HH:mm')}–${start.hasSame(end, 'day') ? end.toFormat('HH:mm') : end.toFormat('ccc d LLL HH:mm')} ${m.timeZone}`;
  if (readerZone === m.timeZone) return organiser;
  const rs = start.setZone(readerZone);
  const re = end.setZone(readerZone);
  return `${organiser} (${rs.toFormat('ccc d LLL HH:mm')}–${rs.hasSame(re, 'day') ? re.toFormat('HH:mm') : re.toFormat('ccc d LLL HH:mm')} ${readerZone})`;
}

export function daysUntil(m: Meeting, now: Date, readerZone: string): number {
  const today = DateTime.fromJSDate(now).setZone(m.allDay ? m.timeZone : readerZone).startOf('day');
  const start = m.allDay ? DateTime.fromISO(m.start, { zone: m.timeZone }) : DateTime.fromISO(m.start, { setZone: true }).setZone(readerZone).startOf('day');
  return Math.round(start.diff(today, 'days').days);
}
