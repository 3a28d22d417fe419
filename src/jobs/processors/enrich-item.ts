// enrich: turn a stored raw item into what readers see (text, summary, tags,
// entities, groups, score, story), then queue an alert for every instant
// subscription it matches, and record it for every daily/weekly digest it
// matches (the digest carries everything recorded since it was last sent).
// Running it twice is harmless: the story index, the deliver job ids and the
// digest ledger (a set) make the second run a no-op.
import type { Logger } from 'pino';
import type { DigestLedger } from '../../core/digest/ports.js';
import { isDigestMode, periodLengthMs } from '../../core/digest/period.js';
import { matchesFilter, searchableText } from '../../core/filter.js';
import type { ItemStore, StoryIndex, SubscriptionStore } from '../../core/ports.js';
import { systemClock, type Clock, type Item, type Source, type Subscription } from '../../core/types.js';
import { publishedMs } from '../../core/item-time.js';
import { truncateAtWord, type EnrichResult } from '../../core/enrich/index.js';

export interface EnrichJob {
  itemId: string;
  /** False for items from a source's first poll: stored and searchable, but nobody is alerted. */
  alert: boolean;
}

/** What the enricher found (the summary may come from the abstractive summariser). */
export type Analysis = Omit<EnrichResult, 'teaser'>;

/** How much of an item's text the store keeps after enrichment. */
export const STORED_TEXT_CHARS = 2000;

export interface EnrichDeps {
  items: ItemStore;
  stories: StoryIndex;
  subscriptions: Pick<SubscriptionStore, 'all'>;
  getSource(id: string): Promise<Source | undefined>;
  analyse(item: Item, source: Source | undefined, signal?: AbortSignal): Promise<Analysis>;
  enqueueDeliver(deliveries: { subscriptionId: string; itemId: string }[]): Promise<void>;
  /** Where digest matches are recorded; without it, digests only see what later runs record. */
  digests?: Pick<DigestLedger, 'recordMatches'>;
  clock?: Clock;
  log: Logger;
}

export interface EnrichOutcome {
  itemId: string;
  storyId: string;
  deliveries: number;
  /** Digest subscriptions the item was recorded for. */
  digestMatches?: number;
}

/**
 * The digests an item goes into. An item stored without alerting (a new
 * source's first poll) still goes into a digest when it was published within
 * that digest's period: news, not the source's back catalogue.
 */
export function digestMatches(subs: Subscription[], item: Item, alert: boolean, nowMs: number, folded = searchableText(item)): string[] {
  return subs
    .filter((s) => isDigestMode(s.mode) && !s.paused && (alert || publishedMs(item) >= nowMs - periodLengthMs(s.mode)) && matchesFilter(s.filter, item, folded))
    .map((s) => s.id);
}

export async function enrichItem(data: EnrichJob, deps: EnrichDeps, signal?: AbortSignal): Promise<EnrichOutcome> {
  const stored = await deps.items.get(data.itemId);
  if (!stored) {
    deps.log.warn({ itemId: data.itemId }, 'enrich: item not in the store; nothing to do');
    return { itemId: data.itemId, storyId: '', deliveries: 0 };
  }
  const source = await deps.getSource(stored.sourceId);
  let item = stored;
  let fullText = stored.content;
  if (!stored.enriched) {
    const analysis = await deps.analyse(stored, source, signal);
    const storyId = await deps.stories.assign(stored.id, analysis.signature, publishedMs(stored));
    fullText = analysis.text;
    item = {
      ...stored,
      // Matching below uses the whole text; the store keeps the start (search and digests read title, summary, tags).
      content: truncateAtWord(analysis.text, STORED_TEXT_CHARS),
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
  if (!data.alert && !deps.digests) return { itemId: item.id, storyId: item.storyId, deliveries: 0 };
  const subs = await deps.subscriptions.all();
  const folded = searchableText({ ...item, content: fullText });
  const nowMs = (deps.clock ?? systemClock).now().getTime();
  const forDigests = deps.digests ? digestMatches(subs, item, data.alert, nowMs, folded) : [];
  if (forDigests.length) await deps.digests!.recordMatches(forDigests.map((subscriptionId) => ({ subscriptionId, itemId: item.id })), nowMs);
  if (!data.alert) return { itemId: item.id, storyId: item.storyId, deliveries: 0, digestMatches: forDigests.length };

  const deliveries = subs
    .filter((s) => s.mode === 'instant' && !s.paused && matchesFilter(s.filter, item, folded))
    .map((s) => ({ subscriptionId: s.id, itemId: item.id }));
  if (deliveries.length) await deps.enqueueDeliver(deliveries);
  return { itemId: item.id, storyId: item.storyId, deliveries: deliveries.length, digestMatches: forDigests.length };
}
