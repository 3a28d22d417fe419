// Short exclusive leases in Redis (SET NX PX), released only by their holder.
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';

const RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

export type Release = () => Promise<void>;

export function createRedisLocks(redis: Redis, prefix: string) {
  return {
    /** The lease, or undefined when someone else holds it. */
    async tryAcquire(name: string, ttlMs: number): Promise<Release | undefined> {
      const key = `${prefix}:lock:${name}`;
      const token = randomUUID();
      if ((await redis.set(key, token, 'PX', ttlMs, 'NX')) !== 'OK') return undefined;
      return async () => {
        await redis.eval(RELEASE, 1, key, token);
      };
    },
  };
}
