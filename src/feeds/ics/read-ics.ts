// iCalendar → Meetings, through node-ical. Recurrences are expanded over a window around `now`,
// cancelled events dropped, a newer SEQUENCE of a UID replaces the older one (node-ical keeps the
// highest), all-day events become inclusive YYYY-MM-DD ranges, timed ones ISO with their offset.
import ical from 'node-ical';
import type { EventInstance, VEvent } from 'node-ical';
import { DateTime, IANAZone } from 'luxon';
import type { Meeting, Source } from '../../core/types.js';
import { ParseError } from '../parse-error.js';
import { collapseWhitespace, htmlToText, resolveLink, shortHash } from '../text.js';

const DAY_MS = 24 * 60 * 60 * 1000;
export const EXPAND_PAST_DAYS = 30;
export const EXPAND_FUTURE_DAYS = 400;
/** Upper bound on meetings from one calendar (a runaway RRULE must not flood the store). */
const MAX_MEETINGS = 5_000;

/**
 * Producers whose all-day DTEND is the last day itself rather than the day after (RFC 5545).
 * The IETF datatracker's meeting calendars do this (see test/fixtures/feeds/README.md).
 */
const INCLUSIVE_ALL_DAY_END = [/datatracker\.ietf\.org/i];

export interface IcsRead {
  meetings: Meeting[];
  title?: string;
  warnings: string[];
}

type DateTz = Date & { tz?: string; dateOnly?: boolean };

function paramText(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (v && typeof v === 'object' && typeof (v as { val?: unknown }).val === 'string') return (v as { val: string }).val;
  return undefined;
}

function localDay(d: Date): string {
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

function validZone(z: string | undefined): string | undefined {
  if (!z) return undefined;
  if (z === 'Etc/UTC' || z === 'Etc/GMT' || z === 'Z') return 'UTC';
  return IANAZone.isValidZone(z) ? z : undefined;
}

function isoInZone(d: Date, zone: string): string {
  const dt = DateTime.fromJSDate(d, { zone });
  return (dt.isValid ? dt : DateTime.fromJSDate(d, { zone: 'utc' })).toISO({ suppressMilliseconds: true }) ?? d.toISOString();
}

/** TZID of each UID's DTSTART as written (node-ical drops it for all-day values). */
function rawStartZones(text: string): Map<string, string> {
  const unfolded = text.replace(/\r?\n[ \t]/g, '');
  const zones = new Map<string, string>();
  for (const block of unfolded.split(/BEGIN:VEVENT/i).slice(1)) {
    const uid = /^UID(?:;[^:\r\n]*)?:(.*)$/im.exec(block)?.[1]?.trim();
    const tzid = /^DTSTART;[^:\r\n]*TZID=("?)([^;:"\r\n]+)\1/im.exec(block)?.[2];
    if (uid && tzid && !zones.has(uid)) zones.set(uid, tzid);
  }
  return zones;
}

