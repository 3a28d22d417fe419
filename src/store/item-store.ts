// Items in Redis: one JSON value per item, sorted-set indexes by time, tag,
// group and source, and a word index for search.
import type { Redis } from 'ioredis';
import type { ItemStore, LatestQuery } from '../core/ports.js';
import type { Item } from '../core/types.js';
import { publishedMs } from '../core/item-time.js';
import type { Keys } from './keys.js';
import { indexWords } from './words.js';
import { withScripts } from './scripts.js';

export function createRedisItemStore(client: Redis, keys: Keys): ItemStore {
  const redis = withScripts(client);
  async function getMany(ids: string[]): Promise<Item[]> {
    if (ids.length === 0) return [];
    const values = await redis.mget(ids.map(keys.item));
    return values.flatMap((v) => (v ? [JSON.parse(v) as Item] : []));
  }

  return {
    async addIfNew(item, pending) {
      const itemKeys = [keys.item(item.id), keys.itemsBySource(item.sourceId), ...(pending ? [keys.pendingEnrich(item.sourceId)] : [])];
      return (await redis.swAddItem(itemKeys.length, ...itemKeys, JSON.stringify(item), publishedMs(item), item.id, pending?.alert ? '1' : '0')) === 1;
    },

    async pendingEnrich(sourceId) {
      const all = await redis.hgetall(keys.pendingEnrich(sourceId));
      return Object.entries(all).map(([itemId, alert]) => ({ itemId, alert: alert === '1' }));
    },

    async clearPending(sourceId, itemIds) {
      if (itemIds.length) await redis.hdel(keys.pendingEnrich(sourceId), ...itemIds);
    },

    async get(id) {
      const value = await redis.get(keys.item(id));
      return value ? (JSON.parse(value) as Item) : undefined;
    },

    getMany,

    async saveEnriched(item) {
      const indexKeys = [
        keys.itemsByTime,
        keys.itemsBySource(item.sourceId),
        ...item.tags.map(keys.itemsByTag),
        ...item.groups.map(keys.itemsByGroup),
        ...indexWords(`${item.title} ${item.summary} ${item.tags.join(' ')} ${item.entities.join(' ')}`).map(keys.word),
      ];
      // One round trip: the item and all its index entries.
      await redis.swIndexItem(indexKeys.length + 1, keys.item(item.id), ...indexKeys, JSON.stringify(item), publishedMs(item), item.id);
    },

    async latest(query: LatestQuery) {
      const key = query.tag
        ? keys.itemsByTag(query.tag)
        : query.group
          ? keys.itemsByGroup(query.group)
          : query.sourceId
            ? keys.itemsBySource(query.sourceId)
            : keys.itemsByTime;
      const max = query.untilMs ?? '+inf';
      const min = query.sinceMs ?? '-inf';
      const ids = await redis.zrevrangebyscore(key, max, min, 'LIMIT', 0, Math.max(0, query.limit));
      const items = await getMany(ids);
      return query.enrichedOnly ? items.filter((i) => i.enriched) : items;
    },

    async search(text, limit) {
      const words = indexWords(text);
      if (words.length === 0) return [];
      const wordKeys = words.map(keys.word);
      let ids: string[];
      if (wordKeys.length === 1) {
        ids = await redis.zrevrange(wordKeys[0]!, 0, limit - 1);
      } else {
        ids = await redis.swSearch(wordKeys.length, ...wordKeys, limit);
      }
      return getMany(ids);
    },

    async count() {
      return redis.zcard(keys.itemsByTime);
    },
  };
}
