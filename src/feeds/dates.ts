// Dates as feeds write them: RFC 822 with named zones (EST, PDT, GMT, CEST…), two-digit years,
// wrong weekdays; ISO 8601 in all its shapes; "12 June 2024" on web pages. Unknown → undefined.
import { DateTime } from 'luxon';

/** UTC offsets in minutes of the zone names feeds use (RFC 822 plus common extras). */
const ZONES: Record<string, number> = {
  UT: 0, UTC: 0, GMT: 0, Z: 0, WET: 0,
  EST: -300, EDT: -240, CST: -360, CDT: -300, MST: -420, MDT: -360, PST: -480, PDT: -420,
  AKST: -540, AKDT: -480, HST: -600, AST: -240, ADT: -180, NST: -210, NDT: -150,
  BST: 60, IST: 330, CET: 60, CEST: 120, MET: 60, MEST: 120, WEST: 60, EET: 120, EEST: 180,
  MSK: 180, JST: 540, KST: 540, HKT: 480, SGT: 480, AWST: 480, ACST: 570, AEST: 600, AEDT: 660,
  NZST: 720, NZDT: 780,
};

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
  january: 1, february: 2, march: 3, april: 4, june: 6, july: 7, august: 8, september: 9, october: 10,
  november: 11, december: 12,
};

// [weekday,] DD Mon YYYY HH:MM[:SS] [zone]
const RFC822 =
  /^(?:[A-Za-z]{2,9}\.?,?\s*)?(\d{1,2})[\s-]+([A-Za-z]{3,9})\.?[\s-]+(\d{2,4})(?:[\sT]+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?)?\s*([A-Za-z]{1,5}|[+-]\d{2}:?\d{2})?(?:\s*\(.*\))?$/;
// [weekday,] Mon DD, YYYY [HH:MM[:SS]] [zone]
const US_STYLE =
  /^(?:[A-Za-z]{2,9}\.?,?\s*)?([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?:[\s,]+(?:at\s+)?(\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*([A-Za-z]{1,5}|[+-]\d{2}:?\d{2})?$/;

function zoneOffset(zone: string | undefined): number | undefined {
  if (!zone) return 0; // RFC 822 without a zone: treat as UTC
  const numeric = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
  if (numeric) return (numeric[1] === '-' ? -1 : 1) * (Number(numeric[2]) * 60 + Number(numeric[3]));
  return ZONES[zone.toUpperCase()];
}

function fromParts(
  year: number, month: number | undefined, day: number,
  hour: number, minute: number, second: number, offsetMin: number | undefined,
): string | undefined {
  if (month === undefined || offsetMin === undefined) return undefined;
  if (year < 100) year += year < 50 ? 2000 : 1900;
  const ms = Date.UTC(year, month - 1, day, hour, minute, second) - offsetMin * 60_000;
  const d = new Date(ms);
  if (Number.isNaN(ms) || d.getUTCFullYear() < 1970 || hour > 24 || minute > 59 || second > 60 || day > 31) return undefined;
  return d.toISOString();
}

/** Parse a date as found in feeds and pages; returns ISO 8601 (UTC) or undefined. */
export function parseFeedDate(raw: string | undefined | null): string | undefined {
  const s = raw?.replace(/\s+/g, ' ').trim();
  if (!s) return undefined;

  if (/^\d{4}-\d{2}(-\d{2})?([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?\s*(Z|[+-]\d{2}(:?\d{2})?)?$/i.test(s)) {
    const iso = DateTime.fromISO(s.replace(' ', 'T').replace(/\s+/g, ''), { zone: 'utc', setZone: true });
    if (iso.isValid) return iso.toUTC().toISO() ?? undefined;
  }
  const rfc = RFC822.exec(s);
  if (rfc) {
    const [, d, mon, y, h, mi, sec, zone] = rfc;
    return fromParts(Number(y), MONTHS[(mon ?? '').toLowerCase()], Number(d), Number(h ?? 0), Number(mi ?? 0), Number(sec ?? 0), zoneOffset(zone));
  }
  const us = US_STYLE.exec(s);
  if (us) {
    const [, mon, d, y, h, mi, sec, zone] = us;
    return fromParts(Number(y), MONTHS[(mon ?? '').toLowerCase()], Number(d), Number(h ?? 0), Number(mi ?? 0), Number(sec ?? 0), zoneOffset(zone));
  }
  // "June 2024" / "July 2023" (ITU deliverable tables): first of the month.
  const monthYear = /^([A-Za-z]{3,9})\.?\s+(\d{4})$/.exec(s);
  if (monthYear) return fromParts(Number(monthYear[2]), MONTHS[(monthYear[1] ?? '').toLowerCase()], 1, 0, 0, 0, 0);
  // "2024/06/12", "12.06.2024"
  const ymd = /^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$/.exec(s);
  if (ymd) return fromParts(Number(ymd[1]), Number(ymd[2]), Number(ymd[3]), 0, 0, 0, 0);
  const dmy = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(s);
  if (dmy) return fromParts(Number(dmy[3]), Number(dmy[2]), Number(dmy[1]), 0, 0, 0, 0);
  return undefined;
}

/** A calendar date (YYYY-MM-DD) from a page cell such as "2023-10-03", "3 October 2023", "03.10.2023". */
export function parseDayOnly(raw: string | undefined): string | undefined {
  const s = raw?.replace(/\s+/g, ' ').trim();
  if (!s) return undefined;
  const iso = /^(\d{4})-(\d{2})-(\d{2})/.exec(s);
  if (iso) return DateTime.fromISO(`${iso[1]}-${iso[2]}-${iso[3]}`).isValid ? `${iso[1]}-${iso[2]}-${iso[3]}` : undefined;
  const parsed = parseFeedDate(s);
  return parsed?.slice(0, 10);
}
