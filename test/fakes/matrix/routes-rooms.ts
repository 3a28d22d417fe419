/** Room routes: membership, sending (idempotent per transaction id), redaction, state, members, history. */
import type { FakeRoom } from './room.js';
import { forbidden, MatrixHttpError, notFound, objectBody, param, requireSession, route, type Route, type RouteContext } from './router.js';
import type { HomeserverState } from './state.js';
import { parseToken, toClientEvent } from './sync.js';

function knownRoom(state: HomeserverState, roomId: string): FakeRoom {
  const room = state.rooms.get(roomId);
  if (!room) throw forbidden(`Unknown room ${roomId}`);
  return room;
}

function joinedRoom(ctx: RouteContext): FakeRoom {
  const session = requireSession(ctx);
  const roomId = param(ctx, 'roomId');
  const room = knownRoom(ctx.state, roomId);
  if (room.membership(session.userId) !== 'join') throw forbidden(`User ${session.userId} not in room ${roomId}`);
  return room;
}

function targetUser(ctx: RouteContext): string {
  const userId = objectBody(ctx)['user_id'];
  if (typeof userId !== 'string') throw new MatrixHttpError(400, 'M_MISSING_PARAM', 'Missing user_id');
  return userId;
}

function join(ctx: RouteContext, roomIdOrAlias: string): { room_id: string } {
  const session = requireSession(ctx);
  const roomId = roomIdOrAlias.startsWith('#') ? ctx.state.aliases.get(roomIdOrAlias) : roomIdOrAlias;
  const room = roomId !== undefined ? ctx.state.rooms.get(roomId) : undefined;
  if (!room) throw notFound(`No known servers for ${roomIdOrAlias}`);
  const membership = room.membership(session.userId);
  if (membership === 'join') return { room_id: room.roomId };
  if (membership === 'ban') throw forbidden('You are banned from this room');
  const joinRule = room.stateEvent('m.room.join_rules', '')?.content['join_rule'];
  if (membership !== 'invite' && joinRule !== 'public') throw forbidden('You are not invited to this room.');
  const isDirect = room.memberEvent(session.userId)?.content['is_direct'] === true ? { is_direct: true } : {};
  ctx.state.setMembership(room.roomId, session.userId, session.userId, 'join', isDirect);
  return { room_id: room.roomId };
}

function send(ctx: RouteContext): { event_id: string } {
  const session = requireSession(ctx);
  const room = joinedRoom(ctx);
  const type = param(ctx, 'type');
  const txnId = param(ctx, 'txnId');
  const txnKey = `${session.accessToken}\u0000send\u0000${room.roomId}\u0000${type}\u0000${txnId}`;
  const known = ctx.state.transactions.get(txnKey);
  if (known !== undefined) return { event_id: known };
  if (room.userLevel(session.userId) < room.levelForEvent(type, false)) {
    throw forbidden(`You don't have permission to post ${type} events`);
  }
  const event = ctx.state.store(room.roomId, {
    type,
    sender: session.userId,
    content: objectBody(ctx),
    txnId,
    viaApi: true,
    sentByToken: session.accessToken,
  });
  ctx.state.transactions.set(txnKey, event.event_id);
  return { event_id: event.event_id };
}

function redact(ctx: RouteContext): { event_id: string } {
  const session = requireSession(ctx);
  const room = joinedRoom(ctx);
  const eventId = param(ctx, 'eventId');
  const txnId = param(ctx, 'txnId');
  const txnKey = `${session.accessToken}\u0000redact\u0000${room.roomId}\u0000${eventId}\u0000${txnId}`;
  const known = ctx.state.transactions.get(txnKey);
  if (known !== undefined) return { event_id: known };
  const target = room.findEvent(eventId);
  if (!target) throw notFound('Event not found');
  if (target.sender !== session.userId && room.userLevel(session.userId) < room.levelFor('redact')) {
    throw forbidden('You don\'t have permission to redact events');
  }
  const reason = objectBody(ctx)['reason'];
  const event = ctx.state.store(room.roomId, {
    type: 'm.room.redaction',
    sender: session.userId,
    redacts: eventId,
    content: { redacts: eventId, ...(typeof reason === 'string' ? { reason } : {}) },
    txnId,
    viaApi: true,
    sentByToken: session.accessToken,
  });
  ctx.state.transactions.set(txnKey, event.event_id);
  return { event_id: event.event_id };
}

function putState(ctx: RouteContext): { event_id: string } {
  const session = requireSession(ctx);
  const room = joinedRoom(ctx);
  const type = param(ctx, 'type');
  if (room.userLevel(session.userId) < room.levelForEvent(type, true)) {
    throw forbidden(`You don't have permission to post ${type} events`);
  }
  const event = ctx.state.store(room.roomId, {
    type,
    sender: session.userId,
    state_key: param(ctx, 'stateKey'),
    content: objectBody(ctx),
    viaApi: true,
    sentByToken: session.accessToken,
  });
  return { event_id: event.event_id };
}

