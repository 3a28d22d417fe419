// remind: send one planned reminder to one subscription, once. The delivery log is checked
// first and written after the send; the platform send carries the reminder key as its
// idempotency key (Discord nonce / Matrix txnId); the announced start is kept so that a moved
// meeting is re-announced by a later scan.
import type { Logger } from 'pino';
import { PermanentError, TargetLostError } from '../../core/errors.js';
import { reminderMessage } from '../../core/meetings/reminder-message.js';
import type { Reminder, ReminderState } from '../../core/meetings/reminders.js';
import type { DeliveryLog, PlatformSink, SubscriptionStore } from '../../core/ports.js';
import type { Clock, Platform, Subscription } from '../../core/types.js';

export interface RemindDeps {
  subscriptions: Pick<SubscriptionStore, 'get' | 'update'>;
  deliveries: Pick<DeliveryLog, 'get' | 'record'>;
  sinks: Partial<Record<Platform, PlatformSink>>;
  state: Pick<ReminderState, 'setAnnounced'>;
  groupName(groupId: string): string;
  onTargetLost?(sub: Subscription, err: TargetLostError): void;
  clock: Clock;
  log: Logger;
}

export interface RemindOutcome {
  status: 'sent' | 'already-sent' | 'skipped';
  messageId?: string;
  reason?: string;
}

export async function sendReminder(data: Reminder, deps: RemindDeps, attempt = 1): Promise<RemindOutcome> {
  const sub = await deps.subscriptions.get(data.subscriptionId);
  if (!sub) return { status: 'skipped', reason: 'subscription removed' };
  if (sub.paused) return { status: 'skipped', reason: 'subscription paused' };
  if (!sub.filter.groups.includes(data.meeting.groupId)) return { status: 'skipped', reason: 'subscription no longer follows the group' };
  const done = await deps.deliveries.get(sub.id, data.key);
  if (done && done.status === 'sent') return { status: 'already-sent', messageId: done.messageId };
  const sink = deps.sinks[sub.platform];
  if (!sink) throw new PermanentError(`no ${sub.platform} connection is configured in this process`);
  const log = deps.log.child({ subscriptionId: sub.id, meetingId: data.meeting.id, reminder: data.kind });
  const now = deps.clock.now();
  const message = reminderMessage(data, { groupName: deps.groupName(data.meeting.groupId), readerZone: sub.timeZone, now });
  try {
    const opts = { idempotencyKey: data.key };
    const sent = sub.personal && sink.sendToUser ? await sink.sendToUser(sub.target, message, opts) : await sink.send(sub.target, message, opts);
    await deps.deliveries.record({ subscriptionId: sub.id, key: data.key, status: 'sent', attempts: attempt, messageId: sent.messageId, at: now.toISOString() });
    await deps.state.setAnnounced(sub.id, data.meeting.id, data.meeting.start);
    log.debug('reminder sent');
    return { status: 'sent', messageId: sent.messageId };
  } catch (err) {
    if (err instanceof TargetLostError) {
      await deps.subscriptions.update({ ...sub, paused: true });
      await deps.deliveries.record({ subscriptionId: sub.id, key: data.key, status: 'failed', attempts: attempt, at: now.toISOString() });
      log.warn({ reason: err.reason }, 'target lost: subscription paused');
      deps.onTargetLost?.(sub, err);
    }
    throw err;
  }
}
