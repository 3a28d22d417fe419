// Autocomplete answers from the command services: groups (with their aliases),
// tags, sources, IANA time zones and the subscription ids of this channel (and
// of the asker). Pure apart from the service lookups; Discord allows 25
// choices, each name and value at most 100 characters.
import { describeFilter } from '../../core/filter.js';
import type { OptionSpec } from '../commands/define.js';
import type { CommandServices } from '../commands/services.js';

export interface Choice {
  name: string;
  value: string;
}

export interface AutocompleteRequest {
  kind: NonNullable<OptionSpec['autocomplete']>;
  /** What the user typed so far. */
  query: string;
  /** A comma-separated list option (tags, groups, sources): complete its last item. */
  list: boolean;
  channelId: string;
  userId: string;
}

export const MAX_CHOICES = 25;
const MAX_CHOICE_LENGTH = 100;

const LIST_TYPES = new Set<OptionSpec['type']>(['tags', 'groups', 'sources', 'list']);

export function isListOption(spec: OptionSpec): boolean {
  return LIST_TYPES.has(spec.type);
}

function clip(text: string): string {
  return text.length <= MAX_CHOICE_LENGTH ? text : `${text.slice(0, MAX_CHOICE_LENGTH - 1)}…`;
}

function fold(text: string): string {
  return text.toLowerCase().replace(/[\s_\-]+/g, '');
}

/** Candidates whose keys start with the query first, then those that contain it; the order given breaks ties. */
function rank<T>(items: readonly T[], query: string, keys: (item: T) => string[]): T[] {
  const q = fold(query);
  if (!q) return [...items];
  const scored = items
    .map((item, order) => {
      const ks = keys(item).map(fold);
      const score = ks.some((k) => k === q) ? 0 : ks.some((k) => k.startsWith(q)) ? 1 : ks.some((k) => k.includes(q)) ? 2 : 3;
      return { item, order, score };
    })
    .filter((x) => x.score < 3);
  return scored.sort((a, b) => a.score - b.score || a.order - b.order).map((x) => x.item);
}

let zones: string[] | undefined;
export function timeZoneNames(): string[] {
  zones ??= [...new Set(['UTC', ...Intl.supportedValuesOf('timeZone')])];
  return zones;
}

async function candidates(req: AutocompleteRequest, query: string, services: CommandServices): Promise<Choice[]> {
  switch (req.kind) {
    case 'group':
      return rank(services.groups, query, (g) => [g.id, ...g.names, ...(g.title ? [g.title] : [])]).map((g) => {
        const short = g.names[0] ?? g.id;
        const long = g.title && g.title !== short ? ` — ${g.title}` : '';
        return { name: `${short}${long}`, value: short };
      });
    case 'tag':
      return rank(services.tags, query, (t) => [t.id, t.label]).map((t) => ({ name: t.label === t.id ? t.id : `${t.label} (${t.id})`, value: t.id }));
    case 'source': {
      const sources = await services.sources.list();
      return rank(sources, query, (s) => [s.id, ...(s.title ? [s.title] : [])]).map((s) => ({ name: s.title ? `${s.id} — ${s.title}` : s.id, value: s.id }));
    }
    case 'time-zone': {
      const all = timeZoneNames();
      const ranked = rank(all, query, (z) => [z, z.split('/').at(-1) ?? z]);
      return ranked.map((z) => ({ name: z.replace(/_/g, ' '), value: z }));
    }
    case 'subscription': {
      const here = await services.subscriptions.forTarget('discord', req.channelId);
      const mine = req.userId === req.channelId ? [] : await services.subscriptions.forTarget('discord', req.userId);
      const subs = [...here, ...mine];
      return rank(subs, query, (s) => [s.id]).map((s) => ({
        name: `${s.id} — ${s.personal ? 'you, ' : ''}${s.mode === 'instant' ? '' : `${s.mode} `}${describeFilter(s.filter)}`,
        value: s.id,
      }));
    }
  }
}

/** The choices for one autocomplete request; for a list option the items already typed are kept as a prefix. */
export async function autocompleteChoices(req: AutocompleteRequest, services: CommandServices): Promise<Choice[]> {
  let prefix = '';
  let query = req.query.trim();
  if (req.list) {
    const cut = req.query.lastIndexOf(',');
    if (cut >= 0) {
      prefix = req.query
        .slice(0, cut)
        .split(',')
        .map((p) => p.trim())
        .filter(Boolean)
        .join(',');
      prefix = prefix ? `${prefix},` : '';
      query = req.query.slice(cut + 1).trim();
    }
  }
  const found = await candidates(req, query, services);
  const chosen = new Set(prefix.split(',').filter(Boolean));
  const out: Choice[] = [];
  for (const c of found) {
    if (chosen.has(c.value)) continue;
    const value = `${prefix}${c.value}`;
    if (value.length > MAX_CHOICE_LENGTH) continue;
    out.push({ name: clip(prefix ? `${prefix}${c.name}` : c.name), value });
    if (out.length >= MAX_CHOICES) break;
  }
  return out;
}
