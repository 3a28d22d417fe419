// digest: send one subscriber's digest for the period its job fired in —
// everything recorded for it since the last digest actually sent (a missed
// run drops nothing), plus what the hourly alert limit held back in its
// target. Once per period: the delivery log is checked (key digest-<period>)
// and the platform send carries `${subId}-digest-${period}`.
import type { Logger } from 'pino';
import { composeDigest, type DigestNames } from '../../core/digest/compose.js';
import type { DigestLedger } from '../../core/digest/ports.js';
import { digestPeriod, isDigestMode } from '../../core/digest/period.js';
import { PermanentError, TargetLostError } from '../../core/errors.js';
import type { Message } from '../../core/message.js';
import type { DeliveryLog, ItemStore, PlatformSink, SubscriptionStore } from '../../core/ports.js';
import type { Clock, Meeting, Platform, Subscription } from '../../core/types.js';

export interface DigestJob {
  subscriptionId: string;
  /** When the scheduler fired this run (ms); decides the period. Defaults to now. */
  firedAt?: number;
}

export interface DigestOutcome {
  status: 'sent' | 'already-sent' | 'nothing-new' | 'skipped';
  period?: string;
  messageId?: string;
  /** Items the digest carried. */
  items?: number;
  reason?: string;
}

export interface DigestDeps {
  subscriptions: Pick<SubscriptionStore, 'get' | 'update'>;
  items: Pick<ItemStore, 'getMany'>;
  meetings: { all(): Promise<Meeting[]> };
  ledger: DigestLedger;
  deliveries: Pick<DeliveryLog, 'get' | 'record'>;
  sinks: Partial<Record<Platform, PlatformSink>>;
  names: DigestNames;
  publicUrl: string;
  onTargetLost?(sub: Subscription, err: TargetLostError): void;
  onDelivered?(sub: Subscription, itemCount: number): void;
  clock: Clock;
  log: Logger;
}

export interface BuiltDigest {
  message: Message;
  itemIds: string[];
  heldIds: string[];
  empty: boolean;
}

/** Gathers and composes what the subscription's next digest holds, without sending or forgetting anything. */
export async function buildDigest(sub: Subscription, deps: Omit<DigestDeps, 'sinks' | 'deliveries' | 'subscriptions' | 'log'>, opts: { preview?: boolean } = {}): Promise<BuiltDigest> {
  const [pending, held, lastSent, meetings] = await Promise.all([
    deps.ledger.pending(sub.id),
    deps.ledger.held(sub.platform, sub.target),
    deps.ledger.lastSentAt(sub.id),
    deps.meetings.all(),
  ]);
  const ids = [...new Set([...pending, ...held].map((e) => e.itemId))];
  const items = ids.length ? await deps.items.getMany(ids) : [];
  const stored = new Set(items.map((i) => i.id));
  const heldStored = held.filter((h) => stored.has(h.itemId) && !pending.some((p) => p.itemId === h.itemId)).length;
  const message = composeDigest({
    subscription: sub,
    items,
    heldBack: heldStored,
    meetings,
    now: deps.clock.now(),
    since: lastSent ?? sub.createdAt,
    publicUrl: deps.publicUrl,
    names: deps.names,
    preview: opts.preview,
  });
  // Ids no longer stored are forgotten too, so they do not linger in the ledger.
  return { message, itemIds: pending.map((p) => p.itemId), heldIds: held.map((h) => h.itemId), empty: items.length === 0 };
}

export async function sendDigest(data: DigestJob, deps: DigestDeps, attempt = 1): Promise<DigestOutcome> {
  const sub = await deps.subscriptions.get(data.subscriptionId);
  if (!sub) return { status: 'skipped', reason: 'subscription removed' };
  if (sub.paused) return { status: 'skipped', reason: 'subscription paused' };
  if (!isDigestMode(sub.mode)) return { status: 'skipped', reason: 'not a digest subscription' };
  const period = digestPeriod(sub, data.firedAt ?? deps.clock.now().getTime());
  const key = `digest-${period}`;
  const log = deps.log.child({ subscriptionId: sub.id, platform: sub.platform, period });

  const before = await deps.deliveries.get(sub.id, key);
  if (before?.status === 'sent') return { status: 'already-sent', period, messageId: before.messageId };
  const sink = deps.sinks[sub.platform];
  if (!sink) throw new PermanentError(`no ${sub.platform} connection is configured in this process`);

  const release = await deps.ledger.lock(sub.id);
  try {
    const done = await deps.deliveries.get(sub.id, key);
    if (done?.status === 'sent') return { status: 'already-sent', period, messageId: done.messageId };
    const built = await buildDigest(sub, deps);
    if (built.empty && !sub.sendEmpty) {
      log.debug('nothing new: digest not sent');
      return { status: 'nothing-new', period, items: 0 };
    }
    const opts = { idempotencyKey: `${sub.id}-digest-${period}` };
    const sent = sub.personal && sink.sendToUser ? await sink.sendToUser(sub.target, built.message, opts) : await sink.send(sub.target, built.message, opts);
    const nowMs = deps.clock.now().getTime();
    await deps.deliveries.record({ subscriptionId: sub.id, key, status: 'sent', attempts: attempt, messageId: sent.messageId, at: new Date(nowMs).toISOString() });
    await deps.ledger.markSent({ subscriptionId: sub.id, platform: sub.platform, target: sub.target, itemIds: built.itemIds, heldIds: built.heldIds, atMs: nowMs });
    const count = new Set([...built.itemIds, ...built.heldIds]).size;
    deps.onDelivered?.(sub, count);
    log.info({ items: count }, 'digest sent');
    return { status: 'sent', period, messageId: sent.messageId, items: count };
  } catch (err) {
    if (err instanceof TargetLostError) {
      await deps.subscriptions.update({ ...sub, paused: true });
      await deps.deliveries.record({ subscriptionId: sub.id, key, status: 'failed', attempts: attempt, at: deps.clock.now().toISOString() });
      log.warn({ reason: err.reason }, 'target lost: digest paused');
      deps.onTargetLost?.(sub, err);
    }
    throw err;
  } finally {
    await release();
  }
}

/** `digest preview`: what the next digest would hold now; sends and forgets nothing. */
export interface DigestPreviewer {
  preview(sub: Subscription): Promise<Message>;
}

export function createDigestPreviewer(deps: Omit<DigestDeps, 'sinks' | 'deliveries' | 'subscriptions' | 'log'>): DigestPreviewer {
  return { preview: async (sub) => (await buildDigest(sub, deps, { preview: true })).message };
}
