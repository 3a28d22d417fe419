// The reminder scan: every few minutes, plan the reminders due since the last scan
// (dueReminders) and enqueue one `remind` job each; the job id and the delivery log make a
// repeated plan (a restart, two scanners) a no-op. Also the BullMQ glue (enqueuer, repeating
// scheduler). The scan state lives in src/store/reminder-state.ts.
import type { Queue } from 'bullmq';
import type { Logger } from 'pino';
import type { SubscriptionStore } from '../core/ports.js';
import { dueReminders, type Reminder, type ReminderState } from '../core/meetings/reminders.js';
import { meetingStartMs } from '../core/meetings/time.js';
import type { Clock, Meeting } from '../core/types.js';
import { jobIds } from './queues.js';

export interface ScanDeps {
  meetings: { all(): Promise<Meeting[]> };
  subscriptions: Pick<SubscriptionStore, 'all'>;
  state: ReminderState;
  /** config.reminders.beforeMs (7 days and 1 day by default). */
  offsets: number[];
  enqueue(reminders: Reminder[]): Promise<void>;
  clock: Clock;
  log: Logger;
}

export interface ScanOutcome {
  planned: number;
  since?: string;
}

export async function scanReminders(deps: ScanDeps): Promise<ScanOutcome> {
  const now = deps.clock.now();
  const last = await deps.state.lastScanAt();
  const [meetings, subs] = await Promise.all([deps.meetings.all(), deps.subscriptions.all()]);
  const ahead = meetings.filter((m) => meetingStartMs(m) > now.getTime());
  const pairs = subs.flatMap((s) => (s.paused ? [] : ahead.filter((m) => s.filter.groups.includes(m.groupId)).map((m) => ({ subscriptionId: s.id, meetingId: m.id }))));
  const announced = pairs.length ? await deps.state.announcedStarts(pairs) : new Map<string, string>();
  const reminders = dueReminders(ahead, subs, now, deps.offsets, last, announced);
  if (reminders.length) await deps.enqueue(reminders);
  await deps.state.setLastScanAt(now);
  if (reminders.length) deps.log.info({ planned: reminders.length }, 'meeting reminders planned');
  return { planned: reminders.length, ...(last ? { since: last.toISOString() } : {}) };
}

/** `enqueue` for ScanDeps: one `remind` job per reminder, its id derived from the reminder key. */
export function createReminderEnqueuer(queue: Queue): (reminders: Reminder[]) => Promise<void> {
  return async (reminders) => {
    await queue.addBulk(reminders.map((r) => ({ name: 'remind', data: r, opts: { jobId: jobIds.remind(r.key) } })));
  };
}

export const REMINDER_SCAN_JOB = 'reminder-scan';

/** Runs the scan every `everyMs` as a `reminder-scan` job on the remind queue (one scheduler per installation). */
export async function scheduleReminderScan(queue: Queue, everyMs = 5 * 60_000): Promise<void> {
  await queue.upsertJobScheduler(REMINDER_SCAN_JOB, { every: everyMs }, { name: REMINDER_SCAN_JOB, data: {}, opts: { removeOnComplete: { count: 50 }, removeOnFail: { count: 50 } } });
}
