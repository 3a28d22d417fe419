// What the HTTP app needs, as plain values and functions: stores, counts,
// status functions and config slices. No App, no Redis, no BullMQ here, so the
// routes test with in-memory fakes and start.ts builds the real ones.
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { ItemStore } from '../core/ports.js';
import type { Clock, Group, Meeting, Source, SourceHealth } from '../core/types.js';
import type { Metrics, QueueCounts } from '../metrics.js';

/** The outcome of one readiness check. */
export interface CheckResult {
  ok: boolean;
  /** Why it is not ready (or a note such as "not run by this process"). */
  detail?: string;
}

export type ReadinessCheck = () => Promise<CheckResult> | CheckResult;

/** The queue dashboard: the queues it shows, and the token that opens it (none → route off). */
export interface AdminDeps {
  token?: string;
  /** BullMQ queues; typed loosely so that only admin-queues.ts knows BullMQ. */
  queues: readonly unknown[];
}

export interface HttpDeps {
  items: Pick<ItemStore, 'latest'>;
  sources: { list(): Promise<Source[]>; health(): Promise<SourceHealth[]> };
  meetings: { all(): Promise<Meeting[]> };
  groups: readonly Group[];
  /** Taxonomy tags with their labels (feeds use the label as the category label). */
  tags: readonly { id: string; label: string }[];
  /** Job counts per queue and state (waiting, active, delayed, failed…). */
  queueCounts(): Promise<QueueCounts>;
  /** Named readiness checks (`redis`, `workers`, `discord`, `matrix`…); all must pass for /readyz. */
  readiness: Record<string, ReadinessCheck>;
  metrics: Metrics;
  admin?: AdminDeps;
  /** Where this bot is reachable from outside (feed self links, tag: URI authority). */
  publicUrl: string;
  /** Shown in page titles and feed titles. */
  title?: string;
  version?: string;
  defaultTimeZone: string;
  /** How long one readiness check may take before it counts as failed; default 2 s. */
  checkTimeoutMs?: number;
  /** Routes other modules add (e.g. the iCalendar export). */
  routes?: ((app: FastifyInstance) => Promise<void> | void)[];
  clock: Clock;
  log: Logger;
}
