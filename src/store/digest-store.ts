// Digests and the alert limit on Redis: per digest subscription a sorted set
// of matched item ids (score = when matched) and the time of the last digest
// sent; per target a sorted set of alerts sent in the last hour (the limit)
// and one of items held back by it (carried by the target's next digest).
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { TransientError } from '../core/errors.js';
import type { AlertLimiter, DigestLedger, PendingEntry } from '../core/digest/ports.js';

const HOUR_MS = 3_600_000;
/** A digest that never gets sent (paused, lost target) must not grow without bound. */
const MAX_PENDING = 2000;
const PENDING_TTL_S = 60 * 86_400;
const HELD_TTL_S = 30 * 86_400;

export function digestKeys(prefix: string) {
  const k = (...parts: string[]) => [prefix, ...parts].join(':');
  return {
    pending: (subId: string) => k('digest', 'pending', subId),
    lastSent: (subId: string) => k('digest', 'last-sent', subId),
    lock: (subId: string) => k('digest', 'lock', subId),
    held: (platform: string, target: string) => k('alerts', 'held', platform, target),
    rate: (platform: string, target: string) => k('alerts', 'rate', platform, target),
    notice: (platform: string, target: string) => k('alerts', 'notice', platform, target),
  };
}

// KEYS[1] rate zset; ARGV now, window, max, member. Atomic across workers.
const TAKE_SLOT = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', tonumber(ARGV[1]) - tonumber(ARGV[2]))
if redis.call('ZSCORE', KEYS[1], ARGV[4]) then return 1 end
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then return 0 end
redis.call('ZADD', KEYS[1], ARGV[1], ARGV[4])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1`;

// KEYS[1] notice key; ARGV now, window. True when no notice went out within the window (by the caller's clock).
const CLAIM_NOTICE = `
local last = redis.call('GET', KEYS[1])
if last and tonumber(ARGV[1]) - tonumber(last) < tonumber(ARGV[2]) then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1`;

function toEntries(flat: string[]): PendingEntry[] {
  const out: PendingEntry[] = [];
  for (let i = 0; i + 1 < flat.length; i += 2) out.push({ itemId: flat[i]!, atMs: Number(flat[i + 1]) });
  return out;
}

export type DigestStore = DigestLedger & AlertLimiter;

export function createRedisDigestStore(redis: Redis, prefix: string): DigestStore {
  const keys = digestKeys(prefix);
  return {
    async recordMatches(matches, atMs) {
      if (matches.length === 0) return;
      const multi = redis.multi();
      for (const m of matches) {
        const key = keys.pending(m.subscriptionId);
        multi.zadd(key, 'NX', atMs, m.itemId).zremrangebyrank(key, 0, -MAX_PENDING - 1).expire(key, PENDING_TTL_S);
      }
      await multi.exec();
    },
    async pending(subscriptionId) {
      return toEntries((await redis.zrange(keys.pending(subscriptionId), 0, '-1', 'WITHSCORES')) as string[]);
    },
    async held(platform, target) {
      return toEntries((await redis.zrange(keys.held(platform, target), 0, '-1', 'WITHSCORES')) as string[]);
    },
    async markSent({ subscriptionId, platform, target, itemIds, heldIds, atMs }) {
      const multi = redis.multi();
      if (itemIds.length) multi.zrem(keys.pending(subscriptionId), ...itemIds);
      if (heldIds.length) multi.zrem(keys.held(platform, target), ...heldIds);
      multi.set(keys.lastSent(subscriptionId), new Date(atMs).toISOString());
      await multi.exec();
    },
    async lastSentAt(subscriptionId) {
      return (await redis.get(keys.lastSent(subscriptionId))) ?? undefined;
    },
    async lock(subscriptionId) {
      const key = keys.lock(subscriptionId);
      const token = randomUUID();
      for (let attempt = 0; attempt < 100; attempt++) {
        if ((await redis.set(key, token, 'PX', 120_000, 'NX')) === 'OK') {
          return async () => {
            await redis.eval("if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end", 1, key, token);
          };
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new TransientError(`another worker is still sending digest ${subscriptionId}`, 5000);
    },
    async forget(subscriptionId) {
      await redis.del(keys.pending(subscriptionId), keys.lastSent(subscriptionId));
    },
    async take(platform, target, key, nowMs, maxPerHour) {
      return (await redis.eval(TAKE_SLOT, 1, keys.rate(platform, target), nowMs, HOUR_MS, maxPerHour, key)) === 1;
    },
    async hold(platform, target, itemId, nowMs) {
      const key = keys.held(platform, target);
      const [, , , count] = (await redis
        .multi()
        .zadd(key, 'NX', nowMs, itemId)
        .zremrangebyrank(key, 0, -MAX_PENDING - 1)
        .expire(key, HELD_TTL_S)
        .zcount(key, nowMs - HOUR_MS, '+inf')
        .exec()) ?? [];
      return Number(count?.[1] ?? 0);
    },
    async claimNotice(platform, target, nowMs) {
      return (await redis.eval(CLAIM_NOTICE, 1, keys.notice(platform, target), nowMs, HOUR_MS)) === 1;
    },
  };
}
