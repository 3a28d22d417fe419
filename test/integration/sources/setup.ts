// Shared wiring for the source-management tests: a registry on the real Redis,
// the command services a process would build, and a logger whose lines we keep.
import { Redis } from 'ioredis';
import { pino, type Logger } from 'pino';
import type { CommandContext } from '../../../src/bot/commands/define.js';
import type { CommandServices } from '../../../src/bot/commands/services.js';
import { pickStory } from '../../../src/core/enrich/index.js';
import type { Source } from '../../../src/core/types.js';
import type { Fetcher } from '../../../src/feeds/fetcher.js';
import { createSourceRegistry, type SourceRegistryAdmin } from '../../../src/sources/registry.js';
import { createSourcesAdmin } from '../../../src/sources/sources-admin.js';
import { createStores } from '../../../src/store/stores.js';
import { TEST_REDIS_URL } from '../../helpers/redis.js';
import { Capture } from '../../helpers/streams.js';

export function testLogger(): { log: Logger; lines: Capture; records(): Record<string, unknown>[] } {
  const lines = new Capture();
  const log = pino({ level: 'debug' }, lines);
  return { log, lines, records: () => lines.lines().map((l) => JSON.parse(l) as Record<string, unknown>) };
}

export function newRedis(): Redis {
  return new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 1 });
}

export interface Process {
  registry: SourceRegistryAdmin;
  services: CommandServices;
  ctx(opts: { operator: boolean; platform?: CommandContext['platform'] }): CommandContext;
}

/** What one process of the bot would build: a registry and the command services around it. */
export function startProcess(redis: Redis, prefix: string, configSources: Source[], fetcher: Fetcher | undefined, log: Logger): Process {
  const registry = createSourceRegistry({ redis, prefix, configSources, log });
  const stores = createStores(redis, prefix, { pickStory });
  const services: CommandServices = {
    items: stores.items,
    subscriptions: stores.subscriptions,
    meetings: { all: async () => [] },
    sources: { list: () => registry.list(), health: () => stores.health.all() },
    groups: [],
    tags: [],
    resolveGroup: () => undefined,
    suggestGroups: () => [],
    publicUrl: 'http://localhost:8080',
    ...(fetcher ? { extra: { sourcesAdmin: createSourcesAdmin({ registry, fetcher }) } } : {}),
  };
  return {
    registry,
    services,
    ctx: ({ operator, platform = 'matrix' }) => ({
      platform,
      target: '!ops:example.org',
      user: { id: '@alice:example.org' },
      isDirect: false,
      can: { manageTarget: operator, operator },
      timeZone: 'UTC',
      clock: { now: () => new Date('2026-11-23T10:00:00Z') },
      services,
    }),
  };
}

export const yamlSource = (id: string, url: string, extra: Partial<Source> = {}): Source => ({ id, kind: 'rss', url, everyMs: 900_000, tags: ['standards'], fetchArticle: false, paused: false, ...extra });
