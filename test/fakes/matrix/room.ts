/** One room of the fake homeserver: its events in stream order, and its state at any point. */
import type { RecordedEvent } from './types.js';

/** A stored event plus its position in the server-wide stream. */
export interface StoredEvent extends RecordedEvent {
  pos: number;
  /** Access token that sent it, so only that device sees `unsigned.transaction_id`. */
  sentByToken?: string;
}

export type Membership = 'join' | 'invite' | 'leave' | 'ban' | 'knock';

export interface PowerLevelsContent {
  users?: Record<string, number>;
  users_default?: number;
  events?: Record<string, number>;
  events_default?: number;
  state_default?: number;
  ban?: number;
  kick?: number;
  redact?: number;
  invite?: number;
  notifications?: Record<string, number>;
}

const stateKeyOf = (type: string, stateKey: string): string => `${type}\u0000${stateKey}`;

export class FakeRoom {
  readonly events: StoredEvent[] = [];
  private readonly current = new Map<string, StoredEvent>();

  constructor(readonly roomId: string) {}

  append(event: StoredEvent): void {
    this.events.push(event);
    if (event.state_key !== undefined) this.current.set(stateKeyOf(event.type, event.state_key), event);
  }

  /** Current state, or the state as it was right after stream position `pos`. */
  stateAt(pos?: number): StoredEvent[] {
    if (pos === undefined) return [...this.current.values()];
    const state = new Map<string, StoredEvent>();
    for (const event of this.events) {
      if (event.pos > pos) break;
      if (event.state_key !== undefined) state.set(stateKeyOf(event.type, event.state_key), event);
    }
    return [...state.values()];
  }

  stateEvent(type: string, stateKey: string, pos?: number): StoredEvent | undefined {
    if (pos === undefined) return this.current.get(stateKeyOf(type, stateKey));
    return this.stateAt(pos).find((e) => e.type === type && e.state_key === stateKey);
  }

  memberEvent(userId: string, pos?: number): StoredEvent | undefined {
    return this.stateEvent('m.room.member', userId, pos);
  }

  membership(userId: string, pos?: number): Membership | undefined {
    const membership = this.memberEvent(userId, pos)?.content['membership'];
    return typeof membership === 'string' ? (membership as Membership) : undefined;
  }

  members(membership: Membership = 'join'): string[] {
    return this.stateAt()
      .filter((e) => e.type === 'm.room.member' && e.content['membership'] === membership)
      .map((e) => e.state_key ?? '');
  }

  powerLevels(): PowerLevelsContent {
    return (this.stateEvent('m.room.power_levels', '')?.content ?? {}) as PowerLevelsContent;
  }

  userLevel(userId: string): number {
    const pl = this.powerLevels();
    return pl.users?.[userId] ?? pl.users_default ?? 0;
  }

  /** Level needed to send an event of this type (state or not). */
  levelForEvent(type: string, isState: boolean): number {
    const pl = this.powerLevels();
    const specific = pl.events?.[type];
    if (specific !== undefined) return specific;
    return isState ? (pl.state_default ?? 50) : (pl.events_default ?? 0);
  }

  levelFor(action: 'kick' | 'ban' | 'redact' | 'invite'): number {
    const pl = this.powerLevels();
    const defaults = { kick: 50, ban: 50, redact: 50, invite: 0 } as const;
    return pl[action] ?? defaults[action];
  }

  findEvent(eventId: string): StoredEvent | undefined {
    return this.events.find((e) => e.event_id === eventId);
  }

  displayName(userId: string): string | undefined {
    const name = this.memberEvent(userId)?.content['displayname'];
    return typeof name === 'string' ? name : undefined;
  }
}
