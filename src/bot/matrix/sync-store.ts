// Where the bot's sync resumes: the `next_batch` token of the last sync it
// processed, kept in Redis. A restart syncs from that token, so commands sent
// while the bot was down are answered and older ones are not replayed.
import type { Redis } from 'ioredis';
import { MemoryStore } from 'matrix-js-sdk';

type SyncData = Parameters<MemoryStore['setSyncData']>[0];

export function syncTokenKey(prefix: string): string {
  return `${prefix}:matrix:sync-token`;
}

/**
 * matrix-js-sdk's in-memory store, except that the first sync starts from the saved
 * token and each processed sync's token is handed to `persist` (which may wait for the
 * commands of that sync to be answered first).
 */
export class TokenResumingStore extends MemoryStore {
  constructor(
    private readonly savedToken: string | null,
    private readonly persist: (token: string) => Promise<void>,
  ) {
    super();
  }

  override async getSavedSyncToken(): Promise<string | null> {
    return this.savedToken;
  }

  override async setSyncData(data: SyncData): Promise<void> {
    await this.persist(data.next_batch);
  }
}

export interface SyncTokens {
  load(): Promise<string | null>;
  save(token: string): Promise<void>;
}

export function createRedisSyncTokens(redis: Redis, prefix: string): SyncTokens {
  const key = syncTokenKey(prefix);
  return {
    load: () => redis.get(key),
    save: async (token) => {
      await redis.set(key, token);
    },
  };
}
