// Digest schedulers on a real BullMQ queue (real Redis, own prefix).
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { DateTime } from 'luxon';
import { afterAll, describe, expect, it } from 'vitest';
import { emptyFilter } from '../../../src/core/filter.js';
import type { Subscription } from '../../../src/core/types.js';
import { createDigestScheduler, digestJobData, syncDigestSchedules } from '../../../src/jobs/digest-schedules.js';
import { bullPrefix, jobIds } from '../../../src/jobs/queues.js';
import { deleteByPrefix, testPrefix, TEST_REDIS_URL } from '../../helpers/redis.js';

const prefix = testPrefix('digest-schedules');
const connection = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
const queue = new Queue('digest', { connection, prefix: bullPrefix(prefix) });

afterAll(async () => {
  await queue.close();
  connection.disconnect();
  await deleteByPrefix(prefix);
});

function digest(id: string, extra: Partial<Subscription> = {}): Subscription {
  return { id, platform: 'matrix', target: '!r:x', personal: false, filter: emptyFilter(), mode: 'daily', at: '09:00', timeZone: 'Europe/Brussels', createdBy: 'u', createdAt: new Date().toISOString(), ...extra };
}

async function schedulers() {
  return (await queue.getJobSchedulers(0, -1)).sort((a, b) => a.key.localeCompare(b.key));
}

describe('digest schedulers', () => {
  it('upserts a cron scheduler in the subscriber’s zone whose next run is 09:00 there', async () => {
    const scheduler = createDigestScheduler(queue);
    await scheduler.schedule(digest('dsched1'));
    const [found] = await schedulers();
    expect(found).toMatchObject({ key: jobIds.digestScheduler('dsched1'), pattern: '0 9 * * *', tz: 'Europe/Brussels', name: 'digest' });
    const next = DateTime.fromMillis(found!.next!, { zone: 'Europe/Brussels' });
    expect(next.toFormat('HH:mm')).toBe('09:00');
    expect(found!.next!).toBeGreaterThan(Date.now());
    expect(found!.next! - Date.now()).toBeLessThanOrEqual(86_400_000 + 3_600_000);

    // The job it queued carries the subscription and the time it fires (its period comes from that).
    const [job] = await queue.getDelayed();
    expect(digestJobData(job!)).toEqual({ subscriptionId: 'dsched1', firedAt: found!.next });

    // Changing the digest updates the same scheduler.
    await scheduler.schedule(digest('dsched1', { mode: 'weekly', weekday: 1, at: '07:15', timeZone: 'Asia/Tokyo' }));
    const [changed, ...others] = await schedulers();
    expect(others).toEqual([]);
    expect(changed).toMatchObject({ pattern: '15 7 * * 1', tz: 'Asia/Tokyo' });
    expect(DateTime.fromMillis(changed!.next!, { zone: 'Asia/Tokyo' }).toFormat('c HH:mm')).toBe('1 07:15');

    await scheduler.unschedule(digest('dsched1'));
    expect(await schedulers()).toEqual([]);
  });

  it('re-syncs at start: schedules active digests, drops removed and paused ones, leaves other schedulers alone', async () => {
    await queue.upsertJobScheduler('poll-keep', { every: 60_000 }, { name: 'poll', data: {} });
    await queue.upsertJobScheduler(jobIds.digestScheduler('dgone'), { pattern: '0 9 * * *', tz: 'UTC' }, { name: 'digest', data: { subscriptionId: 'dgone' } });
    const result = await syncDigestSchedules(queue, [
      digest('dkeep'),
      digest('dpaused', { paused: true }),
      { ...digest('winstant'), mode: 'instant' },
    ]);
    expect(result).toEqual({ upserted: 1, removed: 1 });
    expect((await schedulers()).map((s) => s.key)).toEqual([jobIds.digestScheduler('dkeep'), 'poll-keep']);
    await queue.removeJobScheduler('poll-keep');
    await queue.removeJobScheduler(jobIds.digestScheduler('dkeep'));
  });
});