function invite(ctx: RouteContext): Record<string, never> {
  const session = requireSession(ctx);
  const room = joinedRoom(ctx);
  const invitee = targetUser(ctx);
  if (room.userLevel(session.userId) < room.levelFor('invite')) throw forbidden('You don\'t have permission to invite users');
  const current = room.membership(invitee);
  if (current === 'join') throw forbidden(`${invitee} is already in the room.`);
  if (current === 'ban') throw forbidden(`${invitee} is banned from the room`);
  ctx.state.setMembership(room.roomId, invitee, session.userId, 'invite');
  return {};
}

function kick(ctx: RouteContext): Record<string, never> {
  const session = requireSession(ctx);
  const room = joinedRoom(ctx);
  const target = targetUser(ctx);
  const level = room.userLevel(session.userId);
  if (level < room.levelFor('kick') || level <= room.userLevel(target)) {
    throw forbidden('You don\'t have permission to kick this user');
  }
  const current = room.membership(target);
  if (current !== 'join' && current !== 'invite') throw forbidden(`${target} is not in the room`);
  const reason = objectBody(ctx)['reason'];
  ctx.state.setMembership(room.roomId, target, session.userId, 'leave', typeof reason === 'string' ? { reason } : {});
  return {};
}

function leave(ctx: RouteContext): Record<string, never> {
  const session = requireSession(ctx);
  const room = knownRoom(ctx.state, param(ctx, 'roomId'));
  const current = room.membership(session.userId);
  if (current === 'join' || current === 'invite') ctx.state.setMembership(room.roomId, session.userId, session.userId, 'leave');
  return {};
}

function getState(ctx: RouteContext): unknown {
  const room = joinedRoom(ctx);
  const session = requireSession(ctx);
  if (ctx.params['type'] === undefined) return room.stateAt().map((e) => toClientEvent(e, session, true));
  const event = room.stateEvent(param(ctx, 'type'), param(ctx, 'stateKey'));
  if (!event) throw notFound('Event not found.');
  return event.content;
}

function messages(ctx: RouteContext): unknown {
  const room = joinedRoom(ctx);
  const session = requireSession(ctx);
  const backwards = (ctx.query.get('dir') ?? 'b') === 'b';
  const limit = Math.max(1, Math.min(Number(ctx.query.get('limit') ?? 10) || 10, 100));
  const from = parseToken(ctx.query.get('from') ?? undefined) ?? ctx.state.pos;
  const picked = backwards
    ? room.events.filter((e) => e.pos <= from).reverse().slice(0, limit)
    : room.events.filter((e) => e.pos > from).slice(0, limit);
  const last = picked.at(-1);
  const end = last === undefined ? undefined : `t${backwards ? last.pos - 1 : last.pos}`;
  return {
    chunk: picked.map((e) => toClientEvent(e, session, true)),
    start: `t${from}`,
    ...(end !== undefined && picked.length === limit ? { end } : {}),
  };
}

export function roomRoutes(): Route[] {
  const accept = (): Record<string, never> => ({});
  return [
    route('POST', 'v3/join/:roomIdOrAlias', (ctx) => join(ctx, param(ctx, 'roomIdOrAlias'))),
    route('POST', 'v3/rooms/:roomId/join', (ctx) => join(ctx, param(ctx, 'roomId'))),
    route('POST', 'v3/rooms/:roomId/leave', leave),
    route('POST', 'v3/rooms/:roomId/invite', invite),
    route('POST', 'v3/rooms/:roomId/kick', kick),
    route('PUT', 'v3/rooms/:roomId/send/:type/:txnId', send),
    route('PUT', 'v3/rooms/:roomId/redact/:eventId/:txnId', redact),
    route('PUT', 'v3/rooms/:roomId/state/:type/:stateKey?', putState),
    route('GET', 'v3/rooms/:roomId/state', getState),
    route('GET', 'v3/rooms/:roomId/state/:type/:stateKey?', getState),
    route('GET', 'v3/rooms/:roomId/members', (ctx) => ({
      chunk: joinedRoom(ctx).stateAt().filter((e) => e.type === 'm.room.member').map((e) => toClientEvent(e, ctx.session, true)),
    })),
    route('GET', 'v3/rooms/:roomId/joined_members', (ctx) => {
      const room = joinedRoom(ctx);
      const joined = Object.fromEntries(room.members('join').map((id) => [id, { display_name: room.displayName(id) ?? null, avatar_url: null }]));
      return { joined };
    }),
    route('GET', 'v3/rooms/:roomId/event/:eventId', (ctx) => {
      const event = joinedRoom(ctx).findEvent(param(ctx, 'eventId'));
      if (!event) throw notFound('Event not found.');
      return toClientEvent(event, ctx.session, true);
    }),
    route('GET', 'v3/rooms/:roomId/messages', messages),
    route('POST', 'v3/rooms/:roomId/read_markers', (ctx) => (joinedRoom(ctx), {})),
    route('POST', 'v3/rooms/:roomId/receipt/:receiptType/:eventId', (ctx) => (joinedRoom(ctx), {})),
    route('PUT', 'v3/rooms/:roomId/typing/:userId', (ctx) => (joinedRoom(ctx), accept())),
    route('GET', 'v3/joined_rooms', (ctx) => {
      const session = requireSession(ctx);
      const rooms = [...ctx.state.rooms.values()].filter((r) => r.membership(session.userId) === 'join');
      return { joined_rooms: rooms.map((r) => r.roomId) };
    }),
  ];
}
