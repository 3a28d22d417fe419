// Tells the operators' channel and/or room when something breaks and when it
// heals — once per incident. An incident is a Redis key set with NX when the
// trouble starts (only the process that sets it reports) and deleted on recovery
// (only the process that deletes it reports the recovery). Sends carry
// deterministic idempotency keys, so a retried send posts once.
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { errorMessage, type TargetLostError } from '../core/errors.js';
import { shortHash } from '../core/ids.js';
import type { Message } from '../core/message.js';
import type { PlatformSink } from '../core/ports.js';
import type { Clock, Platform, Source, SourceHealth, Subscription } from '../core/types.js';
import { queueCalmMessage, queueFailingMessage, sourceFailingMessage, sourceRecoveredMessage, targetBackMessage, targetLostMessage } from './operator-messages.js';

export interface OperatorTargets {
  discord?: string;
  matrix?: string;
}

export interface OperatorReporterOptions {
  redis: Redis;
  prefix: string;
  /** Read at send time: adapters may add their sink after this is built. */
  sinks: Partial<Record<Platform, PlatformSink>>;
  operators: OperatorTargets;
  clock: Clock;
  log: Logger;
  /** New failed jobs between two queueFailures() calls that make an incident (default 20). */
  queueFailureThreshold?: number;
}

export interface OperatorReporter {
  /** Hook for PollDeps.onHealthChange. Never throws. */
  sourceHealthChanged(source: Source, health: SourceHealth, previous: SourceHealth | undefined): Promise<void>;
  /** Hook for DeliverDeps.onTargetLost. Never throws. */
  targetLost(sub: Subscription, err: TargetLostError): Promise<void>;
  /** Hook for DeliverDeps.onDelivered: closes a lost-target incident when posting works again. Never throws. */
  targetReachable(platform: Platform, target: string): Promise<void>;
  /** Call periodically (e.g. every minute) with the queue's failed-job count. Never throws. */
  queueFailures(queue: string, failedCount: number): Promise<void>;
}

interface Incident {
  openedAt: string;
}

const INCIDENT_TTL_S = 90 * 86_400;

export function createOperatorReporter(opts: OperatorReporterOptions): OperatorReporter {
  const { redis, log } = opts;
  const threshold = opts.queueFailureThreshold ?? 20;
  const key = (...parts: string[]) => [opts.prefix, 'ops', ...parts].join(':');

  async function send(incidentKey: string, phase: 'open' | 'close', openedAt: string, message: Message): Promise<number> {
    const idempotencyKey = `ops-${phase === 'open' ? 'o' : 'c'}${shortHash(`${incidentKey}\u0000${openedAt}`, 16)}`;
    let sent = 0;
    const targets = Object.entries(opts.operators).filter(([, target]) => !!target) as [Platform, string][];
    if (targets.length === 0) log.warn({ incident: incidentKey, phase, title: message.title }, 'operator report not sent: no operators channel or room is configured');
    for (const [platform, target] of targets) {
      const sink = opts.sinks[platform];
      if (!sink) {
        log.warn({ incident: incidentKey, platform }, 'operator report not sent: that platform is not connected in this process');
        continue;
      }
      try {
        await sink.send(target, message, { idempotencyKey });
        sent++;
      } catch (err) {
        log.error({ err: errorMessage(err), incident: incidentKey, platform, target }, 'operator report could not be sent');
      }
    }
    log.info({ incident: incidentKey, phase, sent }, phase === 'open' ? 'operators told of an incident' : 'operators told of a recovery');
    return sent;
  }

  /** Opens the incident; true when this call opened it (and should report). */
  async function open(incidentKey: string, at: string): Promise<boolean> {
    const value: Incident = { openedAt: at };
    return (await redis.set(incidentKey, JSON.stringify(value), 'EX', INCIDENT_TTL_S, 'NX')) === 'OK';
  }

  /** Closes the incident; the incident when this call closed it (and should report). */
  async function close(incidentKey: string): Promise<Incident | undefined> {
    const [[, value], [, deleted]] = (await redis.multi().get(incidentKey).del(incidentKey).exec()) as [[unknown, string | null], [unknown, number]];
    if (deleted !== 1 || !value) return undefined;
    return JSON.parse(value) as Incident;
  }

  const guard = async (what: string, fn: () => Promise<void>) => {
    try {
      await fn();
    } catch (err) {
      log.error({ err: errorMessage(err), what }, 'operator reporting failed');
    }
  };

  return {
    sourceHealthChanged: (source, health, previous) =>
      guard('source-health', async () => {
        const incidentKey = key('incident', 'source', source.id);
        if (!health.healthy) {
          const at = health.lastError?.at ?? opts.clock.now().toISOString();
          if (await open(incidentKey, at)) await send(incidentKey, 'open', at, sourceFailingMessage(source, health));
        } else {
          const incident = await close(incidentKey);
          if (incident) await send(incidentKey, 'close', incident.openedAt, sourceRecoveredMessage(source, health, incident.openedAt));
        }
      }),
    targetLost: (sub, err) =>
      guard('target-lost', async () => {
        const incidentKey = key('incident', 'target', sub.platform, sub.target);
        const at = opts.clock.now().toISOString();
        if (await open(incidentKey, at)) await send(incidentKey, 'open', at, targetLostMessage(sub, err.reason, at));
      }),
    targetReachable: (platform, target) =>
      guard('target-back', async () => {
        const incidentKey = key('incident', 'target', platform, target);
        const incident = await close(incidentKey);
        if (incident) await send(incidentKey, 'close', incident.openedAt, targetBackMessage(platform, target, incident.openedAt));
      }),
    queueFailures: (queue, failedCount) =>
      guard('queue-failures', async () => {
        const previous = await redis.getset(key('queue', queue, 'failed'), String(failedCount));
        if (previous === null) return; // first look: a baseline, not a burst
        const fresh = Math.max(0, failedCount - Number(previous));
        const incidentKey = key('incident', 'queue', queue);
        const at = opts.clock.now().toISOString();
        if (fresh >= threshold) {
          if (await open(incidentKey, at)) await send(incidentKey, 'open', at, queueFailingMessage(queue, fresh, failedCount, at));
        } else if (fresh === 0) {
          const incident = await close(incidentKey);
          if (incident) await send(incidentKey, 'close', incident.openedAt, queueCalmMessage(queue, incident.openedAt));
        }
      }),
  };
}
