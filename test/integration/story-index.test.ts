// Story assignment on the real Redis, with many workers at once.
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { pickStory, storySignature } from '../../src/core/enrich/index.js';
import { createKeys } from '../../src/store/keys.js';
import { createRedisStoryIndex } from '../../src/store/story-index.js';
import { deleteByPrefix, testPrefix, TEST_REDIS_URL } from '../helpers/redis.js';

const prefix = testPrefix('stories');
const clients = Array.from({ length: 4 }, () => new Redis(TEST_REDIS_URL));
const indexes = clients.map((c) => createRedisStoryIndex(c, createKeys(prefix), { pick: pickStory }));

afterAll(async () => {
  for (const c of clients) c.disconnect();
  await deleteByPrefix(prefix);
});

const t0 = Date.parse('2026-11-01T10:00:00Z');

describe('Redis story index', () => {
  it('puts reports of one story enriched at the same moment by several workers into one story', async () => {
    const base = 'China Mobile proposed to the ITU-T focus group on metaverse a digital identity system for every user, stored permanently and shared with police; experts compared it to a social credit system.';
    const reports = Array.from({ length: 12 }, (_, n) => ({ id: `ia${n}`, sig: storySignature(`Outlet ${n}: China Mobile digital identity for metaverse users`, `${base} Report number ${n} adds its own wording.`) }));
    const ids = await Promise.all(reports.map((r, n) => indexes[n % indexes.length]!.assign(r.id, r.sig, t0 + n * 1000)));
    expect(new Set(ids).size).toBe(1);
    // Assigning again returns the recorded story.
    expect(await indexes[0]!.assign('ia3', reports[3]!.sig, t0)).toBe(ids[0]);
  });

  it('keeps different news apart, and the same news a month later apart too', async () => {
    const a = await indexes[0]!.assign('ib1', storySignature('IETF publishes encrypted client hello', 'The IETF published the encrypted client hello specification for TLS, hiding the server name from observers.'), t0);
    const b = await indexes[1]!.assign('ib2', storySignature('Kenya shuts down the internet during protests', 'Access Now reported a nationwide internet shutdown in Kenya during the protests, the third this year.'), t0);
    const late = await indexes[2]!.assign('ib3', storySignature('IETF publishes encrypted client hello', 'The IETF published the encrypted client hello specification for TLS, hiding the server name from observers.'), t0 + 40 * 86_400_000);
    expect(new Set([a, b, late]).size).toBe(3);
  });
});
