// The domain model. Pure data: no I/O, no SDKs. Every other layer speaks these types.

export type SourceKind = 'rss' | 'ics' | 'itu-group' | 'html';

export interface Source {
  id: string;
  kind: SourceKind;
  url: string;
  /** Poll interval in milliseconds. */
  everyMs: number;
  tags: string[];
  /** Standards body this source belongs to (itu, ietf, w3c, 3gpp, press…). */
  body?: string;
  /** Group whose meetings/items this source publishes. */
  group?: string;
  fetchArticle: boolean;
  /** For kind `html`: CSS selectors of the entries on the page. */
  selectors?: HtmlSelectors;
  title?: string;
  paused?: boolean;
  /** Where the definition came from. */
  origin?: 'config' | 'runtime';
}

export interface HtmlSelectors {
  entry: string;
  title?: string;
  link?: string;
  date?: string;
  summary?: string;
}

/** What a reader makes of one entry before it is stored or enriched. */
export interface RawItem {
  guid?: string;
  url?: string;
  title: string;
  /** ISO 8601; absent when the source gave none (the store then uses first-seen time). */
  published?: string;
  /** Full text or HTML the source gave (may be a teaser). */
  content?: string;
  author?: string;
  categories?: string[];
}

export interface Item {
  id: string;
  sourceId: string;
  url: string;
  title: string;
  /** ISO 8601 */
  published: string;
  /** ISO 8601: when this bot first stored it */
  seenAt: string;
  content: string;
  summary: string;
  tags: string[];
  entities: string[];
  groups: string[];
  score: number;
  storyId: string;
  /** True once the enrich job has run. */
  enriched: boolean;
}

export interface Group {
  id: string;
  body: string;
  names: string[];
  url?: string;
  /** Human name shown to readers; defaults to names[0]. */
  title?: string;
}

export interface Deadline {
  kind: 'contributions' | 'registration' | 'documents' | 'other';
  /** ISO date (YYYY-MM-DD) or date-time */
  at: string;
  /** True when computed from a body's standing rule rather than published. */
  derived?: boolean;
  note?: string;
}

export interface Meeting {
  id: string;
  groupId: string;
  title: string;
  /** All-day: `YYYY-MM-DD`; timed: ISO date-time with offset. */
  start: string;
  /** All-day: inclusive last day `YYYY-MM-DD`; timed: ISO date-time with offset. */
  end: string;
  allDay: boolean;
  /** IANA zone of the organiser. */
  timeZone: string;
  location?: string;
  url?: string;
  deadlines: Deadline[];
  /** Which source it came from (source id, or `config`). */
  origin: string;
  sequence?: number;
  status?: 'confirmed' | 'cancelled' | 'tentative';
}

export type Platform = 'discord' | 'matrix' | 'terminal';

export interface Filter {
  tags: string[];
  keywords: string[];
  groups: string[];
  sources: string[];
  minScore: number;
}

export type DeliveryMode = 'instant' | 'daily' | 'weekly';

export interface Subscription {
  id: string;
  platform: Platform;
  /** channel id, room id, or user id (personal) */
  target: string;
  /** True when the target is a user (DM / direct room). */
  personal: boolean;
  filter: Filter;
  mode: DeliveryMode;
  /** HH:MM for digests */
  at?: string;
  /** 0 = Sunday … 6 = Saturday, weekly digests only */
  weekday?: number;
  timeZone: string;
  createdBy: string;
  createdAt: string;
  /** For digests: say "nothing new" rather than stay silent. */
  sendEmpty?: boolean;
  paused?: boolean;
}

export type DeliveryStatus = 'sent' | 'edited' | 'skipped' | 'failed';

export interface Delivery {
  subscriptionId: string;
  key: string;
  status: DeliveryStatus;
  attempts: number;
  messageId?: string;
  at: string;
}

export interface SourceHealth {
  sourceId: string;
  lastSuccess?: string;
  lastAttempt?: string;
  lastError?: { kind: string; message: string; at: string };
  consecutiveFailures: number;
  itemsSeen: number;
  healthy: boolean;
  /** Set after the first successful poll: later polls alert. */
  seeded: boolean;
  etag?: string;
  lastModified?: string;
}

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
