// Matches many multi-word phrases against a token stream in one pass. A phrase is a sequence of
// token keys (stems for topics, normalised words for names); whole tokens only, so a phrase
// never matches inside a longer word. Case rules keep names from matching ordinary words:
// "Access Now" needs capitals, "US" needs upper case ("us" is a pronoun).
import { isAcronym, isCapitalised, tokenize, type Token } from './tokenize.js';

export type TokenKey = 'stem' | 'norm';
/** any: case-insensitive; capital: each word capitalised; acronym: written in capitals. */
type CaseRule = 'any' | 'capital' | 'acronym';

interface Entry<T> {
  keys: string[];
  rules: CaseRule[];
  value: T;
}

export interface PhraseMatch<T> {
  value: T;
  /** Token index range [start, end). */
  start: number;
  end: number;
}

/**
 * none: case-insensitive; acronyms: a one-word phrase written in capitals ("AI", "US") must be
 * written so in the text; names: also every capitalised word must be capitalised in the text.
 */
export type CaseMode = 'none' | 'acronyms' | 'names';

export interface PhraseOptions {
  caseMode?: CaseMode;
}

export class PhraseIndex<T> {
  private readonly byFirst = new Map<string, Entry<T>[]>();

  constructor(private readonly key: TokenKey) {}

  /** Adds a phrase; returns false when it has no words. */
  add(phrase: string, value: T, opts: PhraseOptions = {}): boolean {
    const tokens = tokenize(phrase);
    const first = tokens[0];
    if (!first) return false;
    const rules = tokens.map((t) => caseRule(t, tokens.length, opts.caseMode ?? 'acronyms'));
    const entry: Entry<T> = { keys: tokens.map((t) => t[this.key]), rules, value };
    const list = this.byFirst.get(entry.keys[0] ?? '');
    if (list) list.push(entry);
    else this.byFirst.set(entry.keys[0] ?? '', [entry]);
    return true;
  }

  /** Every match at every position (overlaps included). */
  matchAll(tokens: readonly Token[]): PhraseMatch<T>[] {
    const out: PhraseMatch<T>[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const list = this.byFirst.get((tokens[i] as Token)[this.key]);
      if (!list) continue;
      for (const e of list) {
        if (this.matchesAt(e, tokens, i)) out.push({ value: e.value, start: i, end: i + e.keys.length });
      }
    }
    return out;
  }

  /** Left to right, the longest phrase at each position wins and consumes its words. */
  matchLongest(tokens: readonly Token[]): PhraseMatch<T>[] {
    const out: PhraseMatch<T>[] = [];
    let i = 0;
    while (i < tokens.length) {
      const list = this.byFirst.get((tokens[i] as Token)[this.key]);
      let best: Entry<T> | undefined;
      if (list) {
        for (const e of list) {
          if ((!best || e.keys.length > best.keys.length) && this.matchesAt(e, tokens, i)) best = e;
        }
      }
      if (best) {
        out.push({ value: best.value, start: i, end: i + best.keys.length });
        i += best.keys.length;
      } else {
        i += 1;
      }
    }
    return out;
  }

  private matchesAt(e: Entry<T>, tokens: readonly Token[], at: number): boolean {
    if (at + e.keys.length > tokens.length) return false;
    for (let k = 0; k < e.keys.length; k++) {
      const t = tokens[at + k] as Token;
      if (t[this.key] !== e.keys[k]) return false;
      const rule = e.rules[k];
      if (rule === 'acronym' && !isAcronym(t.raw)) return false;
      if (rule === 'capital' && !isCapitalised(t.raw)) return false;
    }
    return true;
  }
}

function caseRule(t: Token, length: number, mode: CaseMode): CaseRule {
  if (mode === 'none') return 'any';
  const acronym = isAcronym(t.raw) && t.raw.length <= 5;
  if (length === 1 && acronym) return 'acronym';
  if (mode === 'acronyms') return 'any';
  if (acronym) return 'acronym';
  return isCapitalised(t.raw) ? 'capital' : 'any';
}
