// The source registry on the real Redis: YAML merged with run-time sources, the
// YAML winning a clash (and saying so), and watchers in other processes noticing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import type { Source } from '../../../src/core/types.js';
import { createSourceRegistry } from '../../../src/sources/registry.js';
import { watchSourceChanges, type SourceChange } from '../../../src/sources/watch.js';
import { createKeys } from '../../../src/store/keys.js';
import { createRedisSourceStore } from '../../../src/store/source-store.js';
import { deleteByPrefix, testPrefix } from '../../helpers/redis.js';
import { newRedis, testLogger, yamlSource } from './setup.js';

const prefix = testPrefix('sources-reg');
let redis: Redis;
const yaml = [yamlSource('itu-news', 'https://www.itu.int/hub/feed/'), yamlSource('ietf-blog', 'https://www.ietf.org/blog/feed/')];
const runtime = (id: string, url: string): Source => ({ id, kind: 'rss', url, everyMs: 600_000, tags: ['press'], fetchArticle: false });

beforeAll(() => {
  redis = newRedis();
});

afterAll(async () => {
  redis.disconnect();
  await deleteByPrefix(prefix);
});

describe('createSourceRegistry', () => {
  it('lists YAML sources first, then run-time ones, each marked with its origin', async () => {
    const { log } = testLogger();
    const registry = createSourceRegistry({ redis, prefix, configSources: yaml, log });
    await registry.add(runtime('eff', 'https://www.eff.org/rss/updates.xml'), { addedBy: 'cli', at: new Date('2026-11-23T10:00:00Z') });
    const list = await registry.list();
    expect(list.map((s) => [s.id, s.origin])).toEqual([['itu-news', 'config'], ['ietf-blog', 'config'], ['eff', 'runtime']]);
    expect(await registry.get('eff')).toMatchObject({ url: 'https://www.eff.org/rss/updates.xml', everyMs: 600_000, paused: false, origin: 'runtime' });
    const record = await createRedisSourceStore(redis, createKeys(prefix)).get('eff');
    expect(record).toMatchObject({ addedBy: 'cli', addedAt: '2026-11-23T10:00:00.000Z' });
  });

  it('lets the YAML source win when a run-time source has the same id, and logs it once', async () => {
    // A run-time source stored earlier, before the YAML gained a source of that id.
    await createRedisSourceStore(redis, createKeys(prefix)).addIfNew({ source: runtime('itu-news', 'https://mirror.example.org/itu.xml'), addedAt: '2026-11-01T00:00:00Z' });
    const logs = testLogger();
    const registry = createSourceRegistry({ redis, prefix, configSources: yaml, log: logs.log });
    const first = await registry.list();
    await registry.list();
    expect(first.filter((s) => s.id === 'itu-news')).toEqual([expect.objectContaining({ url: 'https://www.itu.int/hub/feed/', origin: 'config' })]);
    expect((await registry.get('itu-news'))?.url).toBe('https://www.itu.int/hub/feed/');
    const warnings = logs.records().filter((r) => r.sourceId === 'itu-news' && r.level === 40);
    expect(warnings).toHaveLength(1);
    expect(String(warnings[0]!.msg)).toMatch(/the YAML one is used/);
  });

  it('refuses ids and addresses already in use, and bad ids, in words', async () => {
    const registry = createSourceRegistry({ redis, prefix, configSources: yaml, log: testLogger().log });
    await expect(registry.add(runtime('ietf-blog', 'https://x.example.org/feed'))).rejects.toThrow('There is already a source "ietf-blog"');
    await expect(registry.add(runtime('eff-2', 'https://www.eff.org/rss/updates.xml#top'))).rejects.toThrow('That address is already polled as "eff".');
    await expect(registry.add(runtime('Bad Id', 'https://y.example.org/feed'))).rejects.toThrow(/not a usable id/);
    await expect(registry.add(runtime('ftp', 'ftp://y.example.org/feed'))).rejects.toThrow(/not an http\(s\) address/);
  });

  it('bumps the version on every change and not on reads', async () => {
    const registry = createSourceRegistry({ redis, prefix, configSources: yaml, log: testLogger().log });
    const v0 = await registry.version();
    await registry.list();
    expect(await registry.version()).toBe(v0);
    await registry.setPaused('itu-news', true);
    expect(await registry.version()).toBe(v0 + 1);
    await registry.setPaused('itu-news', false);
    await registry.add(runtime('w3c', 'https://www.w3.org/news/feed/'));
    await registry.remove('w3c');
    expect(await registry.version()).toBe(v0 + 4);
  });
});

describe('watchSourceChanges', () => {
  it('tells a watcher in another process what was added, paused, resumed and removed', async () => {
    const writer = createSourceRegistry({ redis, prefix, configSources: yaml, log: testLogger().log });
    const reader = createSourceRegistry({ redis, prefix, configSources: yaml, log: testLogger().log });
    const calls: { ids: string[]; change: SourceChange }[] = [];
    const watch = watchSourceChanges(reader, (sources, change) => void calls.push({ ids: sources.filter((s) => !s.paused).map((s) => s.id), change }), { intervalMs: 20 });
    try {
      await watch.check();
      expect(calls).toEqual([]);

      await writer.add(runtime('rest-of-world', 'https://restofworld.org/feed/latest/'));
      await expect.poll(() => calls.length, { timeout: 2000 }).toBe(1);
      expect(calls[0]!.change.added.map((s) => s.id)).toEqual(['rest-of-world']);
      expect(calls[0]!.ids).toContain('rest-of-world');

      await writer.setPaused('ietf-blog', true);
      await expect.poll(() => calls.length, { timeout: 2000 }).toBe(2);
      expect(calls[1]!.change).toEqual({ added: [], removed: ['ietf-blog'] });

      await writer.setPaused('ietf-blog', false);
      await writer.remove('rest-of-world');
      // The two changes may reach the watcher in one tick or in two: wait until the removal is seen.
      await expect.poll(() => calls.slice(2).flatMap((c) => c.change.removed), { timeout: 2000 }).toEqual(['rest-of-world']);
      const seen = calls.slice(2);
      expect(seen.flatMap((c) => c.change.added.map((s) => s.id))).toEqual(['ietf-blog']);
      expect(seen.flatMap((c) => c.change.removed)).toEqual(['rest-of-world']);
      expect(calls.at(-1)!.ids).not.toContain('rest-of-world');
    } finally {
      await watch.stop();
    }
  });

  it('tries again when the change handler fails, rather than losing the change', async () => {
    const writer = createSourceRegistry({ redis, prefix, configSources: yaml, log: testLogger().log });
    let attempts = 0;
    const synced: string[][] = [];
    const watch = watchSourceChanges(
      writer,
      (sources) => {
        attempts++;
        if (attempts === 1) throw new Error('queue unreachable');
        synced.push(sources.map((s) => s.id));
      },
      { intervalMs: 20, log: testLogger().log },
    );
    try {
      await watch.check();
      await writer.add(runtime('access-now', 'https://www.accessnow.org/feed/'));
      await expect.poll(() => synced.length, { timeout: 2000 }).toBe(1);
      expect(attempts).toBe(2);
      expect(synced[0]).toContain('access-now');
    } finally {
      await watch.stop();
    }
  });
});
