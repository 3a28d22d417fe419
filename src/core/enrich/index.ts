// The enricher's single entry point: text, summary, tags, entities, groups, relevance and the
// story signature of one item. Pure and fast; compile the model once with buildEnrichModel.
import type { Group } from '../types.js';
import { compileEntities, matchEntities, type EntityMatcher, type EntityMention, type Organisation } from './entities.js';
import { htmlToText } from './html-text.js';
import { relevanceScore } from './score.js';
import { storySignature, type StorySignature } from './story.js';
import { summarise, type FocusConcept } from './summarise.js';
import { compileTaxonomy, matchTags, type CompiledTaxonomy, type TaxonomyEntry } from './taxonomy.js';
import { isTeaser } from './teaser.js';
import { isBoilerplate } from './boilerplate.js';
import { tokenize } from './tokenize.js';

export type { TaxonomyEntry } from './taxonomy.js';
export type { Organisation, EntityMention } from './entities.js';
export type { StorySignature, StoryCandidate } from './story.js';
export type { FocusConcept, SummariseOptions } from './summarise.js';
export type { Article } from './article.js';
export { htmlToText, decodeEntities } from './html-text.js';
export { summarise, SUMMARY_MAX_CHARS, truncateAtWord } from './summarise.js';
export { isTeaser } from './teaser.js';
export { isBoilerplate } from './boilerplate.js';
// extractArticle (./article.js) is imported on demand: it loads linkedom, which most processes never need.
export { resolveGroup, suggestGroups, groupDisplayName } from './entities.js';
export { storySignature, storySimilarity, pickStory, STORY_THRESHOLD } from './story.js';
export { relevanceScore } from './score.js';

export interface EnrichModel {
  taxonomy: CompiledTaxonomy;
  entities: EntityMatcher;
  groups: readonly Group[];
}

export function buildEnrichModel(parts: {
  taxonomy: Record<string, TaxonomyEntry>;
  groups: Group[];
  organisations: Organisation[];
}): EnrichModel {
  return {
    taxonomy: compileTaxonomy(parts.taxonomy),
    entities: compileEntities(parts.groups, parts.organisations),
    groups: parts.groups,
  };
}

export interface EnrichInput {
  title: string;
  /** HTML or plain text. */
  content: string;
  sourceTags: string[];
  sourceBody?: string;
  sourceGroup?: string;
}

export interface EnrichResult {
  text: string;
  summary: string;
  tags: string[];
  /** Display names, in order of first mention. */
  entities: string[];
  /** Group ids. */
  groups: string[];
  score: number;
  signature: StorySignature;
  teaser: boolean;
}

/** How much naming each kind of thing in the summary is worth to a standards-watch reader. */
const FOCUS_WEIGHT: Record<string, number> = { group: 3, body: 3, country: 0.5 };
const DEFAULT_FOCUS_WEIGHT = 2;
const TAG_FOCUS_WEIGHT = 1.5;

function mergeMentions(a: EntityMention[], b: EntityMention[]): EntityMention[] {
  const byKey = new Map<string, EntityMention>();
  for (const m of [...a, ...b]) {
    const key = `${m.type}:${m.id}`;
    const seen = byKey.get(key);
    if (seen) seen.count += m.count;
    else byKey.set(key, { ...m });
  }
  return [...byKey.values()];
}

function unique(values: Iterable<string>): string[] {
  return [...new Set(values)];
}

export function enrich(input: EnrichInput, model: EnrichModel): EnrichResult {
  const title = htmlToText(input.title).replace(/\s+/g, ' ');
  const text = htmlToText(input.content);
  // Tags, names and the story come from the story itself, not from share prompts and "Read more" lines.
  const body = text
    .split('\n')
    .filter((line) => !isBoilerplate(line))
    .join('\n');
  const titleTokens = tokenize(title);
  const textTokens = tokenize(body);

  const tagHits = matchTags(model.taxonomy, titleTokens, textTokens);
  const mentions = mergeMentions(matchEntities(model.entities, titleTokens), matchEntities(model.entities, textTokens));
  const groupIds = mentions.filter((m) => m.type === 'group').map((m) => m.id);

  const focus: FocusConcept[] = [
    ...mentions.map((m) => ({ names: m.names, weight: FOCUS_WEIGHT[m.kind] ?? DEFAULT_FOCUS_WEIGHT })),
    ...tagHits.map((t) => ({ names: model.taxonomy.entries[t.tag]?.terms ?? [], weight: TAG_FOCUS_WEIGHT })),
  ];

  return {
    text,
    summary: text ? summarise(text, { title, focus }) : '',
    tags: unique([...tagHits.map((t) => t.tag), ...input.sourceTags]),
    entities: unique(mentions.map((m) => m.name)),
    groups: unique([...(input.sourceGroup ? [input.sourceGroup] : []), ...groupIds]),
    score: relevanceScore({ tags: tagHits, mentions, sourceGroup: input.sourceGroup, sourceBody: input.sourceBody }),
    signature: storySignature(title, body),
    teaser: isTeaser(text),
  };
}
