// Meetings as each origin (a source id, or `config`) last published them.
import type { Redis } from 'ioredis';
import type { MeetingStore } from '../core/ports.js';
import type { Meeting } from '../core/types.js';
import type { Keys } from './keys.js';

export function createRedisMeetingStore(redis: Redis, keys: Keys): MeetingStore {
  return {
    async replaceFromOrigin(origin, meetings) {
      await redis.multi().set(keys.meetingsOrigin(origin), JSON.stringify(meetings)).sadd(keys.meetingsOrigins, origin).exec();
    },
    async all() {
      const origins = await redis.smembers(keys.meetingsOrigins);
      if (origins.length === 0) return [];
      const values = await redis.mget(origins.map(keys.meetingsOrigin));
      return values.flatMap((v) => (v ? (JSON.parse(v) as Meeting[]) : []));
    },
  };
}
