// Extractive summary: a TextRank graph of sentence similarity, personalised towards the lead
// (news puts the point first) and the title, then the best 2–3 sentences kept in their original
// order within maxChars (400). "Best" adds coverage of focus concepts — the bodies, groups,
// organisations and topics the enricher found — so the summary names what the item is about.
// When the set that covers most only fits by shortening its last sentence, that sentence is cut
// at a word boundary and ends with "…"; no word is ever cut. Boilerplate never enters.
import { isBoilerplate } from './boilerplate.js';
import { PhraseIndex } from './phrase-index.js';
import { splitSentences } from './sentences.js';
import { contentStems, tokenize } from './tokenize.js';

export const SUMMARY_MAX_CHARS = 400;

export interface FocusConcept {
  /** Any of these phrases names the concept. */
  names: string[];
  weight: number;
}

export interface SummariseOptions {
  title?: string;
  maxChars?: number;
  focus?: FocusConcept[];
}

interface Candidate {
  text: string;
  index: number;
  stems: Set<string>;
  /** concept index → character offset where its first mention ends */
  concepts: Map<number, number>;
  rank: number;
}

const MAX_SENTENCES = 60;
/** Best-ranked sentences always considered, and the most considered with focus mentions. */
const POOL = 10;
const MAX_POOL = 16;
const DAMPING = 0.85;

