// enrich: turn a stored raw item into what readers see (text, summary, tags,
// entities, groups, score, story), then queue an alert for every instant
// subscription it matches. Running it twice is harmless: the story index and
// the deliver job ids make the second run a no-op.
import type { Logger } from 'pino';
import { matchesFilter } from '../../core/filter.js';
import type { ItemStore, StoryIndex, SubscriptionStore } from '../../core/ports.js';
import type { Item, Source } from '../../core/types.js';
import { publishedMs } from '../../core/item-time.js';

export interface EnrichJob {
  itemId: string;
  /** False for items from a source's first poll: stored and searchable, but nobody is alerted. */
  alert: boolean;
}

export interface Analysis {
  text: string;
  summary: string;
  tags: string[];
  entities: string[];
  groups: string[];
  score: number;
  signature: { minhash: number[]; bands: string[] };
}

export interface EnrichDeps {
  items: ItemStore;
  stories: StoryIndex;
  subscriptions: Pick<SubscriptionStore, 'all'>;
  getSource(id: string): Promise<Source | undefined>;
  analyse(item: Item, source: Source | undefined, signal?: AbortSignal): Promise<Analysis>;
  enqueueDeliver(deliveries: { subscriptionId: string; itemId: string }[]): Promise<void>;
  log: Logger;
}

export interface EnrichOutcome {
  itemId: string;
  storyId: string;
  deliveries: number;
}

export async function enrichItem(data: EnrichJob, deps: EnrichDeps, signal?: AbortSignal): Promise<EnrichOutcome> {
  const stored = await deps.items.get(data.itemId);
  if (!stored) {
    deps.log.warn({ itemId: data.itemId }, 'enrich: item not in the store; nothing to do');
    return { itemId: data.itemId, storyId: '', deliveries: 0 };
  }
  const source = await deps.getSource(stored.sourceId);
  let item = stored;
  if (!stored.enriched) {
    const analysis = await deps.analyse(stored, source, signal);
    const storyId = await deps.stories.assign(stored.id, analysis.signature, publishedMs(stored));
    item = {
      ...stored,
      content: analysis.text,
      summary: analysis.summary,
      tags: analysis.tags,
      entities: analysis.entities,
      groups: analysis.groups,
      score: analysis.score,
      storyId,
      enriched: true,
    };
    await deps.items.saveEnriched(item);
  }
  if (!data.alert) return { itemId: item.id, storyId: item.storyId, deliveries: 0 };

  const subs = await deps.subscriptions.all();
  const deliveries = subs
    .filter((s) => s.mode === 'instant' && !s.paused && matchesFilter(s.filter, item))
    .map((s) => ({ subscriptionId: s.id, itemId: item.id }));
  if (deliveries.length) await deps.enqueueDeliver(deliveries);
  return { itemId: item.id, storyId: item.storyId, deliveries: deliveries.length };
}
