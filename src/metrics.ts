// Prometheus metrics: one Registry per process (never prom-client's global one)
// and typed recorder functions the pipeline hooks call. Queue depths are read
// when Prometheus scrapes, through a function the composition root supplies.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The poll outcomes of `PollResult.status` (src/jobs/processors/poll-source.ts). */
export type PollStatus = import('./jobs/processors/poll-source.js').PollResult['status'];

/** What a delivery was: a new alert, an alert edited into an earlier post of the story, a digest, a reminder. */
export type DeliveryKind = 'alert' | 'alert-edit' | 'digest' | 'reminder';

/** Job counts per queue and state, as `Queue.getJobCounts()` answers. */
export type QueueCounts = Record<string, Record<string, number>>;

export interface Metrics {
  registry: Registry;
  /** One poll of one source; `found` is how many entries the feed held, when known. */
  pollResult(sourceId: string, status: PollStatus, newCount: number, found?: number): void;
  fetchError(kind: string): void;
  enrichDuration(ms: number): void;
  /** A message reached a platform; `latencyMs` is item first seen → sent (alerts only). */
  delivered(platform: string, kind: DeliveryKind, latencyMs?: number): void;
  /** A job failed; `final` when it will not be retried. */
  jobFailed(queue: string, final?: boolean): void;
  /** Sets (or replaces) where the queue-depth gauge reads its counts at scrape time. */
  watchQueues(read: () => Promise<QueueCounts>): void;
}

export interface MetricsOptions {
  /** Metric name prefix; default `sw_`. */
  prefix?: string;
  /** Node process metrics (CPU, memory, event loop); default true. */
  processMetrics?: boolean;
  queueCounts?: () => Promise<QueueCounts>;
}

const LATENCY_BUCKETS_S = [0.25, 0.5, 1, 2, 5, 10, 30, 60, 120, 300, 900, 3600];
const ENRICH_BUCKETS_S = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export function createMetrics(opts: MetricsOptions = {}): Metrics {
  const p = opts.prefix ?? 'sw_';
  const registry = new Registry();
  if (opts.processMetrics ?? true) collectDefaultMetrics({ register: registry, prefix: p });
  const registers = [registry];

  const polls = new Counter({ name: `${p}polls_total`, help: 'Polls by source and outcome (not-modified = answered 304)', labelNames: ['source', 'status'], registers });
  const fetched = new Counter({ name: `${p}items_fetched_total`, help: 'Entries read from a source (new or not)', labelNames: ['source'], registers });
  const fresh = new Counter({ name: `${p}items_new_total`, help: 'Entries new to the store, by source', labelNames: ['source'], registers });
  const fetchErrors = new Counter({ name: `${p}fetch_errors_total`, help: 'Failed polls by error kind (timeout, http-5xx, parse…)', labelNames: ['kind'], registers });
  // Counted over this process's lifetime; the ratio of answered polls that were 304.
  let answered = 0;
  let notModified = 0;
  new Gauge({
    name: `${p}poll_not_modified_ratio`,
    help: 'Share of answered polls that were 304 Not Modified, since this process started',
    registers,
    collect() {
      this.set(answered === 0 ? 0 : notModified / answered);
    },
  });
  const enrich = new Histogram({ name: `${p}enrich_duration_seconds`, help: 'Time to enrich one item', buckets: ENRICH_BUCKETS_S, registers });
  const sent = new Counter({ name: `${p}messages_sent_total`, help: 'Messages sent by platform and kind (alert, alert-edit, digest, reminder)', labelNames: ['platform', 'kind'], registers });
  const latency = new Histogram({ name: `${p}delivery_latency_seconds`, help: 'Item first seen → alert sent', labelNames: ['platform'], buckets: LATENCY_BUCKETS_S, registers });
  const failed = new Counter({ name: `${p}jobs_failed_total`, help: 'Failed job attempts by queue; final = no retry left', labelNames: ['queue', 'final'], registers });

  let readQueues = opts.queueCounts;
  new Gauge({
    name: `${p}queue_jobs`,
    help: 'Jobs per queue and state (waiting, active, delayed, failed…) at scrape time',
    labelNames: ['queue', 'state'],
    registers,
    async collect() {
      this.reset();
      if (!readQueues) return;
      let counts: QueueCounts;
      try {
        counts = await readQueues();
      } catch {
        // Redis unreachable: the gauge is left empty for this scrape (and /readyz says why).
        return;
      }
      for (const [queue, states] of Object.entries(counts)) {
        for (const [state, n] of Object.entries(states)) this.set({ queue, state }, n);
      }
    },
  });

  return {
    registry,
    pollResult(sourceId, status, newCount, found) {
      polls.inc({ source: sourceId, status });
      if (status === 'new-items' || status === 'no-change' || status === 'not-modified') answered++;
      if (status === 'not-modified') notModified++;
      if (newCount > 0) fresh.inc({ source: sourceId }, newCount);
      if (found !== undefined && found > 0) fetched.inc({ source: sourceId }, found);
    },
    fetchError(kind) {
      fetchErrors.inc({ kind });
    },
    enrichDuration(ms) {
      enrich.observe(Math.max(0, ms) / 1000);
    },
    delivered(platform, kind, latencyMs) {
      sent.inc({ platform, kind });
      if (latencyMs !== undefined && Number.isFinite(latencyMs)) latency.observe({ platform }, Math.max(0, latencyMs) / 1000);
    },
    jobFailed(queue, final = false) {
      failed.inc({ queue, final: String(final) });
    },
    watchQueues(read) {
      readQueues = read;
    },
  };
}

