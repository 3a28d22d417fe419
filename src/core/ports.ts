// The ports the domain needs from storage and delivery. src/store implements
// them on Redis; tests may use recording fakes. No I/O here, only shapes.
import type { Message } from './message.js';
import type { Delivery, Item, Meeting, Platform, Source, SourceHealth, Subscription } from './types.js';

export interface LatestQuery {
  tag?: string;
  group?: string;
  sourceId?: string;
  limit: number;
  /** Only items published (or first seen) at or after this time (ms). */
  sinceMs?: number;
  untilMs?: number;
  enrichedOnly?: boolean;
}

export interface ItemStore {
  /**
   * Stores the item unless one with the same id exists; true when it was new. With `pending`, the
   * item is also listed as waiting to be handed to enrichment (see pendingEnrich) — in the same write,
   * so a crash between storing and enqueueing loses nothing.
   */
  addIfNew(item: Item, pending?: { alert: boolean }): Promise<boolean>;
  /** Items of a source stored but not yet handed to enrichment, with whether they should alert. */
  pendingEnrich(sourceId: string): Promise<{ itemId: string; alert: boolean }[]>;
  clearPending(sourceId: string, itemIds: string[]): Promise<void>;
  get(id: string): Promise<Item | undefined>;
  getMany(ids: string[]): Promise<Item[]>;
  /** Saves an enriched item and indexes it by tag, group, source and words. */
  saveEnriched(item: Item): Promise<void>;
  latest(query: LatestQuery): Promise<Item[]>;
  search(text: string, limit: number): Promise<Item[]>;
  count(): Promise<number>;
}

export interface SourceHealthStore {
  get(sourceId: string): Promise<SourceHealth | undefined>;
  set(health: SourceHealth): Promise<void>;
  all(): Promise<SourceHealth[]>;
}

export interface SubscriptionStore {
  add(sub: Subscription): Promise<void>;
  update(sub: Subscription): Promise<void>;
  remove(id: string): Promise<boolean>;
  get(id: string): Promise<Subscription | undefined>;
  forTarget(platform: Platform, target: string): Promise<Subscription[]>;
  all(): Promise<Subscription[]>;
}

export interface StoryPost {
  messageId: string;
  /** Source ids (or outlet names) already shown on that message. */
  sources: string[];
  itemIds: string[];
}

export interface DeliveryLog {
  get(subscriptionId: string, key: string): Promise<Delivery | undefined>;
  record(delivery: Delivery): Promise<void>;
  storyPost(platform: Platform, target: string, storyId: string): Promise<StoryPost | undefined>;
  setStoryPost(platform: Platform, target: string, storyId: string, post: StoryPost): Promise<void>;
  /** Serialises the alerts of one story in one target across workers; resolves to the release function. */
  lockStory(platform: Platform, target: string, storyId: string): Promise<() => Promise<void>>;
}

export interface StoryIndex {
  /** Assigns the item to an existing story or starts a new one; atomic across workers. */
  assign(itemId: string, signature: { minhash: number[]; bands: string[] }, publishedMs: number): Promise<string>;
}

export interface MeetingStore {
  /** Replaces everything one origin (a source id or `config`) said with this list. */
  replaceFromOrigin(origin: string, meetings: Meeting[]): Promise<void>;
  all(): Promise<Meeting[]>;
}

export interface SourceRegistry {
  /** The effective sources: config merged with the ones added at run time. */
  list(): Promise<Source[]>;
  get(id: string): Promise<Source | undefined>;
}

/** Sends a rendered message to one target of one platform. */
export interface SendOptions {
  /** Deterministic key that makes a retried send a no-op at the platform (nonce / txnId). */
  idempotencyKey: string;
}

export interface SentMessage {
  messageId: string;
}

export interface PlatformSink {
  readonly platform: Platform;
  send(target: string, message: Message, opts: SendOptions): Promise<SentMessage>;
  edit(target: string, messageId: string, message: Message, opts: SendOptions): Promise<SentMessage>;
  /** For personal subscriptions: the target is a user, delivered by DM / direct room. */
  sendToUser?(userId: string, message: Message, opts: SendOptions): Promise<SentMessage>;
}
