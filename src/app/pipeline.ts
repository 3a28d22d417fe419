// Binds the processors to their deps and to BullMQ workers: poll, enrich,
// deliver, digest and remind, with metrics and operator reports hooked in.
import { groupDisplayName } from '../core/enrich/index.js';
import { feedUrl } from '../core/digest/compose.js';
import type { Item, Platform, Source } from '../core/types.js';
import { digestJobData } from '../jobs/digest-schedules.js';
import { deliverAlert, type DeliverDeps } from '../jobs/processors/deliver-alert.js';
import { sendDigest, type DigestDeps } from '../jobs/processors/digest.js';
import { enrichItem, type EnrichDeps } from '../jobs/processors/enrich-item.js';
import { pollSource, type PollDeps } from '../jobs/processors/poll-source.js';
import { sendReminder, type RemindDeps } from '../jobs/processors/remind.js';
import { createReminderEnqueuer, REMINDER_SCAN_JOB, scanReminders, type ScanDeps } from '../jobs/reminder-scan.js';
import { startWorkers, type Workers } from '../jobs/workers.js';
import { pipelineMetricsHooks } from '../metrics.js';
import { createRedisLocks } from '../store/locks.js';
import { createRedisReminderState } from '../store/reminder-state.js';
import type { App } from './app.js';

export interface PipelineHooks {
  onSeeded?(source: Source, items: Item[]): void;
}

/** Display names, looked up at call time so sources added at run time are named too. */
function names(app: App) {
  const groups = new Map(app.config.groups.map((g) => [g.id, groupDisplayName(g)]));
  const configSources = new Map(app.config.sources.map((s) => [s.id, s.title ?? s.id]));
  return {
    source: (id: string) => configSources.get(id) ?? id,
    group: (id: string) => groups.get(id) ?? id,
    tag: (id: string) => app.config.taxonomy[id]?.label ?? id,
  };
}

export function pollDeps(app: App, hooks: PipelineHooks = {}): PollDeps {
  const locks = createRedisLocks(app.redis, app.config.redis.prefix);
  return {
    exclusive: (sourceId) => locks.tryAcquire(`poll-${sourceId}`, Math.max(60_000, app.config.fetch.timeoutMs * 3)),
    getSource: app.getSource,
    fetcher: app.fetcher,
    items: app.stores.items,
    health: app.stores.health,
    meetings: app.stores.meetings,
    enqueueEnrich: app.enqueue.enrich,
    onSeeded: hooks.onSeeded,
    onHealthChange: (source, health, previous) => {
      if (health.healthy) app.log.info({ sourceId: source.id }, 'source recovered');
      else app.log.error({ sourceId: source.id, failures: health.consecutiveFailures, lastError: health.lastError }, 'source is failing: marked unhealthy and polled less often');
      void app.operatorReporter.sourceHealthChanged(source, health, previous);
    },
    clock: app.clock,
    log: app.log.child({ queue: 'poll' }),
  };
}

export function enrichDeps(app: App): EnrichDeps {
  return {
    items: app.stores.items,
    stories: app.stores.stories,
    subscriptions: app.subscriptions,
    getSource: app.getSource,
    analyse: app.analyse,
    enqueueDeliver: app.enqueue.deliver,
    digests: app.digestStore,
    clock: app.clock,
    log: app.log.child({ queue: 'enrich' }),
  };
}

