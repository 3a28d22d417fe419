// The meetings and deadlines a digest mentions: those of the groups it
// follows, ahead within a horizon. All-day meetings and date-only deadlines
// are shown as their dates, never shifted by a zone conversion.
import { DateTime } from 'luxon';
import type { MessageLine } from '../message.js';
import type { Meeting } from '../types.js';

const DAY_MS = 86_400_000;

function startMs(m: Meeting): number {
  return m.allDay ? DateTime.fromISO(m.start, { zone: m.timeZone }).toMillis() : DateTime.fromISO(m.start, { setZone: true }).toMillis();
}

function endMs(m: Meeting): number {
  return m.allDay ? DateTime.fromISO(m.end, { zone: m.timeZone }).plus({ days: 1 }).toMillis() : DateTime.fromISO(m.end, { setZone: true }).toMillis();
}

/** A date-only value (YYYY-MM-DD) is the end of that day in `zone`; a date-time is itself. */
function deadlineMs(at: string, zone: string): number {
  return /^\d{4}-\d{2}-\d{2}$/.test(at) ? DateTime.fromISO(at, { zone }).endOf('day').toMillis() : DateTime.fromISO(at, { setZone: true }).toMillis();
}

export function formatMeetingDates(m: Meeting, readerZone: string): string {
  if (m.allDay) {
    const start = DateTime.fromISO(m.start);
    const end = DateTime.fromISO(m.end);
    if (m.start === m.end) return start.toFormat('ccc d LLL yyyy');
    if (start.hasSame(end, 'month')) return `${start.toFormat('d')}–${end.toFormat('d LLL yyyy')}`;
    return `${start.toFormat('d LLL')} – ${end.toFormat('d LLL yyyy')}`;
  }
  const start = DateTime.fromISO(m.start, { setZone: true }).setZone(readerZone);
  return `${start.toFormat('ccc d LLL yyyy HH:mm')} ${readerZone}`;
}

function formatDeadline(at: string, zone: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(at) ? DateTime.fromISO(at).toFormat('ccc d LLL yyyy') : DateTime.fromISO(at, { setZone: true }).setZone(zone).toFormat('ccc d LLL yyyy HH:mm');
}

/** Calendar days from the reader's today to a date (date-only values are taken as they are, never shifted). */
function inDays(at: string, now: Date, readerZone: string): string {
  const today = DateTime.fromJSDate(now).setZone(readerZone).startOf('day');
  const day = /^\d{4}-\d{2}-\d{2}$/.test(at)
    ? DateTime.fromISO(at, { zone: readerZone })
    : DateTime.fromISO(at, { setZone: true }).setZone(readerZone).startOf('day');
  const days = Math.round(day.diff(today, 'days').days);
  return days <= 0 ? 'today' : days === 1 ? 'tomorrow' : `in ${days} days`;
}

export interface AgendaOptions {
  groupIds: string[];
  now: Date;
  horizonDays: number;
  readerZone: string;
  groupName(id: string): string;
  max?: number;
}

/** Upcoming meetings (not cancelled, not over) of the groups, starting within the horizon. */
export function upcomingMeetingLines(meetings: Meeting[], opts: AgendaOptions): MessageLine[] {
  const wanted = new Set(opts.groupIds);
  const now = opts.now.getTime();
  const until = now + opts.horizonDays * DAY_MS;
  return meetings
    .filter((m) => wanted.has(m.groupId) && m.status !== 'cancelled' && endMs(m) > now && startMs(m) <= until)
    .sort((a, b) => startMs(a) - startMs(b))
    .slice(0, opts.max ?? 5)
    .map((m) => ({
      text: `${opts.groupName(m.groupId)} — ${m.title}`,
      url: m.url,
      detail: `${formatMeetingDates(m, opts.readerZone)}${m.location ? ` · ${m.location}` : ''} · ${startMs(m) <= now ? 'under way' : inDays(m.start, opts.now, opts.readerZone)}`,
    }));
}

/** Deadlines (contributions, registration…) of the groups' meetings that fall due within the horizon. */
export function upcomingDeadlineLines(meetings: Meeting[], opts: AgendaOptions): MessageLine[] {
  const wanted = new Set(opts.groupIds);
  const now = opts.now.getTime();
  const until = now + opts.horizonDays * DAY_MS;
  return meetings
    .filter((m) => wanted.has(m.groupId) && m.status !== 'cancelled')
    .flatMap((m) => m.deadlines.map((d) => ({ m, d, ms: deadlineMs(d.at, m.timeZone) })))
    .filter(({ ms }) => ms >= now && ms <= until)
    .sort((a, b) => a.ms - b.ms)
    .slice(0, opts.max ?? 5)
    .map(({ m, d }) => ({
      text: `${d.kind[0]!.toUpperCase()}${d.kind.slice(1)} due ${formatDeadline(d.at, opts.readerZone)}`,
      url: m.url,
      detail: `${opts.groupName(m.groupId)} — ${m.title} · ${inDays(d.at, opts.now, opts.readerZone)}${d.derived ? ' · derived from the body’s standing rule' : ''}`,
    }));
}
