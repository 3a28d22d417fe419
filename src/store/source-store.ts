// Sources added at run time (by operators, from chat, the CLI or OPML), and pause
// overrides for any source, in Redis. Every change bumps a version counter, so
// each process can notice a change with one cheap GET.
import type { Redis } from 'ioredis';
import type { Source } from '../core/types.js';
import type { Keys } from './keys.js';

export interface RuntimeSourceRecord {
  source: Source;
  addedAt: string;
  addedBy?: string;
}

export interface RuntimeSourceStore {
  all(): Promise<RuntimeSourceRecord[]>;
  get(id: string): Promise<RuntimeSourceRecord | undefined>;
  /** Stores the source unless its id is taken; true when it was stored. */
  addIfNew(record: RuntimeSourceRecord): Promise<boolean>;
  /** Removes the source and its pause override; true when it existed. */
  remove(id: string): Promise<boolean>;
  /** Pause overrides by source id (for config and runtime sources alike). */
  pauseOverrides(): Promise<Map<string, boolean>>;
  pauseOverride(id: string): Promise<boolean | undefined>;
  setPaused(id: string, paused: boolean): Promise<void>;
  /** Grows on every change; 0 before the first. */
  version(): Promise<number>;
}

/** The hash of pause overrides; kept next to the keys of keys.ts. */
export function pausedKey(keys: Keys): string {
  return `${keys.prefix}:sources:paused`;
}

function parseRecord(value: string | null | undefined): RuntimeSourceRecord | undefined {
  if (!value) return undefined;
  const record = JSON.parse(value) as RuntimeSourceRecord;
  return { ...record, source: { ...record.source, origin: 'runtime' } };
}

export function createRedisSourceStore(redis: Redis, keys: Keys): RuntimeSourceStore {
  const paused = pausedKey(keys);
  return {
    async all() {
      const values = await redis.hvals(keys.runtimeSources);
      return values.map((v) => parseRecord(v)!).sort((a, b) => (a.source.id < b.source.id ? -1 : a.source.id > b.source.id ? 1 : 0));
    },
    async get(id) {
      return parseRecord(await redis.hget(keys.runtimeSources, id));
    },
    async addIfNew(record) {
      const stored: RuntimeSourceRecord = { ...record, source: { ...record.source, origin: 'runtime' } };
      const added = await redis.hsetnx(keys.runtimeSources, record.source.id, JSON.stringify(stored));
      if (added === 1) await redis.incr(keys.sourcesVersion);
      return added === 1;
    },
    async remove(id) {
      const result = await redis.multi().hdel(keys.runtimeSources, id).hdel(paused, id).exec();
      const removed = Number(result?.[0]?.[1] ?? 0) > 0;
      if (removed) await redis.incr(keys.sourcesVersion);
      return removed;
    },
    async pauseOverrides() {
      const all = await redis.hgetall(paused);
      return new Map(Object.entries(all).map(([id, v]) => [id, v === '1']));
    },
    async pauseOverride(id) {
      const value = await redis.hget(paused, id);
      return value === null ? undefined : value === '1';
    },
    async setPaused(id, value) {
      await redis.multi().hset(paused, id, value ? '1' : '0').incr(keys.sourcesVersion).exec();
    },
    async version() {
      return Number((await redis.get(keys.sourcesVersion)) ?? 0);
    },
  };
}
