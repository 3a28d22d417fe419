// Subscriptions in Redis, with an in-process cache of the whole list that is
// refreshed when any process bumps the version key (one GET per lookup).
import type { Redis } from 'ioredis';
import type { SubscriptionStore } from '../core/ports.js';
import type { Subscription } from '../core/types.js';
import type { Keys } from './keys.js';

export function createRedisSubscriptionStore(redis: Redis, keys: Keys): SubscriptionStore {
  let cache: { version: string; subs: Subscription[] } | undefined;

  async function bump() {
    await redis.incr(keys.subscriptionsVersion);
  }

  async function loadAll(): Promise<Subscription[]> {
    const ids = await redis.smembers(keys.subscriptions);
    if (ids.length === 0) return [];
    const values = await redis.mget(ids.map(keys.subscription));
    return values.flatMap((v) => (v ? [JSON.parse(v) as Subscription] : [])).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  return {
    async add(sub) {
      await redis
        .multi()
        .set(keys.subscription(sub.id), JSON.stringify(sub))
        .sadd(keys.subscriptions, sub.id)
        .sadd(keys.subscriptionsByTarget(sub.platform, sub.target), sub.id)
        .exec();
      await bump();
    },
    async update(sub) {
      await redis.set(keys.subscription(sub.id), JSON.stringify(sub), 'XX');
      await bump();
    },
    async remove(id) {
      const value = await redis.get(keys.subscription(id));
      if (!value) return false;
      const sub = JSON.parse(value) as Subscription;
      await redis
        .multi()
        .del(keys.subscription(id))
        .srem(keys.subscriptions, id)
        .srem(keys.subscriptionsByTarget(sub.platform, sub.target), id)
        .exec();
      await bump();
      return true;
    },
    async get(id) {
      const value = await redis.get(keys.subscription(id));
      return value ? (JSON.parse(value) as Subscription) : undefined;
    },
    async forTarget(platform, target) {
      const ids = await redis.smembers(keys.subscriptionsByTarget(platform, target));
      if (ids.length === 0) return [];
      const values = await redis.mget(ids.map(keys.subscription));
      return values.flatMap((v) => (v ? [JSON.parse(v) as Subscription] : [])).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    },
    async all() {
      const version = (await redis.get(keys.subscriptionsVersion)) ?? '0';
      if (cache && cache.version === version) return cache.subs;
      const subs = await loadAll();
      cache = { version, subs };
      return subs;
    },
  };
}
