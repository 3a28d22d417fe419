// With no REDIS_URL and nothing answering at the default address, the bot starts a private
// redis-server (data under its data dir, AOF on, noeviction) and stops it on close.
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { ensureRedis, NO_REDIS_MESSAGE, pingRedis, RedisUnavailableError } from '../../src/store/redis.js';

const log = pino({ level: 'silent' });
const NOTHING_HERE = 'redis://127.0.0.1:1';

describe('ensureRedis', () => {
  it('starts a private redis-server with AOF and noeviction when nothing answers, and stops it on close', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'sw-redis-'));
    const handle = await ensureRedis({ dataDir, log, defaultUrl: NOTHING_HERE });
    expect(handle.privateServer).toBeDefined();
    const client = new Redis(handle.url);
    expect(await client.config('GET', 'appendonly')).toEqual(['appendonly', 'yes']);
    expect(await client.config('GET', 'maxmemory-policy')).toEqual(['maxmemory-policy', 'noeviction']);
    await client.set('k', 'v');
    client.disconnect();
    await handle.close();
    expect(await pingRedis(handle.url, 300)).toBe(false);
    expect((await readdir(dataDir)).some((name) => name.startsWith('appendonly'))).toBe(true);
  });

  it('says exactly what to install or set when there is no Redis and no redis-server', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'sw-redis-'));
    const error = await ensureRedis({ dataDir, log, defaultUrl: NOTHING_HERE, redisServer: path.join(dataDir, 'no-such-binary') }).catch((e) => e);
    expect(error).toBeInstanceOf(RedisUnavailableError);
    expect((error as Error).message).toMatch(/^Could not start .*no-such-binary \(ENOENT\)\. standards-watch needs Redis/);
    expect(NO_REDIS_MESSAGE).toMatch(/apt-get install -y redis-server/);
    expect(NO_REDIS_MESSAGE).toMatch(/REDIS_URL/);
  });

  it('uses the Redis at REDIS_URL, and names it (without a password) when it does not answer', async () => {
    const error = await ensureRedis({ url: 'redis://:secret@127.0.0.1:1', dataDir: tmpdir(), log }).catch((e) => e);
    expect((error as Error).message).toBe('Redis does not answer at REDIS_URL=redis://:***@127.0.0.1:1. Check that it runs and that the URL (host, port, password) is right.');
  });
});
