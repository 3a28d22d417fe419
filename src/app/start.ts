// `standards-watch start`: run the roles this process was given until SIGTERM
// or SIGINT, then stop taking jobs, finish or return the ones in hand, close
// the chat connections and exit within a bound.
import type { App } from './app.js';
import { startPipelineWorkers } from './pipeline.js';
import { syncPollSchedules } from '../jobs/schedules.js';
import { scheduleReminderScan } from '../jobs/reminder-scan.js';
import { seededNotice } from './once.js';
import { syncDigestSchedules } from '../jobs/digest-schedules.js';
import { watchSourceChanges } from '../sources/watch.js';

/** Reports to the operators when failed jobs pile up in a queue (checked every minute). */
function watchQueueFailures(app: App, everyMs = 60_000): Runnable {
  const check = async () => {
    for (const name of ['enrich', 'deliver', 'digest', 'remind'] as const) {
      try {
        await app.operatorReporter.queueFailures(name, await app.queues[name].getFailedCount());
      } catch (err) {
        app.log.warn({ queue: name, err: (err as Error).message }, 'could not read failed-job count');
      }
    }
  };
  const timer = setInterval(() => void check(), everyMs);
  timer.unref();
  return { name: 'queue-failure-watch', stop: async () => clearInterval(timer) };
}

export const ROLES = ['poller', 'worker', 'bot', 'http'] as const;
export type Role = (typeof ROLES)[number];

/** A part that runs alongside the pipeline (chat adapters, HTTP server…). */
export interface Runnable {
  name: string;
  stop(): Promise<void>;
}

/** What a role starter is told: the roles this process runs. */
export interface StarterContext {
  roles: ReadonlySet<Role>;
}

/** Later modules register role starters here (bot adapters, http). */
export type RoleStarter = (app: App, ctx: StarterContext) => Promise<Runnable | undefined>;

export interface StartOptions {
  roles: Set<Role>;
  starters?: Partial<Record<Role, RoleStarter[]>>;
  notices: NodeJS.WritableStream;
  shutdownTimeoutMs?: number;
}

export interface Running {
  stop(): Promise<void>;
  stopped: Promise<void>;
}

export async function startRoles(app: App, opts: StartOptions): Promise<Running> {
  const parts: Runnable[] = [];
  const log = app.log;
  if (opts.roles.has('worker')) {
    const workers = startPipelineWorkers(app, { onSeeded: (source, items) => opts.notices.write(seededNotice(source, items)) });
    parts.push({ name: 'workers', stop: () => workers.close() });
    parts.push(watchQueueFailures(app));
  }
  if (opts.roles.has('poller')) {
    const sources = await app.listSources();
    const { upserted, removed } = await syncPollSchedules(app.queues.poll, sources);
    await scheduleReminderScan(app.queues.remind);
    const digests = await syncDigestSchedules(app.queues.digest, await app.stores.subscriptions.all());
    log.info({ sources: upserted, removed, digests: digests.upserted }, 'poll, digest and reminder schedules in place');
    // Poll every source at once on start, rather than waiting a whole interval.
    await app.queues.poll.addBulk(sources.filter((s) => !s.paused).map((s) => ({ name: 'poll', data: { sourceId: s.id } })));
    // Sources added, paused or removed at run time (chat, CLI) reach the schedules without a restart.
    parts.push(
      watchSourceChanges(
        app.sources,
        async (current, change) => {
          await syncPollSchedules(app.queues.poll, current);
          if (change.added.length) await app.queues.poll.addBulk(change.added.map((s) => ({ name: 'poll', data: { sourceId: s.id } })));
        },
        { log: log.child({ module: 'source-watch' }) },
      ),
    );
  }
  for (const role of opts.roles) {
    for (const starter of opts.starters?.[role] ?? []) {
      const part = await starter(app, { roles: opts.roles });
      if (part) parts.push(part);
    }
  }
  log.info({ roles: [...opts.roles], terminalIsSubscriber: app.terminalIsSubscriber }, app.terminalIsSubscriber ? 'running; no chat platform configured, so alerts print here' : 'running');

  let resolveStopped!: () => void;
  const stopped = new Promise<void>((r) => (resolveStopped = r));
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      log.info('shutting down: no new jobs are taken; jobs in hand finish');
      const bound = new Promise<void>((r) => setTimeout(r, opts.shutdownTimeoutMs ?? 20_000).unref());
      await Promise.race([Promise.allSettled([...parts].reverse().map((p) => p.stop())), bound]);
      await app.close();
      resolveStopped();
    })());
  return { stop, stopped };
}