export function deliverDeps(app: App): DeliverDeps {
  const n = names(app);
  const metrics = pipelineMetricsHooks(app.metrics, app.clock);
  // "This target works again" closes an open incident; checked at most once a minute per target.
  const reachableCheckedAt = new Map<string, number>();
  const reachable = (platform: Platform, target: string) => {
    const key = `${platform}\u0000${target}`;
    const now = app.clock.now().getTime();
    if (now - (reachableCheckedAt.get(key) ?? -Infinity) < 60_000) return;
    if (reachableCheckedAt.size > 10_000) reachableCheckedAt.clear();
    reachableCheckedAt.set(key, now);
    void app.operatorReporter.targetReachable(platform, target);
  };
  return {
    subscriptions: app.subscriptions,
    items: app.stores.items,
    deliveries: app.stores.deliveries,
    sinks: app.sinks,
    sourceName: n.source,
    groupNames: (ids) => ids.map(n.group),
    limits: {
      maxPerHour: app.config.alerts.maxPerHour,
      limiter: app.digestStore,
      targetHasDigest: async (platform, target) => (await app.subscriptions.forTarget(platform, target)).some((s) => (s.mode === 'daily' || s.mode === 'weekly') && !s.paused),
      feedUrl: feedUrl(app.config.http.publicUrl, []),
    },
    onTargetLost: (sub, err) => {
      reachableCheckedAt.delete(`${sub.platform}\u0000${sub.target}`);
      void app.operatorReporter.targetLost(sub, err);
    },
    onDelivered: (sub, item, status) => {
      metrics.onDelivered(sub, item, status);
      reachable(sub.platform, sub.target);
    },
    clock: app.clock,
    log: app.log.child({ queue: 'deliver' }),
  };
}

export function digestDeps(app: App): DigestDeps {
  const n = names(app);
  return {
    subscriptions: app.subscriptions,
    items: app.stores.items,
    meetings: app.services.meetings,
    ledger: app.digestStore,
    deliveries: app.stores.deliveries,
    sinks: app.sinks,
    publicUrl: app.config.http.publicUrl,
    names: n,
    onTargetLost: (sub, err) => void app.operatorReporter.targetLost(sub, err),
    onDelivered: (sub) => app.metrics.delivered(sub.platform, 'digest'),
    clock: app.clock,
    log: app.log.child({ queue: 'digest' }),
  };
}

export function remindDeps(app: App): { send: RemindDeps; scan: ScanDeps } {
  const state = createRedisReminderState(app.redis, app.config.redis.prefix);
  const n = names(app);
  const log = app.log.child({ queue: 'remind' });
  return {
    send: { subscriptions: app.subscriptions, deliveries: app.stores.deliveries, sinks: app.sinks, state, groupName: n.group, clock: app.clock, log },
    scan: { meetings: app.services.meetings, subscriptions: app.subscriptions, state, offsets: app.config.reminders.beforeMs, enqueue: createReminderEnqueuer(app.queues.remind), clock: app.clock, log },
  };
}

export function startPipelineWorkers(app: App, hooks: PipelineHooks = {}, concurrency = { poll: 8, enrich: 8, deliver: 8 }): Workers {
  const poll = pollDeps(app, hooks);
  const enrich = enrichDeps(app);
  const deliver = deliverDeps(app);
  const digest = digestDeps(app);
  const remind = remindDeps(app);
  const metrics = pipelineMetricsHooks(app.metrics, app.clock);
  return startWorkers({
    connection: app.workerRedis,
    prefix: app.config.redis.prefix,
    log: app.log,
    onFailed: metrics.onJobFailed,
    timing: app.config.workers,
    specs: {
      poll: {
        concurrency: concurrency.poll,
        handler: async (data, _job, signal) => {
          const result = await pollSource(data, poll, signal);
          metrics.onPollResult(result);
          return result;
        },
      },
      enrich: { concurrency: concurrency.enrich, handler: (data, _job, signal) => metrics.timeEnrich(() => enrichItem(data, enrich, signal)) },
      deliver: { concurrency: concurrency.deliver, handler: (data, job) => deliverAlert(data, deliver, job.attemptsMade + 1) },
      digest: { concurrency: 4, handler: (_data, job) => sendDigest(digestJobData(job), digest, job.attemptsMade + 1) },
      remind: {
        concurrency: 4,
        handler: (data, job) => (job.name === REMINDER_SCAN_JOB ? scanReminders(remind.scan) : sendReminder(data, remind.send, job.attemptsMade + 1)),
      },
    },
  });
}
