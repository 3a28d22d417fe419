// One BullMQ job scheduler per digest subscription: a cron pattern in the
// subscriber's IANA zone (09:00 Europe/Brussels stays 09:00 across DST).
// Scheduler id: jobIds.digestScheduler(subId). Re-synced at start.
import type { Job, Queue } from 'bullmq';
import { digestCron, isDigestMode } from '../core/digest/period.js';
import type { Subscription } from '../core/types.js';
import type { DigestScheduler } from '../bot/commands/services.js';
import type { DigestJob } from './processors/digest.js';
import { jobIds } from './queues.js';

function wantsSchedule(sub: Subscription): boolean {
  return isDigestMode(sub.mode) && !sub.paused;
}

async function upsert(queue: Queue, sub: Subscription): Promise<void> {
  const data: DigestJob = { subscriptionId: sub.id };
  await queue.upsertJobScheduler(jobIds.digestScheduler(sub.id), { pattern: digestCron(sub), tz: sub.timeZone }, { name: 'digest', data });
}

/**
 * Upserts only when the scheduler is missing or its pattern or zone changed. Upserting an
 * unchanged scheduler is not a no-op: BullMQ drops the iteration it has queued and queues the
 * next one from now — a run that came due while no worker ran (a restart at 09:05 for a 09:00
 * digest) would be skipped until the next day.
 */
async function upsertIfChanged(queue: Queue, sub: Subscription): Promise<boolean> {
  const current = await queue.getJobScheduler(jobIds.digestScheduler(sub.id));
  if (current && current.pattern === digestCron(sub) && (current.tz ?? undefined) === sub.timeZone) return false;
  await upsert(queue, sub);
  return true;
}

export function createDigestScheduler(queue: Queue): DigestScheduler {
  return {
    async schedule(sub) {
      if (wantsSchedule(sub)) await upsertIfChanged(queue, sub);
      else await queue.removeJobScheduler(jobIds.digestScheduler(sub.id));
    },
    async unschedule(sub) {
      await queue.removeJobScheduler(jobIds.digestScheduler(sub.id));
    },
  };
}

/** At start: one scheduler per active digest subscription (unchanged ones keep their queued run); schedulers of removed or paused ones go. */
export async function syncDigestSchedules(queue: Queue, subs: Subscription[]): Promise<{ upserted: number; removed: number }> {
  const wanted = new Map(subs.filter(wantsSchedule).map((s) => [jobIds.digestScheduler(s.id), s]));
  for (const sub of wanted.values()) await upsertIfChanged(queue, sub);
  let removed = 0;
  for (const scheduler of await queue.getJobSchedulers(0, -1)) {
    if (scheduler.key.startsWith('digest-') && !wanted.has(scheduler.key)) {
      await queue.removeJobScheduler(scheduler.key);
      removed++;
    }
  }
  return { upserted: wanted.size, removed };
}

/** The job's data with the time its scheduler fired it (the period is taken from that, not from when a retry runs). */
export function digestJobData(job: Pick<Job, 'data' | 'opts' | 'timestamp'>): DigestJob {
  const data = job.data as DigestJob;
  const fired = (job.opts as { prevMillis?: number }).prevMillis;
  return { ...data, firedAt: data.firedAt ?? (typeof fired === 'number' && fired > 0 ? fired : job.timestamp) };
}
