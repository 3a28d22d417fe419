// The reminder scan's state in Redis: when it last ran, and the start last announced per
// (subscription, meeting) so a moved meeting is re-announced.
import type { Redis } from 'ioredis';
import { announcedKey, type ReminderState } from '../core/meetings/reminders.js';

/** Scan state in Redis: `<prefix>:remind:last-scan` and the hash `<prefix>:remind:announced`. */
export function createRedisReminderState(redis: Redis, prefix: string): ReminderState {
  const lastKey = `${prefix}:remind:last-scan`;
  const announcedHash = `${prefix}:remind:announced`;
  return {
    async lastScanAt() {
      const value = await redis.get(lastKey);
      return value ? new Date(value) : undefined;
    },
    async setLastScanAt(at) {
      await redis.set(lastKey, at.toISOString());
    },
    async announcedStarts(pairs) {
      const fields = pairs.map((p) => announcedKey(p.subscriptionId, p.meetingId));
      const out = new Map<string, string>();
      for (let i = 0; i < fields.length; i += 500) {
        const chunk = fields.slice(i, i + 500);
        const values = await redis.hmget(announcedHash, ...chunk);
        chunk.forEach((f, j) => {
          const v = values[j];
          if (v) out.set(f, v);
        });
      }
      return out;
    },
    async setAnnounced(subscriptionId, meetingId, start) {
      await redis.hset(announcedHash, announcedKey(subscriptionId, meetingId), start);
    },
  };
}
