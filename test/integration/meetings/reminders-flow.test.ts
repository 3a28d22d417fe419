// The reminder scan and the remind processor against a real Redis: each reminder goes out
// once, a "restart" (fresh clients, lost scan time) sends nothing again, a moved meeting is
// re-announced once.
import { Redis } from 'ioredis';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import type { Reminder } from '../../../src/core/meetings/reminders.js';
import type { Message } from '../../../src/core/message.js';
import type { PlatformSink } from '../../../src/core/ports.js';
import type { Meeting, Subscription } from '../../../src/core/types.js';
import { sendReminder, type RemindOutcome } from '../../../src/jobs/processors/remind.js';
import { scanReminders } from '../../../src/jobs/reminder-scan.js';
import { createRedisReminderState } from '../../../src/store/reminder-state.js';
import { createRedisDeliveryLog } from '../../../src/store/delivery-log.js';
import { createKeys } from '../../../src/store/keys.js';
import { createRedisSubscriptionStore } from '../../../src/store/subscription-store.js';
import { deleteByPrefix, TEST_REDIS_URL, testPrefix } from '../../helpers/redis.js';

const DAY = 86_400_000;
const prefix = testPrefix('meetings-remind');
const log = pino({ level: 'silent' });
const clients: Redis[] = [];

afterAll(async () => {
  for (const c of clients) c.disconnect();
  await deleteByPrefix(prefix);
});

const sent: { target: string; message: Message; key: string }[] = [];
const sink: PlatformSink = {
  platform: 'discord',
  async send(target, message, opts) {
    sent.push({ target, message, key: opts.idempotencyKey });
    return { messageId: `msg-${sent.length}` };
  },
  async edit() {
    throw new Error('reminders never edit');
  },
};

const sub: Subscription = {
  id: 'sub-1',
  platform: 'discord',
  target: 'chan-1',
  personal: false,
  filter: { tags: [], keywords: [], groups: ['itu-t-sg17'], sources: [], minScore: 0 },
  mode: 'instant',
  timeZone: 'America/New_York',
  createdBy: 'u1',
  createdAt: '2025-01-01T00:00:00Z',
};

let meetings: Meeting[] = [
  { id: 'm-sg17', groupId: 'itu-t-sg17', title: 'SG17 meeting', start: '2025-04-08T09:30:00+02:00', end: '2025-04-17T17:30:00+02:00', allDay: false, timeZone: 'Europe/Zurich', location: 'Geneva', deadlines: [], origin: 'sg17-ics' },
];
let now = new Date(Date.parse('2025-04-08T07:30:00Z') - 7 * DAY - 60_000);

/** A fresh set of clients and stores, as a restarted process would have. */
function boot() {
  const redis = new Redis(TEST_REDIS_URL);
  clients.push(redis);
  const keys = createKeys(prefix);
  const subscriptions = createRedisSubscriptionStore(redis, keys);
  const deliveries = createRedisDeliveryLog(redis, keys);
  const state = createRedisReminderState(redis, prefix);
  const outcomes: RemindOutcome[] = [];
  const remindDeps = { subscriptions, deliveries, sinks: { discord: sink }, state, groupName: () => 'ITU-T SG17', clock: { now: () => now }, log };
  const scan = () =>
    scanReminders({
      meetings: { all: async () => meetings },
      subscriptions,
      state,
      offsets: [7 * DAY, DAY],
      // Stands in for the remind queue + worker: each planned job is processed at once.
      enqueue: async (reminders: Reminder[]) => {
        for (const r of reminders) outcomes.push(await sendReminder(JSON.parse(JSON.stringify(r)) as Reminder, remindDeps));
      },
      clock: { now: () => now },
      log,
    });
  return { redis, subscriptions, state, scan, outcomes };
}

describe('meeting reminders end to end', () => {
  it('sends the 7-day and 1-day reminders once each, survives a restart, and re-announces a moved meeting', async () => {
    let p = boot();
    await p.subscriptions.add(sub);

    expect(await p.scan()).toEqual({ planned: 0 });
    expect(sent).toHaveLength(0);

    now = new Date(now.getTime() + 5 * 60_000); // the 7-day point has passed
    await p.scan();
    expect(sent.map((s) => s.message.title)).toEqual(['Starts in 7 days: ITU-T SG17 — SG17 meeting']);
    expect(sent[0]!.key).toMatch(/^rem[0-9a-f]{16}$/);

    // Restart: new clients, and the last scan time lost — the delivery log still stops a second send.
    p = boot();
    await p.redis.del(`${prefix}:remind:last-scan`);
    const again = await p.scan();
    expect(again.planned).toBe(1);
    expect(p.outcomes.map((o) => o.status)).toEqual(['already-sent']);
    expect(sent).toHaveLength(1);

    now = new Date(Date.parse('2025-04-08T07:30:00Z') - DAY + 60_000);
    await p.scan();
    await p.scan();
    expect(sent.map((s) => s.message.title)).toEqual(['Starts in 7 days: ITU-T SG17 — SG17 meeting', 'Starts tomorrow: ITU-T SG17 — SG17 meeting']);
    expect(sent[1]!.message.fields?.find((f) => f.name === 'Your time')?.value).toBe('Tue 8 Apr 2025 03:30–Thu 17 Apr 11:30 America/New_York');

    // The organiser moves the meeting by two days.
    meetings = [{ ...meetings[0]!, start: '2025-04-10T09:30:00+02:00', end: '2025-04-19T17:30:00+02:00', sequence: 1 }];
    now = new Date(now.getTime() + 5 * 60_000);
    await p.scan();
    p = boot();
    await p.scan();
    expect(sent).toHaveLength(3);
    expect(sent[2]!.message.title).toBe('Moved: ITU-T SG17 — SG17 meeting');
    expect(sent[2]!.message.text).toBe('moved: was Tue 8 Apr 2025 03:30 America/New_York, now Thu 10 Apr 2025 03:30 America/New_York.');
    expect(await p.state.announcedStarts([{ subscriptionId: 'sub-1', meetingId: 'm-sg17' }])).toEqual(new Map([['sub-1|m-sg17', '2025-04-10T09:30:00+02:00']]));

    // Its new 1-day point still gets its reminder.
    now = new Date(Date.parse('2025-04-10T07:30:00Z') - DAY + 60_000);
    await p.scan();
    expect(sent.map((s) => s.message.title).slice(3)).toEqual(['Starts tomorrow: ITU-T SG17 — SG17 meeting']);
  });

  it('skips a subscription that no longer follows the group', async () => {
    const p = boot();
    await p.subscriptions.update({ ...sub, filter: { ...sub.filter, groups: ['w3c-tpac'] } });
    const reminder = { key: 'rem0000000000000000', kind: 'meeting', subscriptionId: 'sub-1', meeting: meetings[0]!, offsetMs: DAY, fireAtMs: 0 } as Reminder;
    const before = sent.length;
    const outcome = await sendReminder(reminder, { subscriptions: p.subscriptions, deliveries: createRedisDeliveryLog(p.redis, createKeys(prefix)), sinks: { discord: sink }, state: p.state, groupName: () => 'x', clock: { now: () => now }, log });
    expect(outcome).toEqual({ status: 'skipped', reason: 'subscription no longer follows the group' });
    expect(sent.length).toBe(before);
  });
});
