// Keeps one BullMQ job scheduler per active source, jittered so that sources
// with the same interval do not all fire at once; removes the ones of sources
// that are gone or paused.
import type { Queue } from 'bullmq';
import { shortHash } from '../core/ids.js';
import type { Source } from '../core/types.js';
import { jobIds } from './queues.js';

/** A stable offset in [0, min(every, 60s)) from the source id. */
export function jitterMs(sourceId: string, everyMs: number): number {
  const span = Math.min(everyMs, 60_000);
  return parseInt(shortHash(sourceId, 8), 16) % span;
}

export async function syncPollSchedules(queue: Queue, sources: Source[]): Promise<{ upserted: number; removed: number }> {
  const wanted = new Map(sources.filter((s) => !s.paused).map((s) => [jobIds.pollScheduler(s.id), s]));
  let upserted = 0;
  for (const [schedulerId, source] of wanted) {
    await queue.upsertJobScheduler(
      schedulerId,
      { every: source.everyMs, offset: jitterMs(source.id, source.everyMs) },
      { name: 'poll', data: { sourceId: source.id } },
    );
    upserted++;
  }
  let removed = 0;
  for (const scheduler of await queue.getJobSchedulers(0, -1)) {
    const id = scheduler.key;
    if (id.startsWith('poll-') && !wanted.has(id)) {
      await queue.removeJobScheduler(id);
      removed++;
    }
  }
  return { upserted, removed };
}