/** Removes reporting scaffolding that carries no news: "According to X, …", "…, X reported on Sunday." */
export function compressSentence(s: string): string {
  let t = s
    .replace(/^(?:according to|as (?:outlined|reported|noted|first reported|described) (?:in|by))\s[^,]{1,60},\s+/i, '')
    .replace(/^(?:however|meanwhile|notably|additionally|moreover|furthermore|in addition|in other words),\s+/i, '')
    .replace(/,\s+(?:[\p{Lu}][\p{L}.’'-]*\s+){1,4}(?:reported|said|reports|says|wrote|announced)(?:\s+on\s+\p{Lu}\p{L}+|\s+(?:on\s+)?(?:today|yesterday|this week|last week))?(?=[.!?]?$)/u, '');
  // Only a sentence that lost its opening needs a capital again ("iPhone …" stays as written).
  if (t.length !== s.length && !s.startsWith(t)) t = t.charAt(0).toUpperCase() + t.slice(1);
  return t;
}

function similarity(a: Set<string>, b: Set<string>): number {
  if (a.size < 2 || b.size < 2) return 0;
  let common = 0;
  for (const x of a) if (b.has(x)) common++;
  return common === 0 ? 0 : common / (Math.log(a.size + 1) + Math.log(b.size + 1));
}

function pageRank(weights: number[][], prior: number[]): number[] {
  const n = prior.length;
  const outSum = weights.map((row) => row.reduce((s, w) => s + w, 0));
  let rank = prior.slice();
  for (let iter = 0; iter < 40; iter++) {
    const next = prior.map((p) => (1 - DAMPING) * p);
    let dangling = 0;
    for (let j = 0; j < n; j++) {
      const rj = rank[j] as number;
      const oj = outSum[j] as number;
      if (oj === 0) {
        dangling += rj;
        continue;
      }
      const row = weights[j] as number[];
      for (let i = 0; i < n; i++) {
        const w = row[i] as number;
        if (w > 0) next[i] = (next[i] as number) + (DAMPING * rj * w) / oj;
      }
    }
    for (let i = 0; i < n; i++) next[i] = (next[i] as number) + DAMPING * dangling * (prior[i] as number);
    let delta = 0;
    for (let i = 0; i < n; i++) delta += Math.abs((next[i] as number) - (rank[i] as number));
    rank = next;
    if (delta < 1e-6) break;
  }
  return rank;
}

/** Cuts at a word boundary so that the result plus "…" fits in `max` characters. */
export function truncateAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max < 2) return '';
  // The last whitespace at or before the cut: the word after it would not fit whole.
  let space = max - 1;
  while (space > 0 && !/\s/.test(text.charAt(space))) space--;
  const kept = (space > 0 ? text.slice(0, space) : '').replace(/[\s,;:—–(“"‘'-]+$/u, '');
  return kept ? `${kept}…` : '';
}

function candidates(text: string, opts: SummariseOptions): Candidate[] {
  const lines = text.split('\n').filter((line) => !isBoilerplate(line));
  const titleNorm = (opts.title ?? '').trim().toLowerCase();
  const focus = new PhraseIndex<number>('stem');
  (opts.focus ?? []).forEach((c, i) => c.names.forEach((n) => focus.add(n, i)));
  const out: Candidate[] = [];
  for (const s of splitSentences(lines.join('\n'))) {
    if (out.length >= MAX_SENTENCES) break;
    if (s.heading || isBoilerplate(s.text)) continue;
    if (titleNorm && s.text.toLowerCase() === titleNorm) continue;
    const compact = compressSentence(s.text);
    const tokens = tokenize(compact);
    if (tokens.length < 4) continue;
    const concepts = new Map<number, number>();
    for (const m of focus.matchAll(tokens)) {
      const end = tokens[m.end - 1]?.end ?? 0;
      const seen = concepts.get(m.value);
      if (seen === undefined || end < seen) concepts.set(m.value, end);
    }
    out.push({ text: compact, index: out.length, stems: new Set(contentStems(tokens)), concepts, rank: 0 });
  }
  return out;
}

function rankCandidates(cands: Candidate[], title: string): void {
  const titleStems = new Set(contentStems(tokenize(title)));
  const weights = cands.map((a) => cands.map((b) => (a === b ? 0 : similarity(a.stems, b.stems))));
  const prior = cands.map((c, i) => {
    let overlap = 0;
    for (const s of c.stems) if (titleStems.has(s)) overlap++;
    return (1 / (1 + i / 2)) * (1 + overlap / Math.max(3, titleStems.size));
  });
  const total = prior.reduce((s, p) => s + p, 0) || 1;
  const rank = pageRank(weights, prior.map((p) => p / total));
  const top = Math.max(...rank, 1e-12);
  cands.forEach((c, i) => (c.rank = (rank[i] as number) / top));
}

function jaccard(a: Set<string>, b: Set<string>): number {
  let common = 0;
  for (const x of a) if (b.has(x)) common++;
  return common / (a.size + b.size - common || 1);
}

/** At most this many focus concepts take part (the heaviest), so coverage fits a bitmask. */
const MAX_CONCEPTS = 30;

/** Finds the best set of 1–3 pool sentences (in text order) within max characters. */
function choose(list: Candidate[], max: number, focus: FocusConcept[]): string | undefined {
  const n = list.length;
  const weights = focus.map((c) => c.weight);
  const allowed = new Set(
    weights
      .map((w, k) => [w, k] as const)
      .sort((a, b) => b[0] - a[0])
      .slice(0, MAX_CONCEPTS)
      .map(([, k]) => k),
  );
  const bit = new Map<number, number>();
  [...allowed].forEach((k, i) => bit.set(k, 1 << i));
  const bitWeight = [...allowed].map((k) => weights[k] as number);
  const maskOf = (c: Candidate, limit = Infinity): number => {
    let m = 0;
    for (const [k, end] of c.concepts) if (end <= limit) m |= bit.get(k) ?? 0;
    return m;
  };
  const coverage = (mask: number): number => {
    let v = 0;
    for (let i = 0; mask !== 0; i++, mask >>>= 1) if (mask & 1) v += bitWeight[i] as number;
    return v;
  };
  const masks = list.map((c) => maskOf(c));
  const redundant = list.map((a) => list.map((b) => a !== b && jaccard(a.stems, b.stems) > 0.6));
  const truncCache = new Map<string, { text: string; mask: number }>();
  const truncated = (i: number, room: number): { text: string; mask: number } => {
    const key = `${i}:${room}`;
    let t = truncCache.get(key);
    if (!t) {
      const c = list[i] as Candidate;
      const text = truncateAtWord(c.text, room);
      t = { text, mask: maskOf(c, text.length - 1) };
      truncCache.set(key, t);
    }
    return t;
  };

  let best: { value: number; parts: number[]; lastText?: string } | undefined;
  const consider = (parts: number[]): void => {
    for (let x = 0; x < parts.length; x++)
      for (let y = x + 1; y < parts.length; y++) if ((redundant[parts[x] as number] as boolean[])[parts[y] as number]) return;
    const lastIdx = parts[parts.length - 1] as number;
    let headLen = -1;
    let mask = 0;
    let rank = 0;
    for (const p of parts) rank += (list[p] as Candidate).rank;
    for (let x = 0; x < parts.length - 1; x++) {
      headLen += (list[parts[x] as number] as Candidate).text.length + 1;
      mask |= masks[parts[x] as number] as number;
    }
    const room = max - (headLen + 1);
    let value = rank + (parts.length >= 2 ? 0.3 : 0);
    let lastText: string | undefined;
    if ((list[lastIdx] as Candidate).text.length <= room) {
      mask |= masks[lastIdx] as number;
    } else {
      if (room < 40) return;
      const t = truncated(lastIdx, room);
      if (t.text.length < 40) return;
      mask |= t.mask;
      value -= 0.6;
      lastText = t.text;
    }
    value += coverage(mask);
    if (!best || value > best.value) best = lastText === undefined ? { value, parts } : { value, parts, lastText };
  };
  for (let i = 0; i < n; i++) {
    consider([i]);
    for (let j = i + 1; j < n; j++) {
      consider([i, j]);
      for (let k = j + 1; k < n; k++) consider([i, j, k]);
    }
  }
  if (!best) return undefined;
  const chosen = best as { value: number; parts: number[]; lastText?: string };
  const texts = chosen.parts.map((p) => (list[p] as Candidate).text);
  if (chosen.lastText !== undefined) texts[texts.length - 1] = chosen.lastText;
  return texts.join(' ');
}

export function summarise(text: string, opts: SummariseOptions = {}): string {
  const max = opts.maxChars ?? SUMMARY_MAX_CHARS;
  const cands = candidates(text, opts);
  if (cands.length === 0) {
    const plain = text.split('\n').filter((l) => !isBoilerplate(l)).join(' ').replace(/\s+/g, ' ').trim();
    return truncateAtWord(plain, max);
  }
  rankCandidates(cands, opts.title ?? '');
  const focus = opts.focus ?? [];
  // The pool: best-ranked sentences, plus the first mention of each focus concept.
  const pool = new Set(cands.slice().sort((a, b) => b.rank - a.rank).slice(0, POOL));
  const byWeight = focus.map((c, k) => [c.weight, k] as const).sort((a, b) => b[0] - a[0]);
  for (const [, k] of byWeight) {
    if (pool.size >= MAX_POOL) break;
    const first = cands.find((c) => c.concepts.has(k));
    if (first) pool.add(first);
  }
  const list = [...pool].sort((a, b) => a.index - b.index);
  return choose(list, max, focus) ?? truncateAtWord((cands[0] as Candidate).text, max);
}
