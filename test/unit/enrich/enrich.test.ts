import { describe, expect, it } from 'vitest';
import { enrich, relevanceScore } from '../../../src/core/enrich/index.js';
import { loadModel, readSeed, SEED_FILES } from './load-model.js';

const model = loadModel();

describe('enrich', () => {
  it('tags, names and scores the seed articles as the community expects', () => {
    for (const file of SEED_FILES) {
      const seed = readSeed(file);
      const r = enrich({ title: seed.title, content: seed.text, sourceTags: [] }, model);
      expect(r.tags).toEqual(expect.arrayContaining(['digital-identity', 'surveillance', 'social-credit', 'metaverse', 'privacy']));
      expect(r.entities).toEqual(expect.arrayContaining(['ITU', 'China Mobile', 'China']));
      expect(r.score).toBeGreaterThan(0.8);
      expect(r.teaser).toBe(false);
    }
    const second = readSeed(SEED_FILES[1] as string);
    expect(enrich({ title: second.title, content: second.text, sourceTags: [] }, model).groups).toEqual(['itu-t-fg-mv']);
  });

  it('does not take names from page furniture such as "Read more" and follow prompts', () => {
    const seed = readSeed(SEED_FILES[0] as string);
    const r = enrich({ title: seed.title, content: seed.text, sourceTags: [] }, model);
    expect(r.entities).not.toContain('Google');
    expect(r.entities).not.toContain('Proton');
  });

  it('converts HTML content and flags a teaser', () => {
    const r = enrich(
      { title: 'ITU &amp; the metaverse', content: '<p>The focus group met.</p><p><a href="/x">Read more</a></p>', sourceTags: ['itu'] },
      model,
    );
    expect(r.text).toBe('The focus group met.\n\nRead more');
    expect(r.teaser).toBe(true);
    expect(r.tags).toEqual(['metaverse', 'standards-process', 'itu']);
  });

  it('scores generic tech news near zero and a watched topic at a tracked group high', () => {
    const generic = enrich({ title: 'Spotify raises prices', content: 'Spotify is raising the price of Premium by $1 a month.', sourceTags: [] }, model);
    const watched = enrich(
      { title: 'FG-MV weighs digital identity proposal', content: 'The ITU-T focus group discussed a digital identity system with biometric data.', sourceTags: [] },
      model,
    );
    expect(generic.score).toBe(0);
    expect(watched.score).toBeGreaterThan(0.75);
  });

  it('gives a tracked source some relevance even when the text names no body', () => {
    const noSource = relevanceScore({ tags: [], mentions: [] });
    const fromBody = relevanceScore({ tags: [], mentions: [], sourceBody: 'itu' });
    const fromGroup = relevanceScore({ tags: [], mentions: [], sourceGroup: 'itu-t-fg-mv' });
    expect(noSource).toBe(0);
    expect(fromBody).toBe(0.125);
    expect(fromGroup).toBe(0.25);
  });

  it('returns an empty summary and no story features for an empty item', () => {
    const r = enrich({ title: '', content: '', sourceTags: [] }, model);
    expect(r).toMatchObject({ text: '', summary: '', tags: [], entities: [], groups: [], score: 0, teaser: true });
    expect(r.signature.minhash).toEqual([]);
  });
});
