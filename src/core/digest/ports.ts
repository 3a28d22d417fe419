// What digests and the alert limit need from storage. src/store/digest-store.ts
// implements both on Redis; tests may use it directly on a test prefix.
import type { Platform } from '../types.js';

export interface PendingEntry {
  itemId: string;
  /** When it was recorded (ms). */
  atMs: number;
}

/** What each digest subscription has matched since its last digest was sent. */
export interface DigestLedger {
  /** Records matches (an item already recorded for that subscription keeps its first time). */
  recordMatches(matches: { subscriptionId: string; itemId: string }[], atMs: number): Promise<void>;
  pending(subscriptionId: string): Promise<PendingEntry[]>;
  /** Items of a target held back from instant alerts by the hourly limit; its next digest carries them. */
  held(platform: Platform, target: string): Promise<PendingEntry[]>;
  /** After a digest was sent: forgets what it carried and remembers when. */
  markSent(sent: { subscriptionId: string; platform: Platform; target: string; itemIds: string[]; heldIds: string[]; atMs: number }): Promise<void>;
  lastSentAt(subscriptionId: string): Promise<string | undefined>;
  /** Serialises the runs of one digest across workers; resolves to the release function. */
  lock(subscriptionId: string): Promise<() => Promise<void>>;
  /** Drops what a removed digest had pending. */
  forget(subscriptionId: string): Promise<void>;
}

/** The per-target limit on instant alerts (so a noisy source cannot flood a channel). */
export interface AlertLimiter {
  /** Takes one of the target's alert slots of the last hour; true when allowed. The same key never takes two slots. */
  take(platform: Platform, target: string, key: string, nowMs: number, maxPerHour: number): Promise<boolean>;
  /** Holds an item back for the target's next digest; resolves to how many were held in the last hour. */
  hold(platform: Platform, target: string, itemId: string, nowMs: number): Promise<number>;
  /** True at most once an hour per target: whether to send the "held back" notice now. */
  claimNotice(platform: Platform, target: string, nowMs: number): Promise<boolean>;
}
