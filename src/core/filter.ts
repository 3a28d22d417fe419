// What a subscription's filter means: any of its tags, any of its groups, any
// of its sources, all of its keywords (whole words, case-insensitive), and a
// minimum score. An empty part does not restrict.
import type { Filter, Item } from './types.js';

export const emptyFilter = (): Filter => ({ tags: [], keywords: [], groups: [], sources: [], minScore: 0 });

function foldCase(text: string): string {
  return text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A keyword matches as a whole word or phrase; regex characters in it are literal. */
export function containsWord(haystack: string, keyword: string): boolean {
  const needle = foldCase(keyword).trim().split(/\s+/).map(escapeRegExp).join('[\\s\\-]+');
  if (!needle) return true;
  return new RegExp(`(^|[^\\p{L}\\p{N}])${needle}($|[^\\p{L}\\p{N}])`, 'u').test(foldCase(haystack));
}

export function matchesFilter(filter: Filter, item: Item): boolean {
  if (item.score < filter.minScore) return false;
  if (filter.tags.length > 0 && !filter.tags.some((t) => item.tags.includes(t))) return false;
  if (filter.groups.length > 0 && !filter.groups.some((g) => item.groups.includes(g))) return false;
  if (filter.sources.length > 0 && !filter.sources.includes(item.sourceId)) return false;
  if (filter.keywords.length > 0) {
    const text = `${item.title}\n${item.summary}\n${item.content}`;
    if (!filter.keywords.every((k) => containsWord(text, k))) return false;
  }
  return true;
}

export function describeFilter(filter: Filter): string {
  const parts: string[] = [];
  if (filter.tags.length) parts.push(`tagged ${filter.tags.join(' or ')}`);
  if (filter.groups.length) parts.push(`about ${filter.groups.join(' or ')}`);
  if (filter.sources.length) parts.push(`from ${filter.sources.join(' or ')}`);
  if (filter.keywords.length) parts.push(`containing ${filter.keywords.map((k) => `"${k}"`).join(' and ')}`);
  if (filter.minScore > 0) parts.push(`with relevance at least ${filter.minScore}`);
  return parts.length ? `items ${parts.join(', ')}` : 'every item';
}
