// Direct rooms with users, for personal alerts and digests: the room listed
// for that user in the bot's `m.direct` account data (and still joined), or a
// new one created with `is_direct` and an invite, then recorded in `m.direct`.
import type { Logger } from 'pino';
import { MatrixRequestError, pathOf, type MatrixRest } from './rest.js';

export type DirectMap = Record<string, string[]>;

export interface DirectRooms {
  /** The direct room with this user, if one is known and the bot is still in it. */
  find(userId: string): Promise<string | undefined>;
  /** …or a new one (the user is invited). */
  findOrCreate(userId: string): Promise<string>;
  /** Records a room as direct with `userId` in the bot's m.direct (e.g. after joining a DM invite). */
  remember(userId: string, roomId: string): Promise<void>;
  /** Forgets a cached room (the bot lost it). */
  forget(roomId: string): void;
}

export function createDirectRooms(rest: MatrixRest, botUserId: string, log: Logger): DirectRooms {
  const cache = new Map<string, string>();
  const pending = new Map<string, Promise<string>>();
  const directPath = `${pathOf('user', botUserId, 'account_data', 'm.direct')}`;

  async function readDirect(): Promise<DirectMap> {
    try {
      const content = await rest.request<Record<string, unknown>>('GET', directPath);
      const out: DirectMap = {};
      for (const [user, rooms] of Object.entries(content)) {
        if (Array.isArray(rooms)) out[user] = rooms.filter((r): r is string => typeof r === 'string');
      }
      return out;
    } catch (err) {
      if (err instanceof MatrixRequestError && err.status === 404) return {};
      throw err;
    }
  }

  async function joinedRooms(): Promise<Set<string>> {
    const { joined_rooms: rooms } = await rest.request<{ joined_rooms?: string[] }>('GET', '/joined_rooms');
    return new Set(rooms ?? []);
  }

  async function remember(userId: string, roomId: string): Promise<void> {
    const direct = await readDirect();
    const rooms = direct[userId] ?? [];
    if (!rooms.includes(roomId)) await rest.request('PUT', directPath, { ...direct, [userId]: [...rooms, roomId] });
    cache.set(userId, roomId);
  }

  async function find(userId: string): Promise<string | undefined> {
    const cached = cache.get(userId);
    if (cached) return cached;
    const candidates = (await readDirect())[userId] ?? [];
    if (candidates.length === 0) return undefined;
    const joined = await joinedRooms();
    const found = [...candidates].reverse().find((roomId) => joined.has(roomId));
    if (found) cache.set(userId, found);
    return found;
  }

  async function create(userId: string): Promise<string> {
    const existing = await find(userId);
    if (existing) return existing;
    const { room_id: roomId } = await rest.request<{ room_id: string }>('POST', '/createRoom', {
      preset: 'trusted_private_chat',
      is_direct: true,
      invite: [userId],
    });
    log.info({ userId, roomId }, 'created a direct room for personal alerts');
    await remember(userId, roomId);
    return roomId;
  }

  return {
    find,
    remember,
    findOrCreate(userId) {
      // One creation per user at a time: parallel alerts must not open two rooms.
      let running = pending.get(userId);
      if (!running) {
        running = create(userId).finally(() => pending.delete(userId));
        pending.set(userId, running);
      }
      return running;
    },
    forget(roomId) {
      for (const [user, cached] of cache) if (cached === roomId) cache.delete(user);
    },
  };
}
