// A command is answered once, ever: its event id is claimed in Redis (SET NX
// with a TTL) before it runs, so a sync replayed after a crash, or a second bot
// process on the same account, does not answer it again.
import type { Redis } from 'ioredis';

export const HANDLED_TTL_S = 30 * 86_400;

export function handledKey(prefix: string, eventId: string): string {
  return `${prefix}:matrix:handled:${eventId}`;
}

/** True when this call claimed the event (nobody handled it before). */
export async function claimCommand(redis: Redis, prefix: string, eventId: string, ttlS = HANDLED_TTL_S): Promise<boolean> {
  return (await redis.set(handledKey(prefix, eventId), '1', 'EX', ttlS, 'NX')) === 'OK';
}
