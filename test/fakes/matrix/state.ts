/** Everything the fake homeserver knows: users, tokens, rooms, account data, the event stream. */
import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { FakeRoom, type StoredEvent } from './room.js';
import type { CreateRoomOptions, RegisterUserOptions } from './types.js';

export interface FakeUser {
  userId: string;
  displayName: string;
  password?: string;
}

export interface Session {
  userId: string;
  deviceId: string;
  accessToken: string;
}

interface AccountDataEntry {
  content: Record<string, unknown>;
  pos: number;
}

export interface NewEvent {
  type: string;
  sender: string;
  content: Record<string, unknown>;
  state_key?: string;
  redacts?: string;
  txnId?: string;
  viaApi?: boolean;
  sentByToken?: string;
}

/** Synapse's default m.room.power_levels content, with the given users and any overrides. */
export function defaultPowerLevelsContent(users: Record<string, number>, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    users,
    users_default: 0,
    events: {
      'm.room.name': 50,
      'm.room.power_levels': 100,
      'm.room.history_visibility': 100,
      'm.room.canonical_alias': 50,
      'm.room.avatar': 50,
      'm.room.tombstone': 100,
      'm.room.server_acl': 100,
      'm.room.encryption': 100,
    },
    events_default: 0,
    state_default: 50,
    ban: 50,
    kick: 50,
    redact: 50,
    invite: 50,
    historical: 100,
    notifications: { room: 50 },
    ...overrides,
  };
}

export const localpartOf = (userId: string): string => userId.slice(1).split(':')[0] ?? userId;

const randomId = (bytes: number): string => randomBytes(bytes).toString('base64url');

export class HomeserverState {
  /** Highest stream position handed out; sync tokens are built from it. */
  pos = 0;
  readonly users = new Map<string, FakeUser>();
  readonly sessions = new Map<string, Session>();
  readonly rooms = new Map<string, FakeRoom>();
  readonly aliases = new Map<string, string>();
  /** txn key (token + request path) → event id, for idempotent sends. */
  readonly transactions = new Map<string, string>();
  readonly filters = new Map<string, Map<string, unknown>>();
  private readonly accountData = new Map<string, Map<string, AccountDataEntry>>();
  private readonly changes = new EventEmitter();

  constructor(readonly serverName: string) {
    this.changes.setMaxListeners(0);
  }

  registerUser(userId: string, opts: RegisterUserOptions = {}): Session {
    if (!/^@[^:]+:.+$/.test(userId)) throw new Error(`not a Matrix user id: ${userId}`);
    const existing = this.users.get(userId);
    if (!existing) {
      this.users.set(userId, {
        userId,
        displayName: opts.displayName ?? localpartOf(userId),
        ...(opts.password !== undefined ? { password: opts.password } : {}),
      });
    } else {
      if (opts.displayName !== undefined) existing.displayName = opts.displayName;
      if (opts.password !== undefined) existing.password = opts.password;
      const session = [...this.sessions.values()].find(
        (s) => s.userId === userId && (opts.deviceId === undefined || s.deviceId === opts.deviceId),
      );
      if (session) return session;
    }
    return this.newSession(userId, opts.deviceId);
  }

  newSession(userId: string, deviceId?: string): Session {
    const session = { userId, deviceId: deviceId ?? `FAKE${randomId(6).toUpperCase()}`, accessToken: `syt_${randomId(24)}` };
    this.sessions.set(session.accessToken, session);
    return session;
  }

  user(userId: string): FakeUser {
    const user = this.users.get(userId);
    if (!user) throw new Error(`unknown user ${userId}: call registerUser first`);
    return user;
  }

  room(roomId: string): FakeRoom {
    const room = this.rooms.get(roomId);
    if (!room) throw new Error(`unknown room ${roomId}`);
    return room;
  }

  /** Appends an event to a room, gives it the next stream position, and wakes long polls. */
  store(roomId: string, input: NewEvent): StoredEvent {
    const room = this.room(roomId);
    this.pos += 1;
    const event: StoredEvent = {
      event_id: `$${randomId(32)}`,
      room_id: roomId,
      type: input.type,
      sender: input.sender,
      content: structuredClone(input.content),
      origin_server_ts: Date.now(),
      viaApi: input.viaApi ?? false,
      pos: this.pos,
      ...(input.state_key !== undefined ? { state_key: input.state_key } : {}),
      ...(input.redacts !== undefined ? { redacts: input.redacts } : {}),
      ...(input.txnId !== undefined ? { txnId: input.txnId } : {}),
      ...(input.sentByToken !== undefined ? { sentByToken: input.sentByToken } : {}),
    };
    room.append(event);
    if (event.type === 'm.room.redaction' && event.redacts) {
      const target = room.findEvent(event.redacts);
      if (target && target.state_key === undefined) {
        target.content = {};
        target.redactedBy = event.event_id;
      }
    }
    this.changes.emit('change');
    return event;
  }

