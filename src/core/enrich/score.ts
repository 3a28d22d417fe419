// Relevance 0–1 for a standards-watch community.
//
//   strength(tag) = min(1, 0.5 + 0.2·(hits − 1) + 0.3·[named in the title])
//   topic         = 1 − Π over matched taxonomy tags (1 − 0.5·strength(tag))
//   institution   = 1    a tracked group is named (or the source belongs to one)
//                   0.75 a standards body is named (organisation of kind "body")
//                   0.5  the source belongs to a standards body
//                   0.25 a civil-society or intergovernmental organisation, state agency or bloc is named
//                   0    otherwise
//   score         = 0.5·topic + 0.25·institution + 0.25·topic·institution
//
// A watched topic alone scores at most 0.5, a body alone 0.25; the last term rewards naming
// them together (a focus group discussing digital identity → ~0.9). Generic tech news → ~0.
import type { TagHit } from './taxonomy.js';
import type { EntityMention } from './entities.js';

export interface ScoreInput {
  tags: readonly TagHit[];
  mentions: readonly EntityMention[];
  sourceGroup?: string;
  sourceBody?: string;
}

export function tagStrength(t: TagHit): number {
  return Math.min(1, 0.5 + 0.2 * (t.hits - 1) + (t.titleHits > 0 ? 0.3 : 0));
}

export function institutionWeight(input: ScoreInput): number {
  if (input.sourceGroup || input.mentions.some((m) => m.type === 'group')) return 1;
  if (input.mentions.some((m) => m.kind === 'body')) return 0.75;
  if (input.sourceBody) return 0.5;
  if (input.mentions.some((m) => m.kind === 'ngo' || m.kind === 'state' || m.kind === 'bloc' || m.kind === 'intergov')) return 0.25;
  return 0;
}

export function relevanceScore(input: ScoreInput): number {
  let miss = 1;
  for (const t of input.tags) miss *= 1 - 0.5 * tagStrength(t);
  const topic = 1 - miss;
  const inst = institutionWeight(input);
  const score = 0.5 * topic + 0.25 * inst + 0.25 * topic * inst;
  return Math.round(Math.min(1, Math.max(0, score)) * 1000) / 1000;
}
