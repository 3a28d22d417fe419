// deliver: post one item's alert to one subscription's target, idempotently.
// The delivery log is checked first; the platform send carries a
// deterministic key (Discord nonce / Matrix txnId); a story already posted in
// that target is edited ("also reported by …") rather than posted again.
// New posts count against the target's hourly limit; what is over it is held
// back for the target's next digest (or, with no digest there, announced by a
// one-line notice at most once an hour and kept in the feed): nothing is lost.
import type { Logger } from 'pino';
import { alertMessage } from '../../core/alert.js';
import type { AlertLimiter } from '../../core/digest/ports.js';
import { errorMessage, PermanentError, TargetLostError } from '../../core/errors.js';
import type { Message } from '../../core/message.js';
import type { DeliveryLog, ItemStore, PlatformSink, SubscriptionStore } from '../../core/ports.js';
import type { Clock, Item, Platform, Subscription } from '../../core/types.js';

export interface DeliverJob {
  subscriptionId: string;
  itemId: string;
}

export interface DeliverOutcome {
  status: 'sent' | 'edited' | 'already-sent' | 'skipped' | 'held';
  messageId?: string;
  reason?: string;
}

/** The per-target hourly limit on new alert posts (edits of a story already posted do not count). */
/** How many other outlets an edited alert lists by name. */
export const MAX_ALSO_SHOWN = 8;

export interface AlertLimits {
  maxPerHour: number;
  limiter: AlertLimiter;
  /** True when the target has an active daily or weekly digest, which then carries what is held back. */
  targetHasDigest(platform: Platform, target: string): Promise<boolean>;
  /** The full list (the Atom feed), named in the held-back notice. */
  feedUrl: string;
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
  /** Without it, alerts are not limited (the terminal never is: it is a reader, not a channel). */
  limits?: AlertLimits;
  clock: Clock;
  log: Logger;
}

export async function deliverAlert(data: DeliverJob, deps: DeliverDeps, attempt = 1): Promise<DeliverOutcome> {
  // One round trip for the three reads (the Redis client pipelines concurrent commands).
  const [sub, done, item] = await Promise.all([deps.subscriptions.get(data.subscriptionId), deps.deliveries.get(data.subscriptionId, data.itemId), deps.items.get(data.itemId)]);
  if (!sub) return { status: 'skipped', reason: 'subscription removed' };
  if (sub.paused) return { status: 'skipped', reason: 'subscription paused' };
  if (done && (done.status === 'sent' || done.status === 'edited')) return { status: 'already-sent', messageId: done.messageId };
  if (done && done.status === 'skipped') return { status: 'held', reason: 'held back earlier by the hourly limit' };
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
      // The first report leads; the newest few others are listed (a big story must not load every item).
      const shown = [post.itemIds[0]!, ...post.itemIds.slice(1).slice(-(MAX_ALSO_SHOWN - 1))];
      const [first, ...others] = await deps.items.getMany(shown);
      const lead = first ?? item;
      const also = [...others, item]
        .filter((i) => i.id !== lead.id)
        .map((i) => ({ name: deps.sourceName(i.sourceId), url: i.url }));
      const hidden = post.itemIds.length - shown.length;
      if (hidden > 0) also.unshift({ name: `…and ${hidden} earlier report${hidden === 1 ? '' : 's'}`, url: '' });
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
    } else if (deps.limits && sub.platform !== 'terminal' && !(await deps.limits.limiter.take(sub.platform, sub.target, key, deps.clock.now().getTime(), deps.limits.maxPerHour))) {
      return await holdBack(sub, item, sink, deps.limits, deps, attempt, log);
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

export function heldBackNotice(count: number, limits: Pick<AlertLimits, 'maxPerHour' | 'feedUrl'>): Message {
  return {
    kind: 'notice',
    text: `${count} more matching item${count === 1 ? ' was' : 's were'} held back here (at most ${limits.maxPerHour} alerts an hour); more may follow. They are all in the feed: ${limits.feedUrl} — or get them in a digest: digest daily 09:00`,
    accent: 'info',
  };
}

/** Over the limit: hold the item for the target's digest, and without a digest say so at most once an hour. */
async function holdBack(sub: Subscription, item: Item, sink: PlatformSink, limits: AlertLimits, deps: DeliverDeps, attempt: number, log: Logger): Promise<DeliverOutcome> {
  const nowMs = deps.clock.now().getTime();
  const heldLastHour = await limits.limiter.hold(sub.platform, sub.target, item.id, nowMs);
  await deps.deliveries.record({ subscriptionId: sub.id, key: item.id, status: 'skipped', attempts: attempt, at: new Date(nowMs).toISOString() });
  const hasDigest = await limits.targetHasDigest(sub.platform, sub.target);
  log.info({ heldLastHour, hasDigest }, 'alert limit reached: item held back');
  if (!hasDigest && (await limits.limiter.claimNotice(sub.platform, sub.target, nowMs))) {
    const notice = heldBackNotice(heldLastHour, limits);
    const opts = { idempotencyKey: `${sub.id}-held-${Math.floor(nowMs / 3_600_000)}` };
    try {
      if (sub.personal && sink.sendToUser) await sink.sendToUser(sub.target, notice, opts);
      else await sink.send(sub.target, notice, opts);
    } catch (err) {
      log.warn({ err: errorMessage(err) }, 'could not send the held-back notice');
    }
  }
  return { status: 'held', reason: hasDigest ? 'over the hourly limit: held for the digest' : 'over the hourly limit: held back (notice sent at most hourly)' };
}