/** The error kind of a failed PollResult (`"<kind>: <message>"`). */
export function pollErrorKind(error: string | undefined): string {
  const kind = error?.split(':', 1)[0]?.trim();
  return kind && /^[a-z0-9-]{1,40}$/i.test(kind) ? kind : 'other';
}

/** Records one PollResult: the hook the poll worker calls after each poll. */
export function recordPollResult(
  metrics: Metrics,
  result: { sourceId: string; status: PollStatus; newItemIds: string[]; error?: string; found?: number },
): void {
  metrics.pollResult(result.sourceId, result.status, result.newItemIds.length, result.found);
  if (result.status === 'failed') metrics.fetchError(pollErrorKind(result.error));
}

/** Item first seen → now, for the delivery-latency histogram. */
export function deliveryLatencyMs(item: { seenAt: string }, now: Date): number | undefined {
  const seen = Date.parse(item.seenAt);
  return Number.isFinite(seen) ? now.getTime() - seen : undefined;
}

/** The pipeline hooks in one place, for the composition root to plug into pollDeps/enrich/deliverDeps/workers. */
export function pipelineMetricsHooks(metrics: Metrics, clock: { now(): Date }) {
  return {
    /** After each poll job: `recordPollResult` of its PollResult. */
    onPollResult(result: Parameters<typeof recordPollResult>[1]): void {
      recordPollResult(metrics, result);
    },
    /** Around the enrich processor: times it (failed runs too). */
    async timeEnrich<T>(run: () => Promise<T>): Promise<T> {
      const started = performance.now();
      try {
        return await run();
      } finally {
        metrics.enrichDuration(performance.now() - started);
      }
    },
    /** DeliverDeps.onDelivered: a new post counts its latency; an edit into an earlier post does not. */
    onDelivered(sub: { platform: string }, item: { seenAt: string }, status: 'sent' | 'edited'): void {
      if (status === 'sent') metrics.delivered(sub.platform, 'alert', deliveryLatencyMs(item, clock.now()));
      else metrics.delivered(sub.platform, 'alert-edit');
    },
    /** A worker's 'failed' event. */
    onJobFailed(queue: string, final: boolean): void {
      metrics.jobFailed(queue, final);
    },
  };
}
