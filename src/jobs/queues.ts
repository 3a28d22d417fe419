// The queues, their job ids and their retry/retention policy — in one place.
// Job ids are derived from the data so that a duplicate enqueue is a no-op
// (BullMQ ids may not contain ':' nor be plain integers; ours start with a word).
import { Queue, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import { jobToken } from '../core/ids.js';

export const QUEUE_NAMES = ['poll', 'enrich', 'deliver', 'digest', 'remind'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

const DAY_S = 86_400;

export const JOB_OPTIONS: Record<QueueName, JobsOptions> = {
  // A failed poll is not retried here: the next scheduled poll is the retry, and health tracks it.
  poll: { attempts: 1, removeOnComplete: { age: 3600, count: 2000 }, removeOnFail: { age: DAY_S, count: 2000 } },
  enrich: { attempts: 6, backoff: { type: 'exponential', delay: 1000 }, removeOnComplete: { age: DAY_S }, removeOnFail: { age: 14 * DAY_S } },
  // 'custom' backoff: honours a platform's retry-after, else exponential (see workers.ts).
  deliver: { attempts: 12, backoff: { type: 'custom' }, removeOnComplete: { age: 7 * DAY_S }, removeOnFail: { age: 30 * DAY_S } },
  digest: { attempts: 8, backoff: { type: 'custom' }, removeOnComplete: { age: 7 * DAY_S }, removeOnFail: { age: 30 * DAY_S } },
  remind: { attempts: 8, backoff: { type: 'custom' }, removeOnComplete: { age: 30 * DAY_S }, removeOnFail: { age: 30 * DAY_S } },
};

export const jobIds = {
  enrich: (itemId: string) => `enrich-${jobToken(itemId)}`,
  deliver: (subscriptionId: string, key: string) => `deliver-${jobToken(subscriptionId)}-${jobToken(key)}`,
  pollScheduler: (sourceId: string) => `poll-${jobToken(sourceId)}`,
  pollOnce: (runId: string, sourceId: string) => `poll-once-${jobToken(runId)}-${jobToken(sourceId)}`,
  digest: (subscriptionId: string, period: string) => `digest-${jobToken(subscriptionId)}-${jobToken(period)}`,
  digestScheduler: (subscriptionId: string) => `digest-${jobToken(subscriptionId)}`,
  remind: (key: string) => `remind-${jobToken(key)}`,
};

export function bullPrefix(prefix: string): string {
  return `${prefix}:bull`;
}

export type Queues = Record<QueueName, Queue> & { close(): Promise<void> };

export function createQueues(connection: Redis, prefix: string): Queues {
  const entries = QUEUE_NAMES.map((name) => [name, new Queue(name, { connection, prefix: bullPrefix(prefix), defaultJobOptions: JOB_OPTIONS[name] })] as const);
  const queues = Object.fromEntries(entries) as Record<QueueName, Queue>;
  return {
    ...queues,
    async close() {
      await Promise.all(entries.map(([, q]) => q.close()));
    },
  };
}

/** Enqueue helpers used by processors through their deps (they never see a Queue). */
export function createEnqueuers(queues: Queues) {
  return {
    async enrich(itemIds: string[], opts: { alert: boolean }) {
      await queues.enrich.addBulk(itemIds.map((itemId) => ({ name: 'enrich', data: { itemId, alert: opts.alert }, opts: { jobId: jobIds.enrich(itemId) } })));
    },
    async deliver(deliveries: { subscriptionId: string; itemId: string }[]) {
      await queues.deliver.addBulk(
        deliveries.map((d) => ({ name: 'deliver', data: d, opts: { jobId: jobIds.deliver(d.subscriptionId, d.itemId) } })),
      );
    },
  };
}

export async function countPending(queue: Queue): Promise<number> {
  const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'waiting-children');
  return Object.values(counts).reduce((a, b) => a + b, 0);
}
