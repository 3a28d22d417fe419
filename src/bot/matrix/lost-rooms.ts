// Rooms the bot was removed from (kicked or banned). Deliveries to them fail at
// once as TargetLost instead of asking the homeserver each time; a new invite
// that the bot accepts clears the note.
import type { Redis } from 'ioredis';

export interface LostRoom {
  by: string;
  reason?: string;
  at: string;
}

export interface LostRooms {
  mark(roomId: string, info: LostRoom): Promise<void>;
  clear(roomId: string): Promise<void>;
  get(roomId: string): Promise<LostRoom | undefined>;
}

export function lostRoomsKey(prefix: string): string {
  return `${prefix}:matrix:lost-rooms`;
}

export function createRedisLostRooms(redis: Redis, prefix: string): LostRooms {
  const key = lostRoomsKey(prefix);
  return {
    async mark(roomId, info) {
      await redis.hset(key, roomId, JSON.stringify(info));
    },
    async clear(roomId) {
      await redis.hdel(key, roomId);
    },
    async get(roomId) {
      const raw = await redis.hget(key, roomId);
      return raw ? (JSON.parse(raw) as LostRoom) : undefined;
    },
  };
}
