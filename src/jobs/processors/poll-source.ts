// poll: fetch one source (conditional GET), read it, store what is new, and
// hand new items to enrichment. A source's first successful poll seeds the
// store without alerting anyone. No BullMQ here: a plain function of (data, deps).
import type { Logger } from 'pino';
import { itemId } from '../../core/ids.js';
import type { ItemStore, MeetingStore, SourceHealthStore } from '../../core/ports.js';
import type { Clock, Item, RawItem, Source, SourceHealth } from '../../core/types.js';
import type { Fetcher } from '../../feeds/fetcher.js';
import { describeError, nextPollDelayMs, recordFailure, recordSuccess } from '../../feeds/health.js';
import { readSource } from '../../feeds/read-source.js';

export interface PollJob {
  sourceId: string;
  /** Set by `once` and manual polls: poll even if an unhealthy source is backing off. */
  force?: boolean;
}

export interface PollResult {
  sourceId: string;
  status: 'new-items' | 'no-change' | 'not-modified' | 'failed' | 'skipped' | 'busy' | 'paused' | 'unknown-source';
  newItemIds: string[];
  /** True when this poll was the source's first success: its items are stored, nobody is alerted. */
  seeded: boolean;
  /** How many entries the source listed (new or not). */
  found?: number;
  error?: string;
}

export interface PollDeps {
  getSource(id: string): Promise<Source | undefined>;
  fetcher: Fetcher;
  items: ItemStore;
  health: SourceHealthStore;
  meetings: MeetingStore;
  enqueueEnrich(itemIds: string[], opts: { alert: boolean }): Promise<void>;
  /** Told once per source, after its first successful poll (the terminal prints a summary). */
  onSeeded?(source: Source, items: Item[]): void;
  /** One poll of a source at a time, across workers: the lease, or undefined while another poll runs. */
  exclusive?(sourceId: string): Promise<(() => Promise<void>) | undefined>;
  /** Told when a source turns unhealthy or recovers. */
  onHealthChange?(source: Source, health: SourceHealth, previous: SourceHealth | undefined): void;
  clock: Clock;
  log: Logger;
}

export function toItem(source: Source, raw: RawItem, seenAt: string): Item {
  const id = itemId(source.id, raw);
  return {
    id,
    sourceId: source.id,
    url: raw.url ?? '',
    title: raw.title,
    published: raw.published ?? seenAt,
    seenAt,
    content: raw.content ?? '',
    summary: '',
    tags: [...source.tags],
    entities: [],
    groups: source.group ? [source.group] : [],
    score: 0,
    storyId: '',
    enriched: false,
  };
}

export async function pollSource(data: PollJob, deps: PollDeps, signal?: AbortSignal): Promise<PollResult> {
  const base = { sourceId: data.sourceId, newItemIds: [] as string[], seeded: false };
  const source = await deps.getSource(data.sourceId);
  if (!source) return { ...base, status: 'unknown-source' };
  if (source.paused) return { ...base, status: 'paused' };
  const release = deps.exclusive ? await deps.exclusive(source.id) : async () => undefined;
  if (!release) return { ...base, status: 'busy' };
  try {
    return await pollExclusively(data, source, deps, signal);
  } finally {
    await release();
  }
}

async function pollExclusively(data: PollJob, source: Source, deps: PollDeps, signal?: AbortSignal): Promise<PollResult> {
  const base = { sourceId: data.sourceId, newItemIds: [] as string[], seeded: false };
  const log = deps.log.child({ sourceId: source.id });
  const previous = await deps.health.get(source.id);
  const now = deps.clock.now();

  if (!data.force && previous && !previous.healthy && previous.lastAttempt) {
    const due = Date.parse(previous.lastAttempt) + nextPollDelayMs(source, previous);
    if (now.getTime() < due - 1000) return { ...base, status: 'skipped' };
  }

  let health: SourceHealth;
  try {
    const fetched = await deps.fetcher.fetch({ url: source.url, etag: previous?.etag, lastModified: previous?.lastModified, signal });
    if (fetched.status === 'not-modified') {
      health = recordSuccess(previous, source.id, now, 0, { etag: previous?.etag, lastModified: previous?.lastModified });
      await saveHealth(deps, source, health, previous);
      await handOverPending(source.id, deps);
      return { ...base, status: 'not-modified' };
    }
    const read = await readSource(source, { body: fetched.body, contentType: fetched.contentType, url: fetched.url }, { now });
    for (const warning of read.warnings) log.warn({ warning }, 'source read with a warning');
    if (source.kind === 'ics' || source.kind === 'itu-group' || read.meetings.length > 0) {
      await deps.meetings.replaceFromOrigin(source.id, read.meetings);
    }

    const seenAt = now.toISOString();
    const seeding = !previous?.seeded;
    const candidates = read.items.map((raw) => toItem(source, raw, seenAt));
    const added = await Promise.all(candidates.map((item) => deps.items.addIfNew(item, { alert: !seeding })));
    const fresh = candidates.filter((_, i) => added[i]);
    health = { ...recordSuccess(previous, source.id, now, fresh.length, { etag: fetched.etag, lastModified: fetched.lastModified }), seeded: true };
    await handOverPending(source.id, deps);
    await saveHealth(deps, source, health, previous);
    if (seeding) deps.onSeeded?.(source, fresh);
    log.debug({ found: read.items.length, new: fresh.length, seeding }, 'polled');
    return { ...base, status: fresh.length > 0 ? 'new-items' : 'no-change', newItemIds: fresh.map((i) => i.id), seeded: seeding, found: read.items.length };
  } catch (err) {
    const described = describeError(err);
    health = recordFailure(previous, source.id, now, described);
    await saveHealth(deps, source, health, previous);
    log.warn({ kind: described.kind, err: described.message, failures: health.consecutiveFailures }, 'poll failed');
    return { ...base, status: 'failed', error: `${described.kind}: ${described.message}` };
  }
}

/**
 * Hands every stored-but-not-yet-queued item of the source to enrichment: this poll's new ones, and any a
 * crashed earlier poll stored without queueing (job ids make a repeat harmless).
 */
async function handOverPending(sourceId: string, deps: PollDeps): Promise<void> {
  const pending = await deps.items.pendingEnrich(sourceId);
  if (pending.length === 0) return;
  for (const alert of [false, true]) {
    const ids = pending.filter((p) => p.alert === alert).map((p) => p.itemId);
    if (ids.length) await deps.enqueueEnrich(ids, { alert });
  }
  await deps.items.clearPending(sourceId, pending.map((p) => p.itemId));
}

async function saveHealth(deps: PollDeps, source: Source, health: SourceHealth, previous: SourceHealth | undefined) {
  await deps.health.set(health);
  if ((previous?.healthy ?? true) !== health.healthy) deps.onHealthChange?.(source, health, previous);
}
