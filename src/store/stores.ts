// All Redis repositories of one installation (one prefix).
import type { Redis } from 'ioredis';
import { createRedisDeliveryLog } from './delivery-log.js';
import { createRedisHealthStore } from './health-store.js';
import { createRedisItemStore } from './item-store.js';
import { createKeys, type Keys } from './keys.js';
import { createRedisMeetingStore } from './meeting-store.js';
import { createRedisStoryIndex, type PickStory } from './story-index.js';
import { createRedisSubscriptionStore } from './subscription-store.js';

export type Stores = ReturnType<typeof createStores>;

export function createStores(redis: Redis, prefix: string, opts: { pickStory: PickStory; storyWindowMs?: number }) {
  const keys: Keys = createKeys(prefix);
  return {
    keys,
    items: createRedisItemStore(redis, keys),
    health: createRedisHealthStore(redis, keys),
    subscriptions: createRedisSubscriptionStore(redis, keys),
    deliveries: createRedisDeliveryLog(redis, keys),
    stories: createRedisStoryIndex(redis, keys, { pick: opts.pickStory, windowMs: opts.storyWindowMs }),
    meetings: createRedisMeetingStore(redis, keys),
  };
}
