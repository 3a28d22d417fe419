// Names of standards bodies, their groups, organisations and countries, found in text and
// resolved to configured ids. Groups match case-insensitively with hyphen/space variants
// ("FG-MV", "fg mv"); organisation names follow how they are written ("Access Now" needs
// capitals, "US" must be upper case), so ordinary words do not turn into organisations.
import type { Group } from '../types.js';
import { PhraseIndex } from './phrase-index.js';
import { tokenize, type Token } from './tokenize.js';

/** kind: body | company | operator | state | ngo | bloc | country | person (see config/organisations.yaml). */
export type Organisation = { id: string; name: string; kind: string; names: string[] };

type EntityRef = { type: 'group'; group: Group } | { type: 'org'; org: Organisation };

export interface EntityMatcher {
  index: PhraseIndex<EntityRef>;
  orgById: Map<string, Organisation>;
}

export interface EntityMention {
  /** Display name: an organisation's name, a group's title or first name. */
  name: string;
  kind: string;
  /** Organisation id or group id. */
  id: string;
  type: 'group' | 'org';
  count: number;
  /** Phrases that name it (for the summariser's focus). */
  names: string[];
}

export function groupDisplayName(group: Group): string {
  return group.title ?? group.names[0] ?? group.id;
}

export function compileEntities(groups: readonly Group[], organisations: readonly Organisation[]): EntityMatcher {
  const index = new PhraseIndex<EntityRef>('norm');
  for (const org of organisations) {
    for (const n of new Set([org.name, ...org.names])) index.add(n, { type: 'org', org }, { caseMode: 'names' });
  }
  for (const group of groups) {
    for (const n of new Set([...group.names, ...(group.title ? [group.title] : [])])) {
      index.add(n, { type: 'group', group }, { caseMode: 'none' });
    }
  }
  return { index, orgById: new Map(organisations.map((o) => [o.id, o])) };
}

/** Everything named in the tokens, in order of first mention. A group also names its body. */
export function matchEntities(m: EntityMatcher, tokens: readonly Token[]): EntityMention[] {
  const found = new Map<string, EntityMention>();
  const add = (key: string, make: () => EntityMention): void => {
    const seen = found.get(key);
    if (seen) seen.count++;
    else found.set(key, make());
  };
  for (const hit of m.index.matchLongest(tokens)) {
    const ref = hit.value;
    if (ref.type === 'org') {
      const o = ref.org;
      add(`org:${o.id}`, () => ({ name: o.name, kind: o.kind, id: o.id, type: 'org', count: 1, names: [o.name, ...o.names] }));
    } else {
      const g = ref.group;
      add(`group:${g.id}`, () => ({ name: groupDisplayName(g), kind: 'group', id: g.id, type: 'group', count: 1, names: g.names }));
      const body = m.orgById.get(g.body);
      if (body && !found.has(`org:${body.id}`)) {
        found.set(`org:${body.id}`, { name: body.name, kind: body.kind, id: body.id, type: 'org', count: 1, names: [body.name, ...body.names] });
      }
    }
  }
  return [...found.values()];
}

/** "FG-MV", "fg mv", "fgmv" → "fgmv"; "SG 17" → "sg17". */
function compact(s: string): string {
  return tokenize(s)
    .map((t) => t.norm)
    .join('');
}

function groupKeys(g: Group): string[] {
  return [...new Set([g.id, ...g.names, ...(g.title ? [g.title] : [])].map(compact).filter((k) => k.length > 0))];
}

/** Free text ("fg-mv", "FG MV", "sg 17", "metaverse focus group") → the group it names. */
export function resolveGroup(text: string, groups: readonly Group[]): Group | undefined {
  const key = compact(text);
  if (!key) return undefined;
  const exact = groups.find((g) => groupKeys(g).includes(key));
  if (exact) return exact;
  // A phrase that contains exactly one group's name ("ITU-T FG-MV", "the metaverse focus group").
  const index = new PhraseIndex<Group>('norm');
  for (const g of groups) for (const n of g.names) index.add(n, g, { caseMode: 'none' });
  const named = new Set(index.matchLongest(tokenize(text)).map((h) => h.value));
  return named.size === 1 ? [...named][0] : undefined;
}

export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur.push(Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + cost));
    }
    prev = cur;
  }
  return prev[b.length] as number;
}

/**
 * The n groups whose names are closest to the text: names that start with it first (autocomplete),
 * then by edit distance relative to length. Ties keep configuration order.
 */
export function suggestGroups(text: string, groups: readonly Group[], n: number): Group[] {
  const key = compact(text);
  const scored = groups.map((g, order) => {
    let best = Infinity;
    for (const k of groupKeys(g)) {
      const d = !key ? 1 : k.startsWith(key) ? (k.length - key.length) / (k.length + 1) * 0.5 : 1 + editDistance(key, k) / Math.max(key.length, k.length);
      if (d < best) best = d;
    }
    return { g, best, order };
  });
  scored.sort((a, b) => a.best - b.best || a.order - b.order);
  return scored.slice(0, Math.max(0, n)).map((s) => s.g);
}
