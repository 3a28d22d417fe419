// Binds the processors to their deps and to BullMQ workers.
import { groupDisplayName } from '../core/enrich/index.js';
import type { Item, Source } from '../core/types.js';
import { deliverAlert, type DeliverDeps } from '../jobs/processors/deliver-alert.js';
import { enrichItem, type EnrichDeps } from '../jobs/processors/enrich-item.js';
import { pollSource, type PollDeps } from '../jobs/processors/poll-source.js';
import { startWorkers, type Workers } from '../jobs/workers.js';
import { sendReminder, type RemindDeps } from '../jobs/processors/remind.js';
import { createReminderEnqueuer, REMINDER_SCAN_JOB, scanReminders, type ScanDeps } from '../jobs/reminder-scan.js';
import { createRedisReminderState } from '../store/reminder-state.js';
import type { App } from './app.js';

export interface PipelineHooks {
  onSeeded?(source: Source, items: Item[]): void;
}

export function pollDeps(app: App, hooks: PipelineHooks = {}): PollDeps {
  return {
    getSource: app.getSource,
    fetcher: app.fetcher,
    items: app.stores.items,
    health: app.stores.health,
    meetings: app.stores.meetings,
    enqueueEnrich: app.enqueue.enrich,
    onSeeded: hooks.onSeeded,
    onHealthChange: (source, health) => {
      if (health.healthy) app.log.info({ sourceId: source.id }, 'source recovered');
      else app.log.error({ sourceId: source.id, failures: health.consecutiveFailures, lastError: health.lastError }, 'source is failing: marked unhealthy and polled less often');
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
    log: app.log.child({ queue: 'enrich' }),
  };
}

export function deliverDeps(app: App): DeliverDeps {
  const sourceNames = new Map(app.config.sources.map((s) => [s.id, s.title ?? s.id]));
  const groups = new Map(app.config.groups.map((g) => [g.id, groupDisplayName(g)]));
  return {
    subscriptions: app.subscriptions,
    items: app.stores.items,
    deliveries: app.stores.deliveries,
    sinks: app.sinks,
    sourceName: (id) => sourceNames.get(id) ?? id,
    groupNames: (ids) => ids.map((id) => groups.get(id) ?? id),
    clock: app.clock,
    log: app.log.child({ queue: 'deliver' }),
  };
}

export function remindDeps(app: App): { send: RemindDeps; scan: ScanDeps } {
  const state = createRedisReminderState(app.redis, app.config.redis.prefix);
  const groupNames = new Map(app.config.groups.map((g) => [g.id, groupDisplayName(g)]));
  const log = app.log.child({ queue: 'remind' });
  return {
    send: { subscriptions: app.subscriptions, deliveries: app.stores.deliveries, sinks: app.sinks, state, groupName: (id) => groupNames.get(id) ?? id, clock: app.clock, log },
    scan: { meetings: app.services.meetings, subscriptions: app.subscriptions, state, offsets: app.config.reminders.beforeMs, enqueue: createReminderEnqueuer(app.queues.remind), clock: app.clock, log },
  };
}

export function startPipelineWorkers(app: App, hooks: PipelineHooks = {}, concurrency = { poll: 8, enrich: 8, deliver: 8 }): Workers {
  const poll = pollDeps(app, hooks);
  const enrich = enrichDeps(app);
  const deliver = deliverDeps(app);
  const remind = remindDeps(app);
  return startWorkers({
    connection: app.workerRedis,
    prefix: app.config.redis.prefix,
    log: app.log,
    specs: {
      poll: { concurrency: concurrency.poll, handler: (data, _job, signal) => pollSource(data, poll, signal) },
      enrich: { concurrency: concurrency.enrich, handler: (data, _job, signal) => enrichItem(data, enrich, signal) },
      deliver: { concurrency: concurrency.deliver, handler: (data, job) => deliverAlert(data, deliver, job.attemptsMade + 1) },
      remind: {
        concurrency: 4,
        handler: (data, job) => (job.name === REMINDER_SCAN_JOB ? scanReminders(remind.scan) : sendReminder(data, remind.send, job.attemptsMade + 1)),
      },
    },
  });
}
