// Assigns items to stories. The decision (which candidate is the same news) is
// core's pure pickStory; this module finds candidates through LSH band keys and
// makes the assignment atomic across workers with a short Redis lock, so two
// outlets' reports enriched at the same moment still land in one story.
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { StoryIndex } from '../core/ports.js';
import type { Keys } from './keys.js';

export interface StorySignatureLike {
  minhash: number[];
  bands: string[];
}

export interface StoryCandidate {
  storyId: string;
  signature: StorySignatureLike;
  publishedMs: number;
}

export type PickStory = (sig: StorySignatureLike, candidates: StoryCandidate[], publishedMs: number, windowMs: number) => string | undefined;

export interface StoryIndexOptions {
  pick: PickStory;
  windowMs?: number;
}

const LOCK_MS = 5000;

export function createRedisStoryIndex(redis: Redis, keys: Keys, opts: StoryIndexOptions): StoryIndex {
  const windowMs = opts.windowMs ?? 14 * 86_400_000;
  const keepSeconds = Math.ceil((windowMs * 2) / 1000);

  async function withLock<T>(fn: () => Promise<T>): Promise<T> {
    const token = randomUUID();
    for (let attempt = 0; ; attempt++) {
      if ((await redis.set(keys.storyLock, token, 'PX', LOCK_MS, 'NX')) === 'OK') break;
      if (attempt > 400) throw new Error('story index lock is held too long');
      await new Promise((r) => setTimeout(r, 2 + Math.random() * 8));
    }
    try {
      return await fn();
    } finally {
      await redis.eval("if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end", 1, keys.storyLock, token);
    }
  }

  return {
    async assign(itemId, signature, publishedMs) {
      const existing = await redis.get(keys.storySignature(itemId));
      if (existing) return (JSON.parse(existing) as StoryCandidate).storyId;
      return withLock(async () => {
        const again = await redis.get(keys.storySignature(itemId));
        if (again) return (JSON.parse(again) as StoryCandidate).storyId;
        const pipeline = redis.pipeline();
        for (const band of signature.bands) pipeline.zrangebyscore(keys.storyBand(band), publishedMs - windowMs, publishedMs + windowMs);
        const results = (await pipeline.exec()) ?? [];
        const ids = new Set<string>();
        for (const [, members] of results) for (const id of (members as string[] | null) ?? []) if (id !== itemId) ids.add(id);
        let storyId: string | undefined;
        if (ids.size > 0) {
          const values = await redis.mget([...ids].map(keys.storySignature));
          const candidates = values.flatMap((v) => (v ? [JSON.parse(v) as StoryCandidate] : []));
          storyId = opts.pick(signature, candidates, publishedMs, windowMs);
        }
        storyId ??= `s${itemId.replace(/^i/, '')}`;
        const record: StoryCandidate = { storyId, signature, publishedMs };
        const multi = redis.multi().set(keys.storySignature(itemId), JSON.stringify(record), 'EX', keepSeconds);
        for (const band of signature.bands) {
          multi.zadd(keys.storyBand(band), publishedMs, itemId).expire(keys.storyBand(band), keepSeconds);
        }
        await multi.exec();
        return storyId;
      });
    },
  };
}
