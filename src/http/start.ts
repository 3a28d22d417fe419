// Glue for the `http` role: builds the HTTP deps from an App and listens on
// config.http.port (0 = any free port). Returns a Runnable for start.ts.
import type { FastifyInstance } from 'fastify';
import type { App } from '../app/app.js';
import type { Role, Runnable } from '../app/start.js';
import type { Platform } from '../core/types.js';
import { QUEUE_NAMES } from '../jobs/queues.js';
import type { Metrics, QueueCounts } from '../metrics.js';
import { sourcesOpmlRoutes } from '../sources/opml-route.js';
import { buildHttpApp } from './app.js';
import { calendarRoutes } from './routes/calendar.js';
import type { CheckResult, HttpDeps, ReadinessCheck } from './deps.js';

/** The queues a running pipeline must have a worker on. */
export const WORKED_QUEUES = ['poll', 'enrich', 'deliver'] as const;
const JOB_STATES = ['waiting', 'active', 'delayed', 'prioritized', 'waiting-children', 'failed', 'completed'] as const;


export interface StartHttpOptions {
  /** The roles this process runs: chat platforms count for readiness only where `bot` runs here. Default: all. */
  roles?: ReadonlySet<Role>;
  /** Shared with the pipeline hooks, so that /metrics shows what the workers recorded. */
  metrics?: Metrics;
  /** Connection status of each chat platform; else the sink's own `status()`, when it has one. */
  platformStatus?: Partial<Record<Exclude<Platform, 'terminal'>, ReadinessCheck>>;
  host?: string;
  /** Overrides config.http.port. */
  port?: number;
  /** Replaces the default extra routes (the iCalendar export). */
  routes?: HttpDeps['routes'];
}

export interface HttpRunnable extends Runnable {
  server: FastifyInstance;
  port: number;
  url: string;
}

export function queueCountsOf(app: Pick<App, 'queues'>): () => Promise<QueueCounts> {
  return async () => {
    const entries = await Promise.all(QUEUE_NAMES.map(async (name) => [name, await app.queues[name].getJobCounts(...JOB_STATES)] as const));
    return Object.fromEntries(entries);
  };
}

/** Every worked queue has at least one worker connected to Redis (in this process or another). */
export function workersCheck(app: Pick<App, 'queues'>): ReadinessCheck {
  return async () => {
    const missing: string[] = [];
    for (const name of WORKED_QUEUES) {
      let count: number;
      try {
        count = await app.queues[name].getWorkersCount();
      } catch (err) {
        // Some managed Redis services refuse CLIENT LIST: then workers cannot be seen from here.
        if (/unknown command|no permissions|NOPERM|disabled/i.test((err as Error).message)) return { ok: true, detail: 'not checked: this Redis refuses CLIENT LIST' };
        throw err;
      }
      if (count === 0) missing.push(name);
    }
    return missing.length === 0 ? { ok: true } : { ok: false, detail: `no worker on queue${missing.length > 1 ? 's' : ''} ${missing.join(', ')}` };
  };
}

function platformChecks(app: App, opts: StartHttpOptions): Record<string, ReadinessCheck> {
  const checks: Record<string, ReadinessCheck> = {};
  const runsBot = !opts.roles || opts.roles.has('bot');
  for (const platform of ['discord', 'matrix'] as const) {
    if (!app.config[platform]) continue;
    checks[platform] = async () => {
      // Looked up when asked: the bot role may start after the http role.
      const given = opts.platformStatus?.[platform];
      if (given) return given();
      const connected = app.platformStatus[platform];
      if (connected) return connected() ? { ok: true } : { ok: false, detail: `the ${platform} connection is down` };
      if (!runsBot) return { ok: true, detail: 'not run by this process' };
      return { ok: false, detail: `the ${platform} adapter is not running` };
    };
  }
  return checks;
}

export function httpDepsFromApp(app: App, opts: StartHttpOptions = {}): HttpDeps {
  const metrics = opts.metrics ?? app.metrics;
  const queueCounts = queueCountsOf(app);
  metrics.watchQueues(queueCounts);
  return {
    items: app.stores.items,
    sources: app.services.sources,
    meetings: app.services.meetings,
    groups: app.config.groups,
    tags: app.services.tags,
    queueCounts,
    readiness: {
      redis: async () => ((await app.redis.ping()) === 'PONG' ? { ok: true } : { ok: false, detail: 'Redis did not answer PONG' }),
      workers: workersCheck(app),
      ...platformChecks(app, opts),
    },
    metrics,
    admin: { token: app.config.http.adminToken, queues: QUEUE_NAMES.map((name) => app.queues[name]) },
    publicUrl: app.config.http.publicUrl,
    version: app.config.version,
    defaultTimeZone: app.config.defaultTimeZone,
    routes: opts.routes ?? [
      (server) => sourcesOpmlRoutes(server, { list: () => app.sources.list() }),
      (server) =>
        calendarRoutes(server, {
          meetings: app.services.meetings,
          groups: app.config.groups,
          clock: app.clock,
          publicUrl: app.config.http.publicUrl,
          resolveGroup: app.services.resolveGroup,
        }),
    ],
    clock: app.clock,
    log: app.log,
  };
}

export async function startHttp(app: App, opts: StartHttpOptions = {}): Promise<HttpRunnable> {
  const server = await buildHttpApp(httpDepsFromApp(app, opts));
  const host = opts.host ?? '0.0.0.0';
  await server.listen({ port: opts.port ?? app.config.http.port, host });
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : (opts.port ?? app.config.http.port);
  const url = `http://${host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host}:${port}`;
  app.log.info({ port, publicUrl: app.config.http.publicUrl }, `http: listening on ${url}`);
  return {
    name: 'http',
    server,
    port,
    url,
    async stop() {
      await server.close();
    },
  };
}
