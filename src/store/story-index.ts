// Assigns items to stories. The decision (which candidate is the same news) is
// core's pure pickStory; this module finds candidates through LSH band keys and
// makes the assignment atomic across workers with a short Redis lock (and an
// in-process queue in front of it, so a busy worker does not poll the lock),
// so two outlets' reports enriched at the same moment still land in one story.
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { StoryIndex } from '../core/ports.js';
import type { Keys } from './keys.js';
import { withScripts } from './scripts.js';

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
/** Only the candidates sharing the most bands are compared (bounds the work on common words). */
const MAX_CANDIDATES = 10;
/** Each band remembers only its newest members… */
const BAND_KEEP = 200;
/** …and a lookup reads only the newest of those in the time window. */
const BAND_READ = 40;

export function createRedisStoryIndex(client: Redis, keys: Keys, opts: StoryIndexOptions): StoryIndex {
  const redis = withScripts(client);
  const windowMs = opts.windowMs ?? 7 * 86_400_000; // the window the story quality figures are measured with
  const keepSeconds = Math.ceil((windowMs * 2) / 1000);

  // Within a process, assignments queue here (no polling); across processes, the Redis lock below.
  let queue: Promise<unknown> = Promise.resolve();
  function serially<T>(fn: () => Promise<T>): Promise<T> {
    const run = queue.then(fn, fn);
    queue = run.catch(() => undefined);
    return run;
  }

  async function withLock<T>(fn: () => Promise<T>): Promise<T> {
    const token = randomUUID();
    for (let attempt = 0; ; attempt++) {
      if ((await redis.set(keys.storyLock, token, 'PX', LOCK_MS, 'NX')) === 'OK') break;
      if (attempt > 3000) throw new Error('story index lock is held too long');
      await new Promise((r) => setTimeout(r, 2 + Math.random() * 4));
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
      return serially(() => withLock(async () => {
        const again = await redis.get(keys.storySignature(itemId));
        if (again) return (JSON.parse(again) as StoryCandidate).storyId;
        const bandKeys = signature.bands.map(keys.storyBand);
        const values = bandKeys.length
          ? await redis.swStoryCandidates(bandKeys.length, ...bandKeys, publishedMs - windowMs, publishedMs + windowMs, MAX_CANDIDATES, keys.storySignature(''), itemId, BAND_READ)
          : [];
        const candidates = values.flatMap((v) => (v ? [JSON.parse(v) as StoryCandidate] : []));
        const storyId = (candidates.length ? opts.pick(signature, candidates, publishedMs, windowMs) : undefined) ?? `s${itemId.replace(/^i/, '')}`;
        const record: StoryCandidate = { storyId, signature, publishedMs };
        await redis.swStoryRecord(bandKeys.length + 1, keys.storySignature(itemId), ...bandKeys, JSON.stringify(record), keepSeconds, publishedMs, itemId, BAND_KEEP);
        return storyId;
      }));
    },
  };
}
