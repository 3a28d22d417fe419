// Per-source health (last success, last error, failures, conditional-GET cache) in one Redis hash.
import type { Redis } from 'ioredis';
import type { SourceHealthStore } from '../core/ports.js';
import type { SourceHealth } from '../core/types.js';
import type { Keys } from './keys.js';

export function createRedisHealthStore(redis: Redis, keys: Keys): SourceHealthStore {
  return {
    async get(sourceId) {
      const value = await redis.hget(keys.health, sourceId);
      return value ? (JSON.parse(value) as SourceHealth) : undefined;
    },
    async set(health) {
      await redis.hset(keys.health, health.sourceId, JSON.stringify(health));
    },
    async all() {
      const values = await redis.hvals(keys.health);
      return values.map((v) => JSON.parse(v) as SourceHealth);
    },
  };
}