  setMembership(roomId: string, userId: string, sender: string, membership: string, extra: Record<string, unknown> = {}): StoredEvent {
    const user = this.users.get(userId);
    const content: Record<string, unknown> = { membership, ...extra };
    if (membership === 'join' || membership === 'invite') content['displayname'] = user?.displayName ?? localpartOf(userId);
    return this.store(roomId, { type: 'm.room.member', sender, state_key: userId, content });
  }

  createRoom(opts: CreateRoomOptions): string {
    const roomId = opts.roomId ?? `!${randomId(12)}:${this.serverName}`;
    if (this.rooms.has(roomId)) throw new Error(`room ${roomId} exists`);
    this.user(opts.creator);
    this.rooms.set(roomId, new FakeRoom(roomId));
    const creator = opts.creator;
    const direct = opts.direct === true ? { is_direct: true } : {};
    this.store(roomId, { type: 'm.room.create', sender: creator, state_key: '', content: { creator, room_version: '10' } });
    this.setMembership(roomId, creator, creator, 'join', direct);
    this.store(roomId, {
      type: 'm.room.power_levels',
      sender: creator,
      state_key: '',
      // invite 0: anyone in a room made by the test harness may invite.
      content: defaultPowerLevelsContent({ [creator]: 100, ...opts.powerLevels }, { invite: 0 }),
    });
    this.store(roomId, { type: 'm.room.join_rules', sender: creator, state_key: '', content: { join_rule: opts.joinRule ?? 'invite' } });
    this.store(roomId, { type: 'm.room.history_visibility', sender: creator, state_key: '', content: { history_visibility: 'shared' } });
    if (opts.name !== undefined) this.store(roomId, { type: 'm.room.name', sender: creator, state_key: '', content: { name: opts.name } });
    if (opts.alias !== undefined) {
      this.aliases.set(opts.alias, roomId);
      this.store(roomId, { type: 'm.room.canonical_alias', sender: creator, state_key: '', content: { alias: opts.alias } });
    }
    if (opts.encrypted === true) {
      this.store(roomId, {
        type: 'm.room.encryption',
        sender: creator,
        state_key: '',
        content: { algorithm: 'm.megolm.v1.aes-sha2' },
      });
    }
    for (const member of opts.members ?? []) {
      if (member === creator) continue;
      this.user(member);
      this.setMembership(roomId, member, member, 'join', direct);
    }
    if (opts.direct === true) {
      const everyone = [creator, ...(opts.members ?? [])];
      for (const userId of everyone) {
        for (const other of everyone) if (other !== userId) this.addDirect(userId, other, roomId);
      }
    }
    return roomId;
  }

  private addDirect(userId: string, other: string, roomId: string): void {
    const current = (this.getAccountData(userId, 'm.direct') ?? {}) as Record<string, string[]>;
    const rooms = current[other] ?? [];
    if (!rooms.includes(roomId)) this.setAccountData(userId, 'm.direct', { ...current, [other]: [...rooms, roomId] });
  }

  setAccountData(userId: string, type: string, content: Record<string, unknown>): void {
    let perUser = this.accountData.get(userId);
    if (!perUser) {
      perUser = new Map();
      this.accountData.set(userId, perUser);
    }
    this.pos += 1;
    perUser.set(type, { content: structuredClone(content), pos: this.pos });
    this.changes.emit('change');
  }

  getAccountData(userId: string, type: string): Record<string, unknown> | undefined {
    return this.accountData.get(userId)?.get(type)?.content;
  }

  /** Account data of a user changed after `since` (all of it when since is undefined). */
  accountDataSince(userId: string, since: number | undefined): Array<{ type: string; content: Record<string, unknown> }> {
    const perUser = this.accountData.get(userId);
    if (!perUser) return [];
    return [...perUser.entries()]
      .filter(([type]) => !type.includes('\u0000')) // room-scoped entries are keyed `roomId\0type`
      .filter(([, entry]) => since === undefined || entry.pos > since)
      .map(([type, entry]) => ({ type, content: entry.content }));
  }

  /** Resolves when anything is stored, or after `ms`; `signal` ends the wait early. */
  waitForChange(ms: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.changes.off('change', done);
        signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.changes.on('change', done);
      signal.addEventListener('abort', done);
    });
  }
}
