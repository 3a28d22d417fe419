// The Redis item store on the real Redis: dedup, indexes and search.
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import type { Item } from '../../src/core/types.js';
import { createRedisItemStore } from '../../src/store/item-store.js';
import { createKeys } from '../../src/store/keys.js';
import { deleteByPrefix, testPrefix, TEST_REDIS_URL } from '../helpers/redis.js';

const prefix = testPrefix('items');
const redis = new Redis(TEST_REDIS_URL);
const store = createRedisItemStore(redis, createKeys(prefix));

function item(n: number, extra: Partial<Item> = {}): Item {
  const published = new Date(Date.UTC(2024, 0, 1, 0, n)).toISOString();
  return { id: `i${n}`, sourceId: 'src', url: `https://example.org/${n}`, title: `Item ${n}`, published, seenAt: published, content: '', summary: '', tags: [], entities: [], groups: [], score: 0.5, storyId: `s${n}`, enriched: true, ...extra };
}

afterAll(async () => {
  redis.disconnect();
  await deleteByPrefix(prefix);
});

describe('Redis item store', () => {
  it('stores an item once: a second add of the same id is refused', async () => {
    expect(await store.addIfNew(item(1, { enriched: false }))).toBe(true);
    expect(await store.addIfNew(item(1, { title: 'changed', enriched: false }))).toBe(false);
    expect((await store.get('i1'))?.title).toBe('Item 1');
  });

  it('lists the newest enriched items, by tag and by group', async () => {
    await store.saveEnriched(item(2, { tags: ['privacy'], groups: ['ietf'] }));
    await store.saveEnriched(item(3, { tags: ['privacy', 'surveillance'] }));
    await store.saveEnriched(item(4, { tags: ['surveillance'], groups: ['ietf'] }));
    expect((await store.latest({ limit: 2 })).map((i) => i.id)).toEqual(['i4', 'i3']);
    expect((await store.latest({ tag: 'privacy', limit: 10 })).map((i) => i.id)).toEqual(['i3', 'i2']);
    expect((await store.latest({ group: 'ietf', limit: 10 })).map((i) => i.id)).toEqual(['i4', 'i2']);
    expect((await store.latest({ limit: 10, sinceMs: Date.parse(item(3).published) })).map((i) => i.id)).toEqual(['i4', 'i3']);
  });

  it('finds items that contain every word, newest first, whatever the case or plural', async () => {
    await store.saveEnriched(item(5, { title: 'Digital identity wallets debated at the ITU' }));
    await store.saveEnriched(item(6, { title: 'A digital IDENTITY wallet for every metaverse user' }));
    await store.saveEnriched(item(7, { title: 'Identity theft in online games', summary: 'Nothing digital here? Only identity.' }));
    expect((await store.search('digital identity wallet', 10)).map((i) => i.id)).toEqual(['i6', 'i5']);
    expect((await store.search('identity', 2)).map((i) => i.id)).toEqual(['i7', 'i6']);
    expect(await store.search('nothing-like-this-anywhere', 10)).toEqual([]);
    expect(await store.search('   ', 10)).toEqual([]);
  });
});
