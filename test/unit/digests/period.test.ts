import { getNextMillis } from 'bullmq';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { describeSchedule, digestCron, digestPeriod, nextDigestRun } from '../../../src/core/digest/period.js';
import { subscription } from './items.js';

const brussels = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Brussels' }).toMillis();

/** The next runs BullMQ's own scheduler computes for this cron + zone, from a controlled "now". */
function bullmqRuns(pattern: string, tz: string, fromMs: number, n: number): number[] {
  const runs: number[] = [];
  let at = fromMs;
  for (let i = 0; i < n; i++) {
    at = getNextMillis(at, { pattern, tz })!;
    runs.push(at);
  }
  return runs;
}

describe('digest schedule across daylight saving time', () => {
  const daily = subscription({ mode: 'daily', at: '09:00', timeZone: 'Europe/Brussels' });

  it('runs at 09:00 Brussels time on both sides of the last Sunday of March (CET → CEST)', () => {
    // 2024-03-31 is the last Sunday of March: clocks go from 02:00 CET to 03:00 CEST.
    const runs = bullmqRuns(digestCron(daily), daily.timeZone, Date.parse('2024-03-29T12:00:00Z'), 4);
    expect(runs.map((ms) => new Date(ms).toISOString())).toEqual([
      '2024-03-30T08:00:00.000Z', // Saturday, CET (UTC+1)
      '2024-03-31T07:00:00.000Z', // Sunday, CEST (UTC+2)
      '2024-04-01T07:00:00.000Z',
      '2024-04-02T07:00:00.000Z',
    ]);
    for (const ms of runs) expect(DateTime.fromMillis(ms, { zone: 'Europe/Brussels' }).toFormat('HH:mm')).toBe('09:00');
  });

  it('stays 09:00 local when the clocks go back in October', () => {
    const runs = bullmqRuns(digestCron(daily), daily.timeZone, Date.parse('2024-10-26T12:00:00Z'), 2);
    expect(runs.map((ms) => new Date(ms).toISOString())).toEqual(['2024-10-27T08:00:00.000Z', '2024-10-28T08:00:00.000Z']);
  });

  it('computes the same next run as BullMQ for the reply shown to the user', () => {
    const weekly = subscription({ mode: 'weekly', weekday: 1, at: '07:30', timeZone: 'America/New_York' });
    for (const from of ['2024-03-08T00:00:00Z', '2024-03-10T06:59:00Z', '2024-11-01T12:00:00Z', '2024-03-29T12:00:00Z']) {
      for (const sub of [daily, weekly]) {
        const [bull] = bullmqRuns(digestCron(sub), sub.timeZone, Date.parse(from), 1);
        expect(nextDigestRun(sub, new Date(from)).getTime()).toBe(bull);
      }
    }
  });
});

describe('digest cron and periods', () => {
  it('makes a daily and a weekly cron pattern without leading zeros', () => {
    expect(digestCron(subscription({ mode: 'daily', at: '09:05' }))).toBe('5 9 * * *');
    expect(digestCron(subscription({ mode: 'weekly', at: '18:30', weekday: 5 }))).toBe('30 18 * * 5');
  });

  it('names a daily period by the subscriber’s local date, not the UTC date', () => {
    const sub = subscription({ mode: 'daily', timeZone: 'Asia/Tokyo' });
    // 23:30 UTC on the 30th is 08:30 on the 31st in Tokyo.
    expect(digestPeriod(sub, Date.parse('2024-03-30T23:30:00Z'))).toBe('2024-03-31');
    expect(digestPeriod({ ...sub, timeZone: 'UTC' }, Date.parse('2024-03-30T23:30:00Z'))).toBe('2024-03-30');
  });

  it('names a weekly period by the ISO week, across a year boundary', () => {
    const sub = subscription({ mode: 'weekly', timeZone: 'Europe/Brussels' });
    expect(digestPeriod(sub, brussels('2024-12-30T09:00'))).toBe('2025-W01');
    expect(digestPeriod(sub, brussels('2024-04-01T09:00'))).toBe('2024-W14');
  });

  it('describes a schedule in words', () => {
    expect(describeSchedule(subscription({ mode: 'daily', at: '09:00', timeZone: 'Europe/Brussels' }))).toBe('daily at 09:00 Europe/Brussels');
    expect(describeSchedule(subscription({ mode: 'weekly', weekday: 1, at: '8:30', timeZone: 'UTC' }))).toBe('every Monday at 08:30 UTC');
  });
});
