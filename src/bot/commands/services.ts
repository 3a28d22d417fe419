// What command handlers may use. main.ts builds it from the stores and config;
// tests build it from in-memory fakes. Each capability is a small interface.
import type { ItemStore, SubscriptionStore } from '../../core/ports.js';
import type { Group, Meeting, Source, SourceHealth, Subscription } from '../../core/types.js';
import type { CommandLimiter } from './rate-limit.js';

export interface TagInfo {
  id: string;
  label: string;
}

export interface MeetingQuery {
  /** Known meetings, merged from every origin, sorted by start. */
  all(): Promise<Meeting[]>;
}

export interface SourceView {
  list(): Promise<Source[]>;
  health(): Promise<SourceHealth[]>;
}

/** Schedules (or unschedules) a subscription's digest; provided where the queue is reachable. */
export interface DigestScheduler {
  schedule(sub: Subscription): Promise<void>;
  unschedule(sub: Subscription): Promise<void>;
}

export interface CommandServices {
  items: ItemStore;
  subscriptions: SubscriptionStore;
  meetings: MeetingQuery;
  sources: SourceView;
  groups: Group[];
  tags: TagInfo[];
  resolveGroup(text: string): Group | undefined;
  suggestGroups(text: string, n: number): Group[];
  /** Where the Atom feed and calendar are published. */
  publicUrl: string;
  digests?: DigestScheduler;
  /** Per-user command rate limit (absent: unlimited, e.g. the terminal). */
  limiter?: CommandLimiter;
  /** Any further capability a later module adds (sources admin, previews, …). */
  extra?: Record<string, unknown>;
}
