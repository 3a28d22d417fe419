// Meetings → an RFC 5545 calendar people subscribe to. CRLF line ends, lines folded at 75
// octets (never inside a UTF-8 sequence), TEXT escaped (\\ \; \, \n), timed events in UTC,
// all-day events as VALUE=DATE with the exclusive DTEND, stable UIDs (meeting id @ host),
// and each deadline as its own all-day (or timed) event.
//
// SEQUENCE is derived purely: the meeting's `sequence` — the highest SEQUENCE the organisers'
// own calendars gave for it (mergeMeetings keeps the maximum), else 0. Subscribed calendars
// (METHOD:PUBLISH) replace events by UID on every refresh, so a change published only by a
// page or the config still reaches readers; SEQUENCE rises whenever the organiser's does.
import type { Deadline, Group, Meeting } from '../types.js';
import { deadlineName } from './format.js';
import { addDays, meetingDays, timedInZone } from './time.js';

export interface CalendarOptions {
  /** Host part of the UIDs (the bot's public host name). */
  host: string;
  /** X-WR-CALNAME. */
  name: string;
  /** DTSTAMP of every event. */
  now: Date;
  description?: string;
  /** Suggested refresh interval for clients, minutes (default 360). */
  refreshMinutes?: number;
}

const encoder = new TextEncoder();

export function escapeText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r\n|\r|\n/g, '\\n');
}

/** Folds one content line at 75 octets; continuation lines start with a space. */
export function foldLine(line: string): string {
  if (encoder.encode(line).length <= 75) return line;
  const parts: string[] = [];
  let current = '';
  let bytes = 0;
  for (const ch of line) {
    const size = encoder.encode(ch).length;
    const limit = parts.length === 0 ? 75 : 74; // continuation lines carry a leading space
    if (bytes + size > limit) {
      parts.push(current);
      current = '';
      bytes = 0;
    }
    current += ch;
    bytes += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

function utcStamp(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

function dateValue(day: string): string {
  return day.replace(/-/g, '');
}

function shortName(group: Group | undefined, fallback: string): string {
  return group?.names[0] ?? group?.title ?? fallback;
}

function summaryOf(m: Meeting, group: Group | undefined): string {
  const names = group ? [group.id, group.title ?? '', ...group.names].filter(Boolean) : [];
  const lower = m.title.toLowerCase();
  if (names.some((n) => lower.includes(n.toLowerCase()))) return m.title;
  return `${shortName(group, m.groupId || 'Meeting')}: ${m.title}`;
}

function statusOf(m: Meeting): string {
  return m.status === 'cancelled' ? 'CANCELLED' : m.status === 'tentative' ? 'TENTATIVE' : 'CONFIRMED';
}

function meetingEvent(m: Meeting, group: Group | undefined, opts: CalendarOptions, stamp: string): string[] {
  const lines = ['BEGIN:VEVENT', `UID:${m.id}@${opts.host}`, `DTSTAMP:${stamp}`];
  if (m.allDay) {
    const { first, last } = meetingDays(m);
    lines.push(`DTSTART;VALUE=DATE:${dateValue(first)}`, `DTEND;VALUE=DATE:${dateValue(addDays(last, 1))}`);
  } else {
    lines.push(`DTSTART:${utcStamp(timedInZone(m.start, m.timeZone).toMillis())}`, `DTEND:${utcStamp(timedInZone(m.end, m.timeZone).toMillis())}`);
  }
  lines.push(`SEQUENCE:${m.sequence ?? 0}`, `SUMMARY:${escapeText(summaryOf(m, group))}`);
  if (m.location) lines.push(`LOCATION:${escapeText(m.location)}`);
  if (m.url) lines.push(`URL:${m.url}`);
  const description = [
    group ? `${group.title ?? group.names[0] ?? group.id}` : undefined,
    m.allDay ? `Dates as published (organiser's time zone: ${m.timeZone}).` : `Organiser's time zone: ${m.timeZone}.`,
    ...m.deadlines.map((d) => `${deadlineName(d)} due ${d.at}${d.derived ? ' (derived from the standing rule)' : ''}`),
    m.url ?? group?.url,
  ].filter((x): x is string => Boolean(x));
  lines.push(`DESCRIPTION:${escapeText(description.join('\n'))}`, `STATUS:${statusOf(m)}`);
  if (m.groupId) lines.push(`CATEGORIES:${escapeText(shortName(group, m.groupId))}`);
  lines.push('END:VEVENT');
  return lines;
}

function deadlineEvent(m: Meeting, d: Deadline, index: number, group: Group | undefined, opts: CalendarOptions, stamp: string): string[] {
  const lines = ['BEGIN:VEVENT', `UID:${m.id}-${d.kind}${index ? `-${index}` : ''}@${opts.host}`, `DTSTAMP:${stamp}`];
  if (d.at.length === 10) lines.push(`DTSTART;VALUE=DATE:${dateValue(d.at)}`, `DTEND;VALUE=DATE:${dateValue(addDays(d.at, 1))}`);
  else {
    const at = utcStamp(timedInZone(d.at, m.timeZone).toMillis());
    lines.push(`DTSTART:${at}`, `DTEND:${at}`);
  }
  const summary = `${deadlineName(d)} deadline: ${summaryOf(m, group)}${d.derived ? ' (derived)' : ''}`;
  const note = d.derived ? `Derived: ${d.note ?? "from the body's standing rule"}; check the official announcement.` : d.note;
  lines.push(`SEQUENCE:${m.sequence ?? 0}`, `SUMMARY:${escapeText(summary)}`, 'TRANSP:TRANSPARENT');
  if (note) lines.push(`DESCRIPTION:${escapeText(note)}`);
  if (m.url) lines.push(`URL:${m.url}`);
  lines.push('END:VEVENT');
  return lines;
}

export function renderCalendar(meetings: readonly Meeting[], groups: readonly Group[], opts: CalendarOptions): string {
  const byId = new Map(groups.map((g) => [g.id, g]));
  const stamp = utcStamp(opts.now.getTime());
  const refresh = opts.refreshMinutes ?? 360;
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//standards-watch//meetings//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(opts.name)}`,
    `REFRESH-INTERVAL;VALUE=DURATION:PT${refresh}M`,
    `X-PUBLISHED-TTL:PT${refresh}M`,
  ];
  if (opts.description) lines.push(`X-WR-CALDESC:${escapeText(opts.description)}`);
  for (const m of meetings) {
    const group = byId.get(m.groupId);
    lines.push(...meetingEvent(m, group, opts, stamp));
    const perKind = new Map<string, number>();
    for (const d of m.deadlines) {
      const index = perKind.get(d.kind) ?? 0;
      perKind.set(d.kind, index + 1);
      lines.push(...deadlineEvent(m, d, index, group, opts, stamp));
    }
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}
