// deliver: post one item's alert to one subscription's target, idempotently.
// The delivery log is checked first; the platform send carries a
// deterministic key (Discord nonce / Matrix txnId); a story already posted in
// that target is edited ("also reported by …") rather than posted again.
import type { Logger } from 'pino';
import { alertMessage } from '../../core/alert.js';
import { PermanentError, TargetLostError } from '../../core/errors.js';
import type { DeliveryLog, ItemStore, PlatformSink, SubscriptionStore } from '../../core/ports.js';
import type { Clock, Item, Platform, Subscription } from '../../core/types.js';

export interface DeliverJob {
  subscriptionId: string;
  itemId: string;
}

export interface DeliverOutcome {
  status: 'sent' | 'edited' | 'already-sent' | 'skipped';
  messageId?: string;
  reason?: string;
}

export interface DeliverDeps {
  subscriptions: Pick<SubscriptionStore, 'get' | 'update'>;
  items: Pick<ItemStore, 'get' | 'getMany'>;
  deliveries: DeliveryLog;
  sinks: Partial<Record<Platform, PlatformSink>>;
  sourceName(sourceId: string): string;
  groupNames(groupIds: string[]): string[];
  /** Told when a target is lost; the subscription is paused (the operators hear of it). */
  onTargetLost?(sub: Subscription, err: TargetLostError): void;
  /** Called just after a successful send, for metrics (item seen → alert sent). */
  onDelivered?(sub: Subscription, item: Item, status: 'sent' | 'edited'): void;
  clock: Clock;
  log: Logger;
}

export async function deliverAlert(data: DeliverJob, deps: DeliverDeps, attempt = 1): Promise<DeliverOutcome> {
  const sub = await deps.subscriptions.get(data.subscriptionId);
  if (!sub) return { status: 'skipped', reason: 'subscription removed' };
  if (sub.paused) return { status: 'skipped', reason: 'subscription paused' };
  const done = await deps.deliveries.get(sub.id, data.itemId);
  if (done && (done.status === 'sent' || done.status === 'edited')) return { status: 'already-sent', messageId: done.messageId };

  const item = await deps.items.get(data.itemId);
  if (!item) return { status: 'skipped', reason: 'item no longer stored' };
  const sink = deps.sinks[sub.platform];
  if (!sink) throw new PermanentError(`no ${sub.platform} connection is configured in this process`);
  const log = deps.log.child({ subscriptionId: sub.id, itemId: item.id, platform: sub.platform });

  const release = await deps.deliveries.lockStory(sub.platform, sub.target, item.storyId || item.id);
  try {
    const post = item.storyId ? await deps.deliveries.storyPost(sub.platform, sub.target, item.storyId) : undefined;
    const key = `${sub.id}-${item.id}`;
    let outcome: DeliverOutcome;
    if (post && !post.itemIds.includes(item.id)) {
      const [first, ...others] = await deps.items.getMany(post.itemIds);
      const lead = first ?? item;
      const also = [...others, item]
        .filter((i) => i.id !== lead.id)
        .map((i) => ({ name: deps.sourceName(i.sourceId), url: i.url }));
      const message = alertMessage(lead, { sourceName: deps.sourceName(lead.sourceId), groupNames: deps.groupNames(lead.groups), alsoReportedBy: also });
      const sent = await sink.edit(sub.target, post.messageId, message, { idempotencyKey: key });
      await deps.deliveries.setStoryPost(sub.platform, sub.target, item.storyId, {
        messageId: sent.messageId,
        sources: [...post.sources, item.sourceId],
        itemIds: [...post.itemIds, item.id],
      });
      outcome = { status: 'edited', messageId: sent.messageId };
    } else if (post) {
      outcome = { status: 'already-sent', messageId: post.messageId };
    } else {
      const message = alertMessage(item, { sourceName: deps.sourceName(item.sourceId), groupNames: deps.groupNames(item.groups) });
      const sent =
        sub.personal && sink.sendToUser
          ? await sink.sendToUser(sub.target, message, { idempotencyKey: key })
          : await sink.send(sub.target, message, { idempotencyKey: key });
      if (item.storyId) {
        await deps.deliveries.setStoryPost(sub.platform, sub.target, item.storyId, { messageId: sent.messageId, sources: [item.sourceId], itemIds: [item.id] });
      }
      outcome = { status: 'sent', messageId: sent.messageId };
    }
    await deps.deliveries.record({
      subscriptionId: sub.id,
      key: item.id,
      status: outcome.status === 'edited' ? 'edited' : 'sent',
      attempts: attempt,
      messageId: outcome.messageId,
      at: deps.clock.now().toISOString(),
    });
    if (outcome.status === 'sent' || outcome.status === 'edited') deps.onDelivered?.(sub, item, outcome.status);
    log.debug({ status: outcome.status }, 'alert delivered');
    return outcome;
  } catch (err) {
    if (err instanceof TargetLostError) {
      await deps.subscriptions.update({ ...sub, paused: true });
      await deps.deliveries.record({ subscriptionId: sub.id, key: item.id, status: 'failed', attempts: attempt, at: deps.clock.now().toISOString() });
      log.warn({ reason: err.reason }, 'target lost: subscription paused');
      deps.onTargetLost?.(sub, err);
    }
    throw err;
  } finally {
    await release();
  }
}
