// The effective list of sources: the YAML ones merged with the ones operators
// added at run time (Redis). Nothing is cached, so every process sees a change
// at its next read; the version counter tells pollers when to re-sync schedules.
// On an id clash the YAML source wins, and the log says so (once per id).
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { ID_PATTERN } from '../config/schema.js';
import { UserError } from '../core/errors.js';
import type { SourceRegistry } from '../core/ports.js';
import type { Source } from '../core/types.js';
import { createKeys } from '../store/keys.js';
import { createRedisSourceStore, type RuntimeSourceStore } from '../store/source-store.js';

export interface SourceRegistryAdmin extends SourceRegistry {
  /** Stores a new run-time source; refuses an id or URL already in use. */
  add(source: Source, meta?: { addedBy?: string; at?: Date }): Promise<Source>;
  /** Removes a run-time source; YAML sources can only be paused. */
  remove(id: string): Promise<Source>;
  setPaused(id: string, paused: boolean): Promise<Source>;
  version(): Promise<number>;
}

export interface SourceRegistryOptions {
  redis: Redis;
  prefix: string;
  configSources: Source[];
  log: Logger;
}

export const MIN_EVERY_MS = 1000;

function withPause(source: Source, override: boolean | undefined, origin: 'config' | 'runtime'): Source {
  const paused = override ?? source.paused ?? false;
  return { ...source, paused, origin };
}

export function sameUrl(a: string, b: string): boolean {
  const norm = (u: string) => {
    try {
      const url = new URL(u);
      url.hash = '';
      return url.toString().replace(/\/$/, '').toLowerCase();
    } catch {
      return u.trim().toLowerCase();
    }
  };
  return norm(a) === norm(b);
}

export function createSourceRegistry(opts: SourceRegistryOptions): SourceRegistryAdmin {
  const store: RuntimeSourceStore = createRedisSourceStore(opts.redis, createKeys(opts.prefix));
  const config = new Map(opts.configSources.map((s) => [s.id, s]));
  const warned = new Set<string>();

  function warnClash(id: string) {
    if (warned.has(id)) return;
    warned.add(id);
    opts.log.warn({ sourceId: id }, 'a source added at run time has the id of a YAML source: the YAML one is used (remove the run-time one or rename it)');
  }

  async function list(): Promise<Source[]> {
    const [runtime, overrides] = await Promise.all([store.all(), store.pauseOverrides()]);
    const out = [...config.values()].map((s) => withPause(s, overrides.get(s.id), 'config'));
    for (const record of runtime) {
      if (config.has(record.source.id)) warnClash(record.source.id);
      else out.push(withPause(record.source, overrides.get(record.source.id), 'runtime'));
    }
    return out;
  }

  async function get(id: string): Promise<Source | undefined> {
    const fromConfig = config.get(id);
    if (fromConfig) return withPause(fromConfig, await store.pauseOverride(id), 'config');
    const [record, override] = await Promise.all([store.get(id), store.pauseOverride(id)]);
    return record ? withPause(record.source, override, 'runtime') : undefined;
  }

  async function existing(id: string): Promise<Source> {
    const source = await get(id);
    if (!source) throw new UserError('unknown-source', `There is no source "${id}". "sources list" shows them.`);
    return source;
  }

  return {
    list,
    get,
    async add(source, meta = {}) {
      if (!ID_PATTERN.test(source.id) || source.id.length > 60) {
        throw new UserError('bad-source-id', `"${source.id}" is not a usable id: use lowercase letters, digits and dashes, such as "itu-news".`);
      }
      if (!/^https?:\/\//i.test(source.url) || !URL.canParse(source.url)) throw new UserError('bad-source-url', `"${source.url}" is not an http(s) address.`);
      if (!(source.everyMs >= MIN_EVERY_MS)) throw new UserError('bad-source-interval', 'The polling interval must be at least 1 second.');
      if (source.kind === 'html' && !source.selectors) throw new UserError('bad-source-kind', 'An html source needs CSS selectors; add it in the YAML config.');
      const all = await list();
      if (config.has(source.id) || all.some((s) => s.id === source.id)) {
        throw new UserError('source-exists', `There is already a source "${source.id}"; choose another id (id:…).`);
      }
      const sameAddress = all.find((s) => sameUrl(s.url, source.url));
      if (sameAddress) throw new UserError('source-exists', `That address is already polled as "${sameAddress.id}".`);
      const stored: Source = { ...source, origin: 'runtime', paused: source.paused ?? false };
      const added = await store.addIfNew({ source: stored, addedAt: (meta.at ?? new Date()).toISOString(), ...(meta.addedBy ? { addedBy: meta.addedBy } : {}) });
      if (!added) throw new UserError('source-exists', `There is already a source "${source.id}"; choose another id (id:…).`);
      opts.log.info({ sourceId: source.id, url: source.url, kind: source.kind, addedBy: meta.addedBy }, 'source added');
      return stored;
    },
    async remove(id) {
      const source = await existing(id);
      if (source.origin === 'config') {
        throw new UserError('config-source', `"${id}" comes from the YAML config: remove it there, or pause it here ("sources pause ${id}").`);
      }
      await store.remove(id);
      opts.log.info({ sourceId: id }, 'source removed');
      return source;
    },
    async setPaused(id, paused) {
      const source = await existing(id);
      await store.setPaused(id, paused);
      opts.log.info({ sourceId: id, paused }, paused ? 'source paused' : 'source resumed');
      return { ...source, paused };
    },
    version: () => store.version(),
  };
}
