import { describe, expect, it } from 'vitest';
import {
  enrich, pickStory, storySignature, storySimilarity, STORY_THRESHOLD, type StorySignature,
} from '../../../src/core/enrich/index.js';
import { loadModel, readSeed, SEED_FILES } from './load-model.js';

const model = loadModel();
const DAY = 24 * 3600 * 1000;
const sig = (title: string, text: string): StorySignature => storySignature(title, text);

describe('story signatures', () => {
  const seeds = SEED_FILES.map(readSeed).map((s) => enrich({ title: s.title, content: s.text, sourceTags: [] }, model));
  const otherFgmvNews = sig(
    'ITU metaverse focus group agrees first technical reports in Geneva',
    'The ITU-T Focus Group on metaverse concluded its fourth meeting in Geneva, agreeing technical reports on metaverse definitions, interoperability and sustainability. More than 200 experts took part. The next meeting will be hosted in Hong Kong in March.',
  );
  const otherChinaItuNews = sig(
    'China and Huawei propose reinvention of the internet at the ITU',
    'Huawei and Chinese state-owned operators proposed a new standard for core networking, New IP, at the International Telecommunication Union. Western diplomats fear it would build top-down control into the network.',
  );

  it('puts the two seed reports in one story', () => {
    const [a, b] = seeds;
    expect(storySimilarity(a!.signature, b!.signature)).toBeGreaterThanOrEqual(STORY_THRESHOLD);
    const story = pickStory(b!.signature, [{ storyId: 's1', signature: a!.signature, publishedMs: 0 }], 3 * DAY, 7 * DAY);
    expect(story).toBe('s1');
  });

  it('keeps different news about the same topic apart', () => {
    for (const s of seeds) {
      expect(storySimilarity(s.signature, otherFgmvNews)).toBeLessThan(STORY_THRESHOLD);
      expect(storySimilarity(s.signature, otherChinaItuNews)).toBeLessThan(STORY_THRESHOLD);
    }
  });

  it('is JSON-serialisable with band keys made of [a-z0-9] only', () => {
    const s = seeds[0]!.signature;
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
    expect(s.bands.length).toBeGreaterThan(0);
    for (const b of s.bands) expect(b).toMatch(/^[a-z0-9]+$/);
  });

  it('gives identical texts similarity 1 and an empty text no story match', () => {
    const a = sig('Same title', 'Same words about a proposal at the ITU.');
    expect(storySimilarity(a, sig('Same title', 'Same words about a proposal at the ITU.'))).toBe(1);
    const empty = sig('', '');
    expect(empty).toEqual({ minhash: [], bands: [] });
    expect(storySimilarity(empty, empty)).toBe(0);
  });
});

describe('pickStory', () => {
  const a = sig('Kenya suspends Worldcoin iris scanning', 'Kenya suspended Worldcoin and its iris scans of Nairobi residents over biometric data concerns.');
  const b = sig('Worldcoin iris scans halted in Kenya', 'Kenya halted Worldcoin iris scans in Nairobi; regulators question consent for biometric data.');

  it('joins the most similar story within the window', () => {
    const candidates = [
      { storyId: 'unrelated', signature: sig('Bitcoin hits a record high', 'Bitcoin rose above $69,000.'), publishedMs: 0 },
      { storyId: 'worldcoin', signature: a, publishedMs: 0 },
    ];
    expect(pickStory(b, candidates, DAY, 7 * DAY)).toBe('worldcoin');
  });

  it('starts a new story when the match is outside the window', () => {
    expect(pickStory(b, [{ storyId: 'worldcoin', signature: a, publishedMs: 0 }], 30 * DAY, 7 * DAY)).toBeUndefined();
  });

  it('prefers the earlier story when two are equally similar', () => {
    const candidates = [
      { storyId: 'later', signature: a, publishedMs: 2 * DAY },
      { storyId: 'earlier', signature: a, publishedMs: DAY },
    ];
    expect(pickStory(a, candidates, 3 * DAY, 7 * DAY)).toBe('earlier');
  });
});
