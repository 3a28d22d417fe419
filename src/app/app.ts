// The composition root: config → logger → Redis → stores → queues → processor
// deps. Everything that runs (start, once, cmd) is built from an App.
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { AppConfig } from '../config/types.js';
import { createMeetingQuery } from '../core/meetings/query.js';
import { buildEnrichModel, pickStory, resolveGroup, suggestGroups, type EnrichModel } from '../core/enrich/index.js';
import type { PlatformSink } from '../core/ports.js';
import { systemClock, type Clock, type Platform, type Source, type Subscription } from '../core/types.js';
import { createFetcher, type Fetcher } from '../feeds/fetcher.js';
import { createAnalyser } from '../jobs/analyse.js';
import { createEnqueuers, createQueues, QUEUE_NAMES, type Queues } from '../jobs/queues.js';
import { checkEvictionPolicy, createRedisClient, ensureRedis, type RedisHandle } from '../store/redis.js';
import { createStores, type Stores } from '../store/stores.js';
import type { CommandServices } from '../bot/commands/services.js';
import { createTerminalSink, terminalSubscription } from '../bot/terminal/sink.js';
import { withVirtualSubscriptions } from './virtual-subscriptions.js';
import { createCommandLimiter } from '../bot/commands/rate-limit.js';
import { createDigestScheduler } from '../jobs/digest-schedules.js';
import { createMetrics, type Metrics } from '../metrics.js';
import { createOperatorReporter, type OperatorReporter } from '../sources/operator-reporter.js';
import { createSourceRegistry, type SourceRegistryAdmin } from '../sources/registry.js';
import { createSourcesAdmin } from '../sources/sources-admin.js';
import { createRedisDigestStore, type DigestStore } from '../store/digest-store.js';

export interface AppOptions {
  config: AppConfig;
  log: Logger;
  /** Where terminal alerts print (stdout for `start`, stderr for `once --json`). */
  terminalStream: NodeJS.WritableStream & { isTTY?: boolean };
  dataDir?: string;
  clock?: Clock;
}

export interface App {
  config: AppConfig;
  log: Logger;
  clock: Clock;
  redisHandle: RedisHandle;
  /** Fails fast: for stores and producers. */
  redis: Redis;
  /** Retries forever: for BullMQ workers. */
  workerRedis: Redis;
  stores: Stores;
  queues: Queues;
  enqueue: ReturnType<typeof createEnqueuers>;
  fetcher: Fetcher;
  model: EnrichModel;
  analyse: ReturnType<typeof createAnalyser>;
  sinks: Partial<Record<Platform, PlatformSink>>;
  /** True when no chat platform is configured: the terminal is the subscriber. */
  terminalIsSubscriber: boolean;
  subscriptions: Stores['subscriptions'];
  getSource(id: string): Promise<Source | undefined>;
  listSources(): Promise<Source[]>;
  sources: SourceRegistryAdmin;
  digestStore: DigestStore;
  operatorReporter: OperatorReporter;
  metrics: Metrics;
  /** Set by the chat adapters this process runs: is the connection up? (for /readyz) */
  platformStatus: Partial<Record<'discord' | 'matrix', () => boolean>>;
  services: CommandServices;
  close(): Promise<void>;
}

