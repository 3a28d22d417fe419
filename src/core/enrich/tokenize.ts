// Word tokens shared by the tagger, the entity matcher, the summariser and the story signature.
// A token keeps its original spelling (for case rules), a normalised form (lower case, no
// diacritics, no apostrophes) and a Porter stem. Hyphens, slashes and dots separate tokens, so
// "social-credit" and "social credit" tokenise alike; letters and digits are split apart, so
// "SG17" and "SG 17" do too.
import { stemmer } from 'stemmer';

export interface Token {
  raw: string;
  norm: string;
  stem: string;
  /** Character offsets in the source text. */
  start: number;
  end: number;
}

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;
const LETTER_DIGIT = /(?<=\p{L})(?=\p{N})|(?<=\p{N})(?=\p{L})/u;
const STEM_CACHE_LIMIT = 50_000;
const stemCache = new Map<string, string>();

/** Lower case, diacritics removed, apostrophes removed. */
const PLAIN_ASCII = /^[A-Za-z0-9]+$/;

export function normaliseWord(word: string): string {
  if (PLAIN_ASCII.test(word)) return word.toLowerCase();
  return word
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/['’]/g, '')
    .toLowerCase();
}

export function stemWord(norm: string): string {
  let stem = stemCache.get(norm);
  if (stem === undefined) {
    stem = norm.length < 3 || !/^\p{L}+$/u.test(norm) ? norm : stemmer(norm);
    if (stemCache.size >= STEM_CACHE_LIMIT) stemCache.clear();
    stemCache.set(norm, stem);
  }
  return stem;
}

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(WORD)) {
    let word = m[0];
    const start = m.index;
    // Possessive "'s" belongs to the word before it: "China's" is "China".
    word = word.replace(/['’][sS]$/, '');
    let offset = 0;
    const parts = /\p{N}/u.test(word) && /\p{L}/u.test(word) ? word.split(LETTER_DIGIT) : [word];
    for (const part of parts) {
      const norm = normaliseWord(part);
      if (norm.length > 0) {
        out.push({ raw: part, norm, stem: stemWord(norm), start: start + offset, end: start + offset + part.length });
      }
      offset += part.length;
    }
  }
  return out;
}

/** True when a written token counts as an acronym: "US", "EFF", also "IDs". */
export function isAcronym(raw: string): boolean {
  const core = raw.replace(/s$/, '');
  return core.length >= 2 && /^\p{Lu}+$/u.test(core);
}

export function isCapitalised(raw: string): boolean {
  return /^[\p{Lu}\p{N}]/u.test(raw);
}

// Function words and reporting filler; not topics, not story features.
const STOPWORDS = new Set(
  (
    'a about above after again against all also am an and any are as at be because been before being below ' +
    'between both but by can could did do does doing down during each few for from further had has have ' +
    'having he her here hers herself him himself his how i if in into is it its itself just me more most ' +
    'my myself no nor not now of off on once only or other our ours ourselves out over own same she should ' +
    'so some such than that the their theirs them themselves then there these they this those through to ' +
    'too under until up very was we were what when where which while who whom why will with would you your ' +
    'yours yourself yourselves s t d ll m re ve y may might must shall said says say told tell according ' +
    'one two new also per via its it’s us would could however since whether upon within without yet ' +
    'mr ms mrs dr week weeks monday tuesday wednesday thursday friday saturday sunday year years day days ' +
    'month months time times last first next many much even still well like get got make made us'
  ).split(/\s+/),
);

export function isStopword(norm: string): boolean {
  return STOPWORDS.has(norm);
}

/** Stems of the words that carry content (no stopwords, no one-letter words). */
export function contentStems(tokens: readonly Token[]): string[] {
  const out: string[] = [];
  for (const t of tokens) {
    if (t.norm.length < 2 || STOPWORDS.has(t.norm)) continue;
    out.push(t.stem);
  }
  return out;
}
