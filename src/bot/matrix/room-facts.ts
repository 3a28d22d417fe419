// What the bot must know about a room to answer a command there, read from
// the homeserver at that moment (after a restart from a sync token the SDK
// holds only the state that changed since): power levels, encryption, and
// whether it is a direct room.
import type { Logger } from 'pino';
import { MatrixRequestError, pathOf, type MatrixRest } from './rest.js';

export const MANAGE_LEVEL = 50;

export interface RoomFacts {
  powerLevel(roomId: string, userId: string): Promise<number>;
  isEncrypted(roomId: string): Promise<boolean>;
  isDirect(roomId: string): Promise<boolean>;
}

interface PowerLevels {
  users?: Record<string, unknown>;
  users_default?: unknown;
}

/** A user's level from m.room.power_levels content (users, else users_default, else 0). */
export function levelFrom(content: PowerLevels | undefined, userId: string): number {
  const specific = content?.users?.[userId];
  if (typeof specific === 'number') return specific;
  return typeof content?.users_default === 'number' ? content.users_default : 0;
}

export function createRoomFacts(rest: MatrixRest, botUserId: string, log: Logger): RoomFacts {
  async function state<T>(roomId: string, type: string, stateKey = ''): Promise<T | undefined> {
    try {
      return await rest.request<T>('GET', pathOf('rooms', roomId, 'state', type, stateKey));
    } catch (err) {
      if (err instanceof MatrixRequestError && err.status === 404) return undefined;
      throw err;
    }
  }

  return {
    async powerLevel(roomId, userId) {
      try {
        return levelFrom(await state<PowerLevels>(roomId, 'm.room.power_levels'), userId);
      } catch (err) {
        log.warn({ roomId, err: (err as Error).message }, 'could not read power levels; treating the user as level 0');
        return 0;
      }
    },
    async isEncrypted(roomId) {
      return (await state(roomId, 'm.room.encryption')) !== undefined;
    },
    async isDirect(roomId) {
      let direct: Record<string, unknown> = {};
      try {
        direct = await rest.request<Record<string, unknown>>('GET', pathOf('user', botUserId, 'account_data', 'm.direct'));
      } catch (err) {
        if (!(err instanceof MatrixRequestError && err.status === 404)) throw err;
      }
      if (Object.values(direct).some((rooms) => Array.isArray(rooms) && rooms.includes(roomId))) return true;
      const me = await state<{ is_direct?: unknown }>(roomId, 'm.room.member', botUserId);
      if (me?.is_direct !== true) return false;
      const { joined } = await rest.request<{ joined?: Record<string, unknown> }>('GET', pathOf('rooms', roomId, 'joined_members'));
      return Object.keys(joined ?? {}).length === 2;
    },
  };
}
