// Topic tags from the configured taxonomy. Terms match on stemmed whole words, so "digital IDs"
// matches "digital ID" and "identity systems" matches "identity system", while "ai" never
// matches inside "said". An `exclude` phrase that covers a hit cancels it ("brand identity").
import { PhraseIndex } from './phrase-index.js';
import type { Token } from './tokenize.js';

export type TaxonomyEntry = { label: string; terms: string[]; exclude?: string[]; minHits?: number };

export interface TagHit {
  tag: string;
  hits: number;
  /** Hits in the title. */
  titleHits: number;
}

export interface CompiledTaxonomy {
  tags: string[];
  terms: PhraseIndex<number>;
  excludes: PhraseIndex<number>;
  minHits: number[];
  entries: Record<string, TaxonomyEntry>;
}

export function compileTaxonomy(taxonomy: Record<string, TaxonomyEntry>): CompiledTaxonomy {
  const tags = Object.keys(taxonomy);
  const terms = new PhraseIndex<number>('stem');
  const excludes = new PhraseIndex<number>('stem');
  const minHits: number[] = [];
  tags.forEach((tag, i) => {
    const entry = taxonomy[tag] as TaxonomyEntry;
    for (const t of entry.terms) terms.add(t, i, { caseMode: 'acronyms' });
    for (const x of entry.exclude ?? []) excludes.add(x, i, { caseMode: 'acronyms' });
    minHits.push(Math.max(1, entry.minHits ?? 1));
  });
  return { tags, terms, excludes, minHits, entries: taxonomy };
}

function countHits(tax: CompiledTaxonomy, tokens: readonly Token[]): number[] {
  const counts = new Array<number>(tax.tags.length).fill(0);
  const excluded = tax.excludes.matchAll(tokens);
  // Overlapping hits of one tag (e.g. "digital identity" and "digital identity system") count once.
  const lastEnd = new Array<number>(tax.tags.length).fill(-1);
  for (const m of tax.terms.matchAll(tokens)) {
    if (m.start < (lastEnd[m.value] as number)) continue;
    if (excluded.some((x) => x.value === m.value && x.start <= m.start && x.end >= m.end)) continue;
    lastEnd[m.value] = m.end;
    counts[m.value] = (counts[m.value] as number) + 1;
  }
  return counts;
}

/** Tags whose terms occur at least minHits times in title and text together, in taxonomy order. */
export function matchTags(tax: CompiledTaxonomy, title: readonly Token[], text: readonly Token[]): TagHit[] {
  const inTitle = countHits(tax, title);
  const inText = countHits(tax, text);
  const out: TagHit[] = [];
  tax.tags.forEach((tag, i) => {
    const hits = (inTitle[i] as number) + (inText[i] as number);
    if (hits >= (tax.minHits[i] as number)) out.push({ tag, hits, titleHits: inTitle[i] as number });
  });
  return out;
}
