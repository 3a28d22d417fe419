// Which reminders are due: before each meeting and each deadline (offsets such as 7 days and
// 1 day), to the subscriptions that follow the meeting's group, plus a "moved" notice when a
// meeting's start differs from the one last announced to that subscription. Pure: the scan job
// feeds it and the delivery log makes each reminder go out once.
import { shortHash } from '../ids.js';
import type { Deadline, Meeting, Subscription } from '../types.js';
import { deadlineDueMs, meetingStartMs } from './time.js';

export type ReminderKind = 'meeting' | 'deadline' | 'moved';

export interface Reminder {
  /** Deterministic per (subscription, meeting, kind, offset, meeting start [, deadline]): the delivery-log key. */
  key: string;
  kind: ReminderKind;
  subscriptionId: string;
  /** The meeting as it was when planned (the job carries it; the processor re-reads nothing). */
  meeting: Meeting;
  /** How long before the meeting/deadline it was meant to go (0 for `moved`). */
  offsetMs: number;
  /** When it was due to go, ms. */
  fireAtMs: number;
  deadline?: Deadline;
  /** For `moved`: the start last announced to this subscription. */
  previousStart?: string;
}

/** The last start announced per subscription and meeting: key `${subscriptionId}|${meetingId}`. */
export type AnnouncedStarts = ReadonlyMap<string, string>;

export function announcedKey(subscriptionId: string, meetingId: string): string {
  return `${subscriptionId}|${meetingId}`;
}

export function reminderKey(parts: { subscriptionId: string; meetingId: string; kind: ReminderKind; offsetMs: number; start: string; deadline?: Deadline }): string {
  const d = parts.deadline ? `${parts.deadline.kind}@${parts.deadline.at}` : '';
  return `rem${shortHash([parts.subscriptionId, parts.meetingId, parts.kind, String(parts.offsetMs), parts.start, d].join('\u0000'))}`;
}

/** The same start, however written (an offset re-expressed in another zone is no move). */
export function sameStart(a: string, b: string, m: Meeting): boolean {
  if (a === b) return true;
  if (a.length === 10 || b.length === 10) return false;
  return meetingStartMs({ start: a, allDay: false, timeZone: m.timeZone }) === meetingStartMs({ start: b, allDay: false, timeZone: m.timeZone });
}

/**
 * Reminders whose time came in (lastScanAt, now] — or at any time before now on the first scan —
 * for meetings and deadlines still ahead. When several offsets of one target fell in the window
 * (the bot was down), only the latest goes: nobody wants "in 7 days" and "tomorrow" at once.
 */
export function dueReminders(
  meetings: readonly Meeting[],
  subs: readonly Subscription[],
  now: Date,
  offsets: readonly number[],
  lastScanAt: Date | undefined,
  announced: AnnouncedStarts = new Map(),
): Reminder[] {
  const nowMs = now.getTime();
  const fromMs = lastScanAt ? lastScanAt.getTime() : -Infinity;
  const sortedOffsets = [...new Set(offsets)].filter((o) => o > 0).sort((a, b) => a - b);
  const out: Reminder[] = [];
  for (const sub of subs) {
    if (sub.paused || sub.filter.groups.length === 0) continue;
    for (const m of meetings) {
      if (!sub.filter.groups.includes(m.groupId) || m.status === 'cancelled') continue;
      const startMs = meetingStartMs(m);
      if (startMs <= nowMs) continue;
      const previous = announced.get(announcedKey(sub.id, m.id));
      if (previous !== undefined && !sameStart(previous, m.start, m)) {
        out.push({ key: reminderKey({ subscriptionId: sub.id, meetingId: m.id, kind: 'moved', offsetMs: 0, start: m.start }), kind: 'moved', subscriptionId: sub.id, meeting: m, offsetMs: 0, fireAtMs: nowMs, previousStart: previous });
      }
      const meetingOffset = latestDue(startMs, sortedOffsets, fromMs, nowMs);
      if (meetingOffset !== undefined) {
        out.push({ key: reminderKey({ subscriptionId: sub.id, meetingId: m.id, kind: 'meeting', offsetMs: meetingOffset, start: m.start }), kind: 'meeting', subscriptionId: sub.id, meeting: m, offsetMs: meetingOffset, fireAtMs: startMs - meetingOffset });
      }
      for (const deadline of m.deadlines) {
        const dueMs = deadlineDueMs(deadline.at, m.timeZone);
        if (dueMs <= nowMs) continue;
        const offset = latestDue(dueMs, sortedOffsets, fromMs, nowMs);
        if (offset === undefined) continue;
        out.push({
          key: reminderKey({ subscriptionId: sub.id, meetingId: m.id, kind: 'deadline', offsetMs: offset, start: m.start, deadline }),
          kind: 'deadline',
          subscriptionId: sub.id,
          meeting: m,
          offsetMs: offset,
          fireAtMs: dueMs - offset,
          deadline,
        });
      }
    }
  }
  return out.sort((a, b) => a.fireAtMs - b.fireAtMs || a.key.localeCompare(b.key));
}

/** The smallest offset whose time (target − offset) lies in (fromMs, nowMs]. */
function latestDue(targetMs: number, sortedOffsets: readonly number[], fromMs: number, nowMs: number): number | undefined {
  return sortedOffsets.find((o) => {
    const at = targetMs - o;
    return at > fromMs && at <= nowMs;
  });
}

/** What the reminder scan remembers between runs (Redis in production). */
export interface ReminderState {
  lastScanAt(): Promise<Date | undefined>;
  setLastScanAt(at: Date): Promise<void>;
  /** The last start announced for each pair, keyed by announcedKey(). Pairs never announced are absent. */
  announcedStarts(pairs: readonly { subscriptionId: string; meetingId: string }[]): Promise<Map<string, string>>;
  setAnnounced(subscriptionId: string, meetingId: string, start: string): Promise<void>;
}
