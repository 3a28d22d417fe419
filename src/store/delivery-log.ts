// The delivery log: what was sent where, kept long after BullMQ forgets the
// job, so a re-run never posts twice; and which message carries each story in
// each target, so a later source of the same story edits it.
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { TransientError } from '../core/errors.js';
import type { DeliveryLog } from '../core/ports.js';
import type { Delivery } from '../core/types.js';
import type { Keys } from './keys.js';

const KEEP_SECONDS = 90 * 86_400;

export function createRedisDeliveryLog(redis: Redis, keys: Keys): DeliveryLog {
  return {
    async get(subscriptionId, key) {
      const value = await redis.get(keys.delivery(subscriptionId, key));
      return value ? (JSON.parse(value) as Delivery) : undefined;
    },
    async record(delivery) {
      await redis.set(keys.delivery(delivery.subscriptionId, delivery.key), JSON.stringify(delivery), 'EX', KEEP_SECONDS);
    },
    async storyPost(platform, target, storyId) {
      const value = await redis.get(keys.storyPost(platform, target, storyId));
      return value ? JSON.parse(value) : undefined;
    },
    async setStoryPost(platform, target, storyId, post) {
      await redis.set(keys.storyPost(platform, target, storyId), JSON.stringify(post), 'EX', KEEP_SECONDS);
    },
    async lockStory(platform, target, storyId) {
      const key = keys.storyPostLock(platform, target, storyId);
      const token = randomUUID();
      for (let attempt = 0; attempt < 2400; attempt++) {
        if ((await redis.set(key, token, 'PX', 60_000, 'NX')) === 'OK') {
          return async () => {
            await redis.eval("if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end", 1, key, token);
          };
        }
        await new Promise((r) => setTimeout(r, 10 + Math.random() * 15));
      }
      throw new TransientError(`another worker is still posting story ${storyId} to ${platform} ${target}`);
    },
  };
}
