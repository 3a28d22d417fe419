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

describe('Redis story index on the labelled development set', () => {
  it('clusters the labelled stories through the band lookup with pairwise F1 ≥ 0.9, as the pure clustering does', async () => {
    const { loadLabelled, loadModel } = await import('../unit/enrich/load-model.js');
    const { enrich } = await import('../../src/core/enrich/index.js');
    const model = loadModel();
    const items = loadLabelled().sort((a, b) => Date.parse(a.published) - Date.parse(b.published));
    const index = createRedisStoryIndex(clients[0]!, createKeys(`${prefix}-labelled`), { pick: pickStory });
    const story = new Map<string, string>();
    for (const it of items) {
      const { signature } = enrich({ title: it.title, content: it.content, sourceTags: [] }, model);
      story.set(it.id, await index.assign(`i${it.id.replace(/[^a-z0-9]/gi, '')}`, signature, Date.parse(it.published)));
    }
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (let i = 0; i < items.length; i++) {
      for (let j = i + 1; j < items.length; j++) {
        const same = items[i]!.expected.story === items[j]!.expected.story;
        const together = story.get(items[i]!.id) === story.get(items[j]!.id);
        if (same && together) tp++;
        else if (together) fp++;
        else if (same) fn++;
      }
    }
    const p = tp / Math.max(1, tp + fp);
    const r = tp / Math.max(1, tp + fn);
    const f1 = (2 * p * r) / Math.max(1e-9, p + r);
    console.log(`[quality] story via the Redis index (7-day window) P ${p.toFixed(3)}  R ${r.toFixed(3)}  F1 ${f1.toFixed(3)}`);
    expect(f1).toBeGreaterThanOrEqual(0.9);
    await deleteByPrefix(`${prefix}-labelled`);
  });
});