export function readIcsText(text: string, source: Source, now: Date): IcsRead {
  if (!/BEGIN:VCALENDAR/i.test(text.slice(0, 4096))) throw new ParseError('parse', 'not an iCalendar file (no BEGIN:VCALENDAR)');
  let data: ReturnType<typeof ical.sync.parseICS>;
  try {
    data = ical.sync.parseICS(text);
  } catch (err) {
    throw new ParseError('parse', `the calendar could not be read: ${(err as Error).message}`, { cause: err });
  }
  const prodid = /^PRODID(?:;[^:\r\n]*)?:(.*)$/im.exec(text)?.[1] ?? '';
  const inclusiveEnd = INCLUSIVE_ALL_DAY_END.some((re) => re.test(prodid));
  const calZone = validZone(/^X-WR-TIMEZONE(?:;[^:\r\n]*)?:(.*)$/im.exec(text)?.[1]?.trim());
  const startZones = rawStartZones(text);
  const from = new Date(now.getTime() - EXPAND_PAST_DAYS * DAY_MS);
  const to = new Date(now.getTime() + EXPAND_FUTURE_DAYS * DAY_MS);
  const warnings: string[] = [];
  const meetings: Meeting[] = [];
  let cancelled = 0;

  for (const component of Object.values(data)) {
    if (!component || component.type !== 'VEVENT') continue;
    const ev = component as VEvent;
    if (!ev.start) continue;
    if (String(ev.status ?? '').toUpperCase() === 'CANCELLED') {
      cancelled += 1;
      continue;
    }
    const uid = ev.uid ?? shortHash(paramText(ev.summary), ev.start.toISOString());
    const zoneHint = validZone((ev.start as DateTz).tz) ?? validZone(startZones.get(uid)) ?? calZone ?? 'UTC';
    if (ev.rrule) {
      let instances: EventInstance[];
      try {
        instances = ical.expandRecurringEvent(ev, { from, to });
      } catch (err) {
        warnings.push(`recurring event "${paramText(ev.summary) ?? uid}" could not be expanded: ${(err as Error).message}`);
        continue;
      }
      for (const inst of instances) {
        if (String(inst.event.status ?? '').toUpperCase() === 'CANCELLED') {
          cancelled += 1;
          continue;
        }
        const occurrence = (inst.event.recurrenceid as Date | undefined) ?? inst.start;
        const key = inst.isFullDay ? localDay(occurrence) : occurrence.toISOString();
        meetings.push(toMeeting(source, inst.event, uid, key, inst.start, inst.end, inst.isFullDay, zoneHint, inclusiveEnd));
        if (meetings.length >= MAX_MEETINGS) break;
      }
    } else {
      const allDay = (ev.start as DateTz).dateOnly === true || ev.datetype === 'date';
      meetings.push(toMeeting(source, ev, uid, '', ev.start, ev.end ?? ev.start, allDay, zoneHint, inclusiveEnd));
    }
    if (meetings.length >= MAX_MEETINGS) {
      warnings.push(`more than ${MAX_MEETINGS} meetings; the rest were ignored`);
      break;
    }
  }
  if (cancelled) warnings.push(`${cancelled} cancelled event(s) left out`);
  meetings.sort((a, b) => a.start.localeCompare(b.start) || a.id.localeCompare(b.id));
  const calName = (data.vcalendar as Record<string, unknown> | undefined)?.['WR-CALNAME'];
  const title = paramText(calName);
  return { meetings, warnings, ...(title ? { title } : {}) };
}

function toMeeting(
  source: Source,
  ev: Omit<VEvent, 'recurrences'>,
  uid: string,
  recurrenceKey: string,
  start: Date,
  end: Date,
  allDay: boolean,
  zoneHint: string,
  inclusiveEnd: boolean,
): Meeting {
  const title = collapseWhitespace(htmlToText(paramText(ev.summary))) || '(untitled event)';
  const timeZone = validZone((start as DateTz).tz) ?? zoneHint;
  let startStr: string;
  let endStr: string;
  if (allDay) {
    startStr = localDay(start);
    // RFC 5545: an all-day DTEND is the day after the last day.
    const last = inclusiveEnd ? end : new Date(end.getFullYear(), end.getMonth(), end.getDate() - 1);
    endStr = localDay(last);
    if (endStr < startStr) endStr = startStr;
  } else {
    startStr = isoInZone(start, timeZone);
    endStr = isoInZone(end.getTime() < start.getTime() ? start : end, timeZone);
  }
  const meeting: Meeting = {
    id: shortHash(source.id, uid, recurrenceKey),
    groupId: source.group ?? '',
    title,
    start: startStr,
    end: endStr,
    allDay,
    timeZone,
    deadlines: [],
    origin: source.id,
  };
  const location = collapseWhitespace(paramText(ev.location) ?? '');
  if (location) meeting.location = location;
  const url = resolveLink(paramText(ev.url), source.url);
  if (url) meeting.url = url;
  if (typeof ev.sequence === 'number' || typeof ev.sequence === 'string') {
    const seq = Number(ev.sequence);
    if (Number.isFinite(seq)) meeting.sequence = seq;
  }
  const status = String(ev.status ?? '').toLowerCase();
  meeting.status = status === 'tentative' ? 'tentative' : 'confirmed';
  return meeting;
}