export async function createApp(opts: AppOptions): Promise<App> {
  const { config, log } = opts;
  const clock = opts.clock ?? systemClock;
  const redisHandle = await ensureRedis({ url: config.redis.url, dataDir: opts.dataDir ?? 'data', log });
  const redis = createRedisClient(redisHandle.url, 'command', log.child({ redis: 'command' }));
  const workerRedis = createRedisClient(redisHandle.url, 'worker', log.child({ redis: 'worker' }));
  await checkEvictionPolicy(redis, log);

  const model = buildEnrichModel({ taxonomy: config.taxonomy, groups: config.groups, organisations: config.organisations });
  const stores = createStores(redis, config.redis.prefix, { pickStory });
  const queues = createQueues(workerRedis, config.redis.prefix);
  // A queue whose connection drops (Redis restarting) reports it once per message; the client reconnects by itself.
  for (const name of QUEUE_NAMES) queues[name].on('error', (err) => log.warn({ queue: name, err: err.message }, 'queue connection problem'));
  const fetcher = createFetcher({ userAgent: config.fetch.userAgent, allowHosts: config.fetch.allowHosts, timeoutMs: config.fetch.timeoutMs, maxBytes: config.fetch.maxBytes, log: log.child({ module: 'fetcher' }) });
  const analyse = createAnalyser({ model, fetcher, log: log.child({ module: 'analyse' }) });

  const terminalIsSubscriber = !config.discord && !config.matrix;
  const sinks: Partial<Record<Platform, PlatformSink>> = { terminal: createTerminalSink(opts.terminalStream) };
  const virtual: Subscription[] = terminalIsSubscriber ? [terminalSubscription(config.defaultTimeZone)] : [];
  const subscriptions = withVirtualSubscriptions(stores.subscriptions, virtual);

  // The chat SDKs are large: loaded only where that platform is configured.
  if (config.matrix) {
    const { matrixSinkFromConfig } = await import('../bot/matrix/sink-from-config.js');
    sinks.matrix = matrixSinkFromConfig(config.matrix, { redis, prefix: config.redis.prefix, log: log.child({ platform: 'matrix' }) });
  }
  if (config.discord) {
    const { createDiscordSink } = await import('../bot/discord/sink.js');
    sinks.discord = createDiscordSink({ token: config.discord.token, apiUrl: config.discord.apiUrl, log: log.child({ platform: 'discord' }) });
  }

  // Sources: the YAML ones merged with those operators added at run time (Redis).
  const sources = createSourceRegistry({ redis, prefix: config.redis.prefix, configSources: config.sources, log: log.child({ module: 'sources' }) });
  const listSources = () => sources.list();
  const getSource = (id: string) => sources.get(id);
  const digestStore = createRedisDigestStore(redis, config.redis.prefix);
  const operatorReporter = createOperatorReporter({ redis, prefix: config.redis.prefix, sinks, operators: config.operators, clock, log: log.child({ module: 'operators' }) });
  const metrics = createMetrics();

  const services: CommandServices = {
    items: stores.items,
    subscriptions: stores.subscriptions,
    meetings: createMeetingQuery({ configMeetings: config.meetings, store: stores.meetings, groupRules: config.groupRules, sources: listSources }),
    sources: { list: listSources, health: () => stores.health.all() },
    groups: config.groups,
    tags: Object.entries(config.taxonomy).map(([id, t]) => ({ id, label: t.label })),
    resolveGroup: (text) => resolveGroup(text, config.groups),
    suggestGroups: (text, n) => suggestGroups(text, config.groups, n),
    publicUrl: config.http.publicUrl,
    digests: createDigestScheduler(queues.digest),
    limiter: createCommandLimiter(),
    extra: { sourcesAdmin: createSourcesAdmin({ registry: sources, fetcher }) },
  };

  return {
    config,
    log,
    clock,
    redisHandle,
    redis,
    workerRedis,
    stores,
    queues,
    enqueue: createEnqueuers(queues),
    fetcher,
    model,
    analyse,
    sinks,
    terminalIsSubscriber,
    subscriptions,
    getSource,
    listSources,
    sources,
    digestStore,
    operatorReporter,
    metrics,
    platformStatus: {},
    services,
    async close() {
      await queues.close().catch((err) => log.warn({ err: err.message }, 'closing queues'));
      for (const sink of Object.values(sinks)) await (sink as { close?: () => Promise<void> }).close?.().catch(() => undefined);
      await fetcher.close().catch(() => undefined);
      redis.disconnect();
      workerRedis.disconnect();
      await redisHandle.close();
    },
  };
}
