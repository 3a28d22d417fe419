// The only `new Worker(...)`: binds each queue to its processor function and
// maps our error outcomes onto BullMQ's (PermanentError → UnrecoverableError;
// TransientError's retry-after → the custom backoff).
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { PermanentError, TransientError } from '../core/errors.js';
import { bullPrefix, type QueueName } from './queues.js';

export type JobHandler = (data: any, job: Job, signal?: AbortSignal) => Promise<unknown>;

export interface WorkerSpec {
  handler: JobHandler;
  concurrency: number;
}

/** Exponential with jitter, capped at 10 minutes; a retry-after from the platform wins. */
export function retryDelayMs(attemptsMade: number, err?: Error): number {
  if (err instanceof TransientError && err.retryAfterMs !== undefined) return Math.max(250, err.retryAfterMs);
  const base = Math.min(600_000, 1000 * 2 ** Math.max(0, attemptsMade - 1));
  return Math.round(base * (0.75 + Math.random() * 0.5));
}

export interface WorkerTiming {
  lockDuration?: number;
  stalledInterval?: number;
}

export interface Workers {
  workers: Worker[];
  close(): Promise<void>;
}

export function startWorkers(opts: {
  connection: Redis;
  prefix: string;
  specs: Partial<Record<QueueName, WorkerSpec>>;
  log: Logger;
  /** Told of every failed attempt (final: no retry left), e.g. for metrics. */
  onFailed?(queue: QueueName, final: boolean): void;
  /** Lock duration / stalled-check interval (default: BullMQ's 30 s each). */
  timing?: WorkerTiming;
}): Workers {
  const workers: Worker[] = [];
  const timing = opts.timing ?? {};
  for (const [name, spec] of Object.entries(opts.specs) as [QueueName, WorkerSpec][]) {
    const log = opts.log.child({ queue: name });
    const worker = new Worker(
      name,
      async (job: Job, _token?: string, signal?: AbortSignal) => {
        try {
          return await spec.handler(job.data, job, signal);
        } catch (err) {
          if (err instanceof PermanentError) throw new UnrecoverableError(err.message);
          throw err;
        }
      },
      {
        connection: opts.connection,
        prefix: bullPrefix(opts.prefix),
        concurrency: spec.concurrency,
        ...timing,
        settings: { backoffStrategy: (attemptsMade: number, _type?: string, err?: Error) => retryDelayMs(attemptsMade, err) },
      },
    );
    worker.on('failed', (job, err) => {
      const final = !job || job.attemptsMade >= (job.opts.attempts ?? 1) || err instanceof UnrecoverableError;
      opts.onFailed?.(name, final);
      log[final ? 'error' : 'warn']({ jobId: job?.id, attempts: job?.attemptsMade, err: err.message }, final ? 'job failed for good' : 'job failed; will retry');
    });
    worker.on('error', (err) => log.warn({ err: err.message }, 'worker connection problem'));
    workers.push(worker);
  }
  return {
    workers,
    async close() {
      await Promise.all(workers.map((w) => w.close()));
    },
  };
}
