// What a subscription's filter means: any of its tags, any of its groups, any
// of its sources, all of its keywords (whole words, case-insensitive, accents
// ignored; a space or hyphen inside a phrase matches either), and a minimum
// score. An empty part does not restrict.
import type { Filter, Item } from './types.js';

export const emptyFilter = (): Filter => ({ tags: [], keywords: [], groups: [], sources: [], minScore: 0 });

function foldCase(text: string): string {
  return text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const compiled = new Map<string, RegExp | null>();

/** The whole-word pattern of a keyword, compiled once (null: the keyword is empty and matches anything). */
function keywordPattern(keyword: string): RegExp | null {
  let re = compiled.get(keyword);
  if (re !== undefined) return re;
  const words = foldCase(keyword).trim().split(/[\s\-‐‑–]+/).filter(Boolean);
  re = words.length ? new RegExp(`(^|[^\\p{L}\\p{N}])${words.map(escapeRegExp).join('[\\s\\-‐‑–]+')}($|[^\\p{L}\\p{N}])`, 'u') : null;
  if (compiled.size > 5000) compiled.clear();
  compiled.set(keyword, re);
  return re;
}

/** A keyword matches as a whole word or phrase; regex characters in it are literal. */
export function containsWord(haystack: string, keyword: string): boolean {
  const re = keywordPattern(keyword);
  return re ? re.test(foldCase(haystack)) : true;
}

/** The text keywords are looked for in: title, summary and full text. */
export function searchableText(item: Pick<Item, 'title' | 'summary' | 'content'>): string {
  return foldCase(`${item.title}\n${item.summary}\n${item.content}`);
}

/**
 * True when the item passes the filter. `folded` is `searchableText(item)`, for callers
 * that test one item against many filters (computed here when absent).
 */
export function matchesFilter(filter: Filter, item: Item, folded?: string): boolean {
  if (item.score < filter.minScore) return false;
  if (filter.tags.length > 0 && !filter.tags.some((t) => item.tags.includes(t))) return false;
  if (filter.groups.length > 0 && !filter.groups.some((g) => item.groups.includes(g))) return false;
  if (filter.sources.length > 0 && !filter.sources.includes(item.sourceId)) return false;
  if (filter.keywords.length > 0) {
    const text = folded ?? searchableText(item);
    if (!filter.keywords.every((k) => keywordPattern(k)?.test(text) ?? true)) return false;
  }
  return true;
}

export interface FilterNames {
  tag?(id: string): string;
  group?(id: string): string;
  source?(id: string): string;
}

function either(values: string[]): string {
  if (values.length <= 1) return values.join('');
  return `${values.slice(0, -1).join(', ')} or ${values.at(-1)}`;
}

/** The filter in words, as it is explained back to the user: "items tagged surveillance or privacy, about FG-MV, containing "police"". */
export function describeFilter(filter: Filter, names: FilterNames = {}): string {
  const parts: string[] = [];
  if (filter.tags.length) parts.push(`tagged ${either(filter.tags.map((t) => names.tag?.(t) ?? t))}`);
  if (filter.groups.length) parts.push(`about ${either(filter.groups.map((g) => names.group?.(g) ?? g))}`);
  if (filter.sources.length) parts.push(`from ${either(filter.sources.map((s) => names.source?.(s) ?? s))}`);
  if (filter.keywords.length) parts.push(`containing ${filter.keywords.map((k) => `"${k}"`).join(' and ')}`);
  if (filter.minScore > 0) parts.push(`with relevance at least ${Math.round(filter.minScore * 100)}%`);
  return parts.length ? `items ${parts.join(', ')}` : 'every item';
}
