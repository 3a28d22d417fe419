// When a digest runs and which period it covers. The period key is the
// subscriber's local date (daily) or ISO week (weekly): a digest is sent once
// per period however often its job runs. Pure: luxon only.
import { DateTime } from 'luxon';
import type { DeliveryMode, Subscription } from '../types.js';

export type DigestSchedule = Pick<Subscription, 'mode' | 'at' | 'weekday' | 'timeZone'>;

export const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

const DAY_MS = 86_400_000;

export function isDigestMode(mode: DeliveryMode): mode is 'daily' | 'weekly' {
  return mode === 'daily' || mode === 'weekly';
}

/** Hours and minutes of a digest's `at` (HH:MM); 09:00 when unset. */
export function digestTime(sub: Pick<Subscription, 'at'>): { hour: number; minute: number } {
  const m = /^(\d{1,2}):(\d{2})$/.exec(sub.at ?? '09:00');
  return { hour: Number(m?.[1] ?? 9), minute: Number(m?.[2] ?? 0) };
}

/** The period a digest fired at `at` belongs to: `YYYY-MM-DD` (daily) or `YYYY-Www` (weekly), in the subscriber's zone. */
export function digestPeriod(sub: Pick<Subscription, 'mode' | 'timeZone'>, at: Date | number): string {
  const local = DateTime.fromMillis(typeof at === 'number' ? at : at.getTime(), { zone: sub.timeZone });
  if (sub.mode === 'weekly') return `${local.weekYear}-W${String(local.weekNumber).padStart(2, '0')}`;
  return local.toISODate() ?? local.toFormat('yyyy-MM-dd');
}

/** The cron pattern (minute hour day month weekday) the scheduler runs in the subscriber's zone. */
export function digestCron(sub: DigestSchedule): string {
  const { hour, minute } = digestTime(sub);
  return sub.mode === 'weekly' ? `${minute} ${hour} * * ${sub.weekday ?? 1}` : `${minute} ${hour} * * *`;
}

/** Roughly how much one digest covers; used for items stored without alerting (a new source's first poll). */
export function periodLengthMs(mode: DeliveryMode): number {
  return mode === 'weekly' ? 7 * DAY_MS : DAY_MS;
}

/** The first run strictly after `now`, in wall-clock time of the subscriber's zone (stays 09:00 across DST). */
export function nextDigestRun(sub: DigestSchedule, now: Date): Date {
  const { hour, minute } = digestTime(sub);
  const local = DateTime.fromJSDate(now).setZone(sub.timeZone);
  for (let day = 0; day <= 8; day++) {
    const date = local.startOf('day').plus({ days: day });
    const candidate = DateTime.fromObject({ year: date.year, month: date.month, day: date.day, hour, minute }, { zone: sub.timeZone });
    if (sub.mode === 'weekly' && candidate.weekday % 7 !== (sub.weekday ?? 1)) continue;
    if (candidate.toMillis() > now.getTime()) return candidate.toJSDate();
  }
  return new Date(now.getTime() + periodLengthMs(sub.mode));
}

/** "daily at 09:00 Europe/Brussels", "every Monday at 08:30 UTC". */
export function describeSchedule(sub: DigestSchedule): string {
  const { hour, minute } = digestTime(sub);
  const time = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
  if (sub.mode === 'weekly') return `every ${WEEKDAY_NAMES[sub.weekday ?? 1]} at ${time} ${sub.timeZone}`;
  return `daily at ${time} ${sub.timeZone}`;
}

/** A local date-time as readers see it: "Tue 26 Mar 09:00". */
export function formatLocal(at: Date | number, zone: string, withYear = false): string {
  const local = DateTime.fromMillis(typeof at === 'number' ? at : at.getTime(), { zone });
  return local.toFormat(withYear ? 'ccc d LLL yyyy HH:mm' : 'ccc d LLL HH:mm');
}
