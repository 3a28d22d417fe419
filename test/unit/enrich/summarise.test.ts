import { describe, expect, it } from 'vitest';
import { enrich, summarise, SUMMARY_MAX_CHARS, truncateAtWord } from '../../../src/core/enrich/index.js';
import { compressSentence } from '../../../src/core/enrich/summarise.js';
import { loadModel, readSeed, SEED_FILES } from './load-model.js';

const model = loadModel();

function words(s: string): Set<string> {
  return new Set(s.split(/[^\p{L}\p{N}’'-]+/u).filter(Boolean));
}

/** Every word of the summary (bar a final "…") occurs as a whole word in the source. */
function noWordCut(summary: string, source: string): boolean {
  const src = words(source);
  return [...words(summary.replace(/…$/, ''))].every((w) => src.has(w));
}

describe('summarise', () => {
  const article = [
    'By Jane Doe',
    'The ITU-T Focus Group on metaverse agreed its first technical reports on Friday after a week of talks in Geneva.',
    'Advertisement',
    'More than 200 experts from industry, academia and governments took part in the meeting, the fourth since the group was set up.',
    'Read more: Why the metaverse needs standards',
    'The reports cover definitions, interoperability and the sustainability of virtual worlds, and will be sent to ITU-T study groups.',
    'Delegates also discussed proposals on digital identity for metaverse users, which rights groups have criticised.',
    'Share this article',
    'Sign up for our newsletter',
  ].join('\n');

  it('keeps 2–3 sentences in their original order, within 400 characters', () => {
    const s = summarise(article, { title: 'ITU metaverse focus group agrees first reports' });
    expect(s.length).toBeLessThanOrEqual(SUMMARY_MAX_CHARS);
    const sentences = s.split(/(?<=[.!?…])\s+/);
    expect(sentences.length).toBeGreaterThanOrEqual(2);
    expect(sentences.length).toBeLessThanOrEqual(3);
    const positions = sentences.map((x) => article.indexOf(x.replace(/…$/, '')));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });

  it('leaves out bylines, advertisement markers, read-more, share and newsletter prompts', () => {
    const s = summarise(article, { maxChars: 2000 });
    expect(s).not.toMatch(/Jane Doe|Advertisement|Read more|Share this|newsletter/);
  });

  it('never cuts a word when a single sentence is longer than the limit', () => {
    const long = `${'The delegates discussed interoperability requirements for immersive environments at length '.repeat(8)}.`;
    const s = summarise(long, { maxChars: 120 });
    expect(s.length).toBeLessThanOrEqual(120);
    expect(s.endsWith('…')).toBe(true);
    expect(noWordCut(s, long)).toBe(true);
  });

  it('truncateAtWord cuts at a word boundary and fits the ellipsis in the limit', () => {
    expect(truncateAtWord('alpha beta gamma', 100)).toBe('alpha beta gamma');
    expect(truncateAtWord('alpha beta gamma', 12)).toBe('alpha beta…');
    expect(truncateAtWord('alphabetagamma', 5)).toBe('');
  });

  it('returns an empty summary for empty or boilerplate-only text', () => {
    expect(summarise('')).toBe('');
    expect(summarise('Advertisement\nShare this article')).toBe('');
  });

  it('drops reporting scaffolding such as "According to X," and ", X reported on Sunday"', () => {
    const text =
      'According to a Politico report, China Mobile proposed a digital identity system for metaverse users.\n' +
      'The ITU group meets again in October, Politico reported on Sunday.';
    const s = summarise(text);
    expect(s).toBe('China Mobile proposed a digital identity system for metaverse users. The ITU group meets again in October.');
  });
});

describe('summaries of the seed articles', () => {
  for (const file of SEED_FILES) {
    it(`names China Mobile, the ITU and the digital identity proposal (${file})`, () => {
      const seed = readSeed(file);
      const r = enrich({ title: seed.title, content: seed.text, sourceTags: [] }, model);
      expect(r.summary.length).toBeLessThanOrEqual(SUMMARY_MAX_CHARS);
      expect(r.summary).toContain('China Mobile');
      expect(r.summary).toMatch(/\bITU\b/);
      expect(r.summary).toMatch(/digital identity|digital ID/i);
      expect(r.summary).not.toMatch(/Read more|Share it|Advertisement|Got a tip|follow us/i);
      expect(noWordCut(r.summary, seed.text)).toBe(true);
    });
  }
});

describe('compressSentence', () => {
  it('capitalises only a sentence that lost its opening', () => {
    expect(compressSentence('According to Reuters, the ITU met.')).toBe('The ITU met.');
    expect(compressSentence('iPhone sales rose in China.')).toBe('iPhone sales rose in China.');
  });
});
