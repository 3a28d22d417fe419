// How a meeting reads: all-day meetings as their dates (never shifted by a zone conversion);
// timed ones in the organiser's zone and, separately, in the reader's.
import { DateTime } from 'luxon';
import type { Deadline, Meeting } from '../types.js';
import { daysBetween, meetingDays, timedInZone } from './time.js';

function dayText(day: string): string {
  return DateTime.fromISO(day, { zone: 'utc' }).toFormat('ccc d LLL yyyy');
}

/** "4–6 Mar 2025", "28 Feb – 2 Mar 2025", "Tue 4 Mar 2025". */
export function formatDayRange(first: string, last: string): string {
  const start = DateTime.fromISO(first, { zone: 'utc' });
  const end = DateTime.fromISO(last, { zone: 'utc' });
  if (first === last) return start.toFormat('ccc d LLL yyyy');
  if (start.hasSame(end, 'month')) return `${start.toFormat('d')}–${end.toFormat('d LLL yyyy')}`;
  if (start.hasSame(end, 'year')) return `${start.toFormat('d LLL')} – ${end.toFormat('d LLL yyyy')}`;
  return `${start.toFormat('d LLL yyyy')} – ${end.toFormat('d LLL yyyy')}`;
}

/** A timed meeting's span in one zone: "Tue 4 Mar 2025 14:00–16:00 Europe/Zurich" (the end day shown when it differs). */
export function formatTimedIn(m: Meeting, zone: string): string {
  const start = timedInZone(m.start, m.timeZone).setZone(zone);
  const end = timedInZone(m.end, m.timeZone).setZone(zone);
  const endText = start.hasSame(end, 'day') ? end.toFormat('HH:mm') : end.toFormat('ccc d LLL HH:mm');
  return `${start.toFormat('ccc d LLL yyyy HH:mm')}–${endText} ${zone}`;
}

/** In the organiser's terms: the dates of an all-day meeting, or its times in the organiser's zone. */
export function formatOrganiserWhen(m: Meeting): string {
  if (m.allDay) {
    const { first, last } = meetingDays(m);
    return formatDayRange(first, last);
  }
  return formatTimedIn(m, m.timeZone);
}

/** In the reader's zone, or undefined when that says nothing new (all-day, or the same zone). */
export function formatReaderWhen(m: Meeting, readerZone: string): string | undefined {
  if (m.allDay || readerZone === m.timeZone) return undefined;
  return formatTimedIn(m, readerZone);
}

/** One line: organiser's terms, then the reader's in brackets when different. */
export function formatMeetingWhen(m: Meeting, readerZone: string): string {
  const reader = formatReaderWhen(m, readerZone);
  return reader ? `${formatOrganiserWhen(m)} (${reader})` : formatOrganiserWhen(m);
}

/** The reader's calendar day of an instant. */
export function todayIn(now: Date, zone: string): string {
  return DateTime.fromJSDate(now).setZone(zone).toISODate() ?? now.toISOString().slice(0, 10);
}

/** Days from the reader's today to the meeting's first day (its own dates when all-day, the reader's when timed). */
export function daysUntil(m: Meeting, now: Date, readerZone: string): number {
  const first = m.allDay ? meetingDays(m).first : timedInZone(m.start, m.timeZone).setZone(readerZone).toISODate()!;
  return daysBetween(todayIn(now, readerZone), first);
}

export function inDays(days: number): string {
  if (days === 0) return 'today';
  if (days === 1) return 'tomorrow';
  if (days === -1) return 'yesterday';
  return days > 1 ? `in ${days} days` : `${-days} days ago`;
}

const DEADLINE_NAMES: Record<Deadline['kind'], string> = {
  contributions: 'Contributions',
  registration: 'Registration',
  documents: 'Documents',
  other: 'Deadline',
};

export function deadlineName(d: Deadline): string {
  return DEADLINE_NAMES[d.kind];
}

/** "Fri 21 Feb 2025 (in 3 days; derived: 12 days before the meeting (the body's standing rule))". */
export function formatDeadline(d: Deadline, m: Meeting, now: Date, readerZone: string): string {
  const day = d.at.length === 10 ? d.at : timedInZone(d.at, m.timeZone).toISODate()!;
  const when = d.at.length === 10 ? dayText(day) : `${timedInZone(d.at, m.timeZone).toFormat('ccc d LLL yyyy HH:mm')} ${m.timeZone}`;
  // A date-only deadline falls due at the end of that day where the organiser is: count from their today.
  const parts = [inDays(daysBetween(todayIn(now, d.at.length === 10 ? m.timeZone : readerZone), day))];
  if (d.derived) parts.push(`derived: ${d.note ?? "from the body's standing rule"}`);
  else if (d.note) parts.push(d.note);
  return `${when} (${parts.join('; ')})`;
}
