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
const POOL = 14;
const DAMPING = 0.85;

/** Removes reporting scaffolding that carries no news: "According to X, …", "…, X reported on Sunday." */
export function compressSentence(s: string): string {
  let t = s
    .replace(/^(?:according to|as (?:outlined|reported|noted|first reported|described) (?:in|by))\s[^,]{1,60},\s+/i, '')
    .replace(/^(?:however|meanwhile|notably|additionally|moreover|furthermore|in addition|in other words),\s+/i, '')
    .replace(/,\s+(?:[\p{Lu}][\p{L}.’'-]*\s+){1,4}(?:reported|said|reports|says|wrote|announced)(?:\s+on\s+\p{Lu}\p{L}+|\s+(?:on\s+)?(?:today|yesterday|this week|last week))?(?=[.!?]?$)/u, '');
  t = t.charAt(0).toUpperCase() + t.slice(1);
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
  const slice = text.slice(0, max - 1);
  const space = slice.search(/\s\S*$/);
  const kept = (space > 0 ? slice.slice(0, space) : '').replace(/[\s,;:—–(“"‘'-]+$/u, '');
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
      const end = (tokens[m.end - 1]?.end ?? 0);
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

interface Choice {
  text: string;
  value: number;
}

function evaluate(set: Candidate[], max: number, focus: FocusConcept[]): Choice | undefined {
  for (let i = 0; i < set.length; i++)
    for (let j = i + 1; j < set.length; j++)
      if (jaccard((set[i] as Candidate).stems, (set[j] as Candidate).stems) > 0.6) return undefined;
  const head = set.slice(0, -1);
  const last = set[set.length - 1] as Candidate;
  const headText = head.map((c) => c.text).join(' ');
  const room = max - (headText ? headText.length + 1 : 0);
  let lastText = last.text;
  let truncated = false;
  if (lastText.length > room) {
    lastText = truncateAtWord(lastText, room);
    truncated = true;
    if (lastText.length < 40) return undefined;
  }
  const covered = new Set<number>();
  for (const c of head) for (const k of c.concepts.keys()) covered.add(k);
  const limit = truncated ? lastText.length - 1 : Infinity;
  for (const [k, end] of last.concepts) if (end <= limit) covered.add(k);
  let value = set.reduce((s, c) => s + c.rank, 0) + (set.length >= 2 ? 0.3 : 0) - (truncated ? 0.6 : 0);
  for (const k of covered) value += focus[k]?.weight ?? 0;
  return { text: headText ? `${headText} ${lastText}` : lastText, value };
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
  focus.forEach((_, k) => {
    const first = cands.find((c) => c.concepts.has(k));
    if (first) pool.add(first);
  });
  const list = [...pool].sort((a, b) => a.index - b.index);
  let best: Choice | undefined;
  const consider = (set: Candidate[]): void => {
    const choice = evaluate(set, max, focus);
    if (choice && (!best || choice.value > best.value)) best = choice;
  };
  for (let i = 0; i < list.length; i++) {
    const a = list[i] as Candidate;
    consider([a]);
    for (let j = i + 1; j < list.length; j++) {
      const b = list[j] as Candidate;
      consider([a, b]);
      for (let k = j + 1; k < list.length; k++) consider([a, b, list[k] as Candidate]);
    }
  }
  return best?.text ?? truncateAtWord((cands[0] as Candidate).text, max);
}
