// Stories: the same news from several outlets shares one story id. Outlets rewrite, so word
// shingles of the whole text barely overlap; what they share is the story's vocabulary — the
// names, the proposal, the quoted phrases. The signature is a MinHash over an item's keyword
// set (the K most prominent content stems of title and lead, title words counting triple), with
// LSH bands for finding candidates in a store. Pure; the store assigns ids and calls pickStory.
import { contentStems, tokenize } from './tokenize.js';

export interface StorySignature {
  minhash: number[];
  /** LSH band keys, [a-z0-9] only: items sharing any band are candidates for one story. */
  bands: string[];
}

export interface StoryCandidate {
  storyId: string;
  signature: StorySignature;
  publishedMs: number;
}

export const STORY_HASHES = 128;
export const STORY_BAND_ROWS = 2;
export const STORY_KEYWORDS = 24;
/** Estimated keyword-set Jaccard at or above which two items are one story. */
export const STORY_THRESHOLD = 0.3;

const TITLE_WEIGHT = 3;
const LEAD_TOKENS = 400;

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function fmix32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const SEEDS = Array.from({ length: STORY_HASHES }, (_, i) => fmix32(0x9e3779b9 + Math.imul(i + 1, 0x632be5ab)));

/** The keyword set the signature hashes. Exported for tests and tuning. */
export function storyKeywords(title: string, text: string): string[] {
  const weight = new Map<string, { w: number; first: number }>();
  let pos = 0;
  const add = (stems: string[], w: number): void => {
    for (const s of stems) {
      if (/^\d$/.test(s)) continue;
      const e = weight.get(s);
      if (e) e.w += w;
      else weight.set(s, { w, first: pos });
      pos++;
    }
  };
  add(contentStems(tokenize(title)), TITLE_WEIGHT);
  add(contentStems(tokenize(text).slice(0, LEAD_TOKENS)), 1);
  return [...weight.entries()]
    .sort((a, b) => b[1].w - a[1].w || a[1].first - b[1].first)
    .slice(0, STORY_KEYWORDS)
    .map(([s]) => s);
}

export function storySignature(title: string, text: string): StorySignature {
  const features = storyKeywords(title, text).map(fnv1a);
  // Nothing to compare: such an item starts its own story.
  if (features.length === 0) return { minhash: [], bands: [] };
  const minhash = SEEDS.map((seed) => {
    let min = 0xffffffff;
    for (const f of features) {
      const h = fmix32(f ^ seed);
      if (h < min) min = h;
    }
    return min;
  });
  const bands: string[] = [];
  for (let b = 0; b * STORY_BAND_ROWS < STORY_HASHES; b++) {
    let h = fmix32(b + 1);
    for (let r = 0; r < STORY_BAND_ROWS; r++) h = fmix32(h ^ (minhash[b * STORY_BAND_ROWS + r] as number));
    bands.push(`b${b.toString(36)}h${h.toString(36)}`);
  }
  return { minhash, bands };
}

/** Estimated Jaccard similarity of the two keyword sets, 0–1. */
export function storySimilarity(a: StorySignature, b: StorySignature): number {
  if (a.minhash.length === 0 || a.minhash.length !== b.minhash.length) return 0;
  let same = 0;
  for (let i = 0; i < a.minhash.length; i++) if (a.minhash[i] === b.minhash[i]) same++;
  return same / a.minhash.length;
}

/**
 * The story this item joins: the most similar candidate published within windowMs of it, if at
 * least STORY_THRESHOLD similar (ties: the earlier story). Undefined → start a new story.
 */
export function pickStory(
  sig: StorySignature,
  candidates: readonly StoryCandidate[],
  publishedMs: number,
  windowMs: number,
): string | undefined {
  let best: StoryCandidate | undefined;
  let bestSim = -1;
  for (const c of candidates) {
    if (Math.abs(c.publishedMs - publishedMs) > windowMs) continue;
    const sim = storySimilarity(sig, c.signature);
    if (sim < STORY_THRESHOLD) continue;
    if (sim > bestSim || (sim === bestSim && best && c.publishedMs < best.publishedMs)) {
      best = c;
      bestSim = sim;
    }
  }
  return best?.storyId;
}
