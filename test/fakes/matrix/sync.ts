/** Builds `/sync` responses for one user from the fake's event stream. */
import type { FakeRoom, StoredEvent } from './room.js';
import type { HomeserverState, Session } from './state.js';

type ClientEvent = Record<string, unknown>;

export interface SyncResponse {
  next_batch: string;
  account_data: { events: ClientEvent[] };
  presence: { events: ClientEvent[] };
  to_device: { events: ClientEvent[] };
  rooms: {
    join: Record<string, unknown>;
    invite: Record<string, unknown>;
    leave: Record<string, unknown>;
  };
}

/** State types a homeserver shows an invitee before they join (stripped state). */
const INVITE_STATE_TYPES = new Set([
  'm.room.create',
  'm.room.name',
  'm.room.avatar',
  'm.room.join_rules',
  'm.room.canonical_alias',
  'm.room.encryption',
  'm.room.topic',
]);

export const syncToken = (pos: number): string => `s${pos}`;

/** Parses `s12` / `t12` / `12` stream tokens; undefined when absent or malformed. */
export function parseToken(token: string | undefined): number | undefined {
  if (token === undefined) return undefined;
  const match = /^[st]?(\d+)$/.exec(token);
  return match?.[1] !== undefined ? Number(match[1]) : undefined;
}

/** Event in the client-server "client format" (as /sync, /messages and /state return it). */
export function toClientEvent(event: StoredEvent, viewer: Session | undefined, withRoomId = false): ClientEvent {
  const unsigned: Record<string, unknown> = { age: Math.max(0, Date.now() - event.origin_server_ts) };
  if (event.txnId !== undefined && viewer !== undefined && event.sentByToken === viewer.accessToken) {
    unsigned['transaction_id'] = event.txnId;
  }
  if (event.redactedBy !== undefined) {
    unsigned['redacted_because'] = { event_id: event.redactedBy, type: 'm.room.redaction' };
  }
  return {
    type: event.type,
    sender: event.sender,
    content: event.content,
    event_id: event.event_id,
    origin_server_ts: event.origin_server_ts,
    unsigned,
    ...(event.state_key !== undefined ? { state_key: event.state_key } : {}),
    ...(event.redacts !== undefined ? { redacts: event.redacts } : {}),
    ...(withRoomId ? { room_id: event.room_id } : {}),
  };
}

/** Timeline limit asked for by the client's filter (`room.timeline.limit`), if any. */
export function timelineLimit(filter: unknown, fallback: number): number {
  if (typeof filter !== 'object' || filter === null) return fallback;
  const room = (filter as { room?: { timeline?: { limit?: unknown } } }).room;
  const limit = room?.timeline?.limit;
  return typeof limit === 'number' && limit > 0 ? Math.min(limit, 100) : fallback;
}

function joinedRoomSection(room: FakeRoom, viewer: Session, since: number | undefined, limit: number): unknown {
  const freshJoin = since === undefined || room.membership(viewer.userId, since) !== 'join';
  const candidates = freshJoin ? room.events : room.events.filter((e) => e.pos > since);
  const timeline = candidates.slice(-limit);
  const limited = candidates.length > timeline.length;
  const first = timeline[0];
  const beforeTimeline = first ? first.pos - 1 : room.events.at(-1)?.pos ?? 0;
  let state = room.stateAt(beforeTimeline);
  // For a room already joined, only state that changed in the gap the timeline skipped.
  if (!freshJoin && since !== undefined) state = state.filter((e) => e.pos > since);
  return {
    state: { events: state.map((e) => toClientEvent(e, viewer)) },
    timeline: {
      events: timeline.map((e) => toClientEvent(e, viewer)),
      limited,
      prev_batch: `t${beforeTimeline}`,
    },
    ephemeral: { events: [] },
    account_data: { events: [] },
    unread_notifications: { notification_count: 0, highlight_count: 0 },
    summary: {},
  };
}

function inviteSection(room: FakeRoom, viewer: Session): unknown {
  const stripped = room
    .stateAt()
    .filter((e) => INVITE_STATE_TYPES.has(e.type) || (e.type === 'm.room.member' && e.state_key === viewer.userId))
    .map((e) => ({ type: e.type, sender: e.sender, state_key: e.state_key ?? '', content: e.content }));
  const inviter = room.memberEvent(viewer.userId)?.sender;
  const inviterMember = inviter !== undefined ? room.memberEvent(inviter) : undefined;
  if (inviterMember && inviter !== viewer.userId) {
    stripped.push({ type: 'm.room.member', sender: inviter ?? '', state_key: inviter ?? '', content: inviterMember.content });
  }
  return { invite_state: { events: stripped } };
}

function leaveSection(room: FakeRoom, viewer: Session, since: number, leaveEvent: StoredEvent): unknown {
  const wasJoined = room.membership(viewer.userId, since) === 'join';
  const timeline = wasJoined ? room.events.filter((e) => e.pos > since && e.pos <= leaveEvent.pos) : [leaveEvent];
  return {
    state: { events: [] },
    timeline: { events: timeline.map((e) => toClientEvent(e, viewer)), limited: false, prev_batch: `t${since}` },
    account_data: { events: [] },
  };
}

/** The sync response for `viewer` since `since` (undefined: initial sync). */
export function buildSync(state: HomeserverState, viewer: Session, since: number | undefined, limit: number): SyncResponse {
  const now = state.pos;
  const response: SyncResponse = {
    next_batch: syncToken(now),
    account_data: { events: state.accountDataSince(viewer.userId, since) },
    presence: { events: [] },
    to_device: { events: [] },
    rooms: { join: {}, invite: {}, leave: {} },
  };
  for (const room of state.rooms.values()) {
    const memberEvent = room.memberEvent(viewer.userId);
    const membership = room.membership(viewer.userId);
    if (!memberEvent || membership === undefined) continue;
    const changedSince = since === undefined || room.events.some((e) => e.pos > since);
    if (!changedSince) continue;
    if (membership === 'join') {
      response.rooms.join[room.roomId] = joinedRoomSection(room, viewer, since, limit);
    } else if (membership === 'invite' && (since === undefined || memberEvent.pos > since)) {
      response.rooms.invite[room.roomId] = inviteSection(room, viewer);
    } else if ((membership === 'leave' || membership === 'ban') && since !== undefined && memberEvent.pos > since) {
      const before = room.membership(viewer.userId, since);
      if (before === 'join' || before === 'invite') {
        response.rooms.leave[room.roomId] = leaveSection(room, viewer, since, memberEvent);
      }
    }
  }
  return response;
}

export function isEmptySync(response: SyncResponse): boolean {
  const { join, invite, leave } = response.rooms;
  return (
    response.account_data.events.length === 0 &&
    Object.keys(join).length === 0 &&
    Object.keys(invite).length === 0 &&
    Object.keys(leave).length === 0
  );
}
