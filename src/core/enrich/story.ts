// Stories: the same news from several outlets shares one story id. Outlets rewrite, so word
// shingles of the whole text barely overlap; what they share is the story's vocabulary — the
// names, the numbers, the proposal, the quoted phrases. An item's features are its most
// prominent content stems (title words count triple, generic news words are left out), at most
// STORY_KEYWORDS of them. The signature is a bottom-k MinHash sketch of that set: the sorted
// 32-bit hashes of the features, k = STORY_KEYWORDS, so the Jaccard estimate is exact for every
// item; the LSH bands are its smallest hashes, so items sharing a prominent feature are
// candidates in a store. Pure; the store assigns ids and calls pickStory.
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

export const STORY_KEYWORDS = 48;
export const STORY_BANDS = 16;
/** Jaccard similarity of the feature sets at or above which two items are one story. */
export const STORY_THRESHOLD = 0.14;

const TITLE_WEIGHT = 3;
const LEAD_TOKENS = 400;
/** Enough characters for LEAD_TOKENS words; the rest is not read. */
const LEAD_CHARS = 4000;

// Words every news story uses; they say nothing about which story it is.
const GENERIC_WORDS =
  'said say says would could government governments official officials company companies people user users new ' +
  'data internet online service services country countries state states public law laws rule rules report reports ' +
  'reported million billion percent first year week month group groups plan plans part including include includes ' +
  'also use used using uses told statement day time world global national international technology technologies ' +
  'tech system systems network networks app apps platform platforms access security information media news ' +
  'support make take made taken since after before today recent recently expert experts call called warn warned ' +
  'add added may might will can thing way ways need needs work works working want wants set sets allow allows ' +
  'help helps announce announced according';
const GENERIC = new Set(contentStems(tokenize(GENERIC_WORDS)));

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

/** The keyword set the signature hashes. Exported for tests and tuning. */
export function storyKeywords(title: string, text: string): string[] {
  const weight = new Map<string, { w: number; first: number }>();
  let pos = 0;
  const add = (stems: string[], w: number): void => {
    for (const s of stems) {
      if (/^\d$/.test(s) || GENERIC.has(s)) continue;
      const e = weight.get(s);
      if (e) e.w += w;
      else weight.set(s, { w, first: pos });
      pos++;
    }
  };
  add(contentStems(tokenize(title)), TITLE_WEIGHT);
  add(contentStems(tokenize(text.slice(0, LEAD_CHARS)).slice(0, LEAD_TOKENS)), 1);
  return [...weight.entries()]
    .sort((a, b) => b[1].w - a[1].w || a[1].first - b[1].first)
    .slice(0, STORY_KEYWORDS)
    .map(([s]) => s);
}

export function storySignature(title: string, text: string): StorySignature {
  const minhash = [...new Set(storyKeywords(title, text).map((k) => fmix32(fnv1a(k))))].sort((a, b) => a - b);
  const bands = minhash.slice(0, STORY_BANDS).map((h) => `k${h.toString(36)}`);
  return { minhash, bands };
}

/** Jaccard similarity of the two feature sets (from their sorted hashes), 0–1. */
export function storySimilarity(a: StorySignature, b: StorySignature): number {
  const x = a.minhash;
  const y = b.minhash;
  if (x.length === 0 || y.length === 0) return 0;
  let i = 0;
  let j = 0;
  let common = 0;
  while (i < x.length && j < y.length) {
    const u = x[i] as number;
    const v = y[j] as number;
    if (u === v) {
      common++;
      i++;
      j++;
    } else if (u < v) i++;
    else j++;
  }
  return common / (x.length + y.length - common);
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
