/**
 * A local fake Matrix homeserver (client-server API) that the real matrix-js-sdk syncs with and
 * sends to. Tests drive the "other side" through the returned object and read what was stored.
 */
import { FaultQueue } from './faults.js';
import { listen } from './http-server.js';
import * as pushRules from './push-rules.js';
import type { StoredEvent } from './room.js';
import { accountRoutes } from './routes-account.js';
import { createRoomRoutes } from './routes-create-room.js';
import { roomRoutes } from './routes-rooms.js';
import { HomeserverState } from './state.js';
import type { FakeHomeserver, FakeHomeserverOptions, RecordedEvent, RecordedRequest } from './types.js';

export type * from './types.js';

function toRecorded(event: StoredEvent): RecordedEvent {
  const { pos: _pos, sentByToken: _token, ...recorded } = event;
  return structuredClone(recorded);
}

export async function startFakeHomeserver(opts: FakeHomeserverOptions = {}): Promise<FakeHomeserver> {
  const serverName = opts.serverName ?? 'example.org';
  const state = new HomeserverState(serverName);
  const faults = new FaultQueue();
  const requests: RecordedRequest[] = [];
  const routes = [...accountRoutes({ maxSyncWaitMs: opts.maxSyncWaitMs ?? 1000 }), ...roomRoutes(), ...createRoomRoutes()];
  const server = await listen({ state, routes, faults, requests });

  const requireMembership = (roomId: string, userId: string, allowed: string[]): void => {
    const membership = state.room(roomId).membership(userId) ?? 'none';
    if (!allowed.includes(membership)) throw new Error(`${userId} is ${membership} in ${roomId}, expected ${allowed.join('|')}`);
  };

  return {
    baseUrl: server.baseUrl,
    serverName,
    requests,
    registerUser(userId, userOpts) {
      const session = state.registerUser(userId, userOpts);
      return { userId: session.userId, accessToken: session.accessToken, deviceId: session.deviceId };
    },
    createRoom: (roomOpts) => state.createRoom(roomOpts),
    invite(roomId, inviter, invitee) {
      requireMembership(roomId, inviter, ['join']);
      state.user(invitee);
      state.setMembership(roomId, invitee, inviter, 'invite');
    },
    kick(roomId, userId, by) {
      requireMembership(roomId, userId, ['join', 'invite']);
      state.setMembership(roomId, userId, by, 'leave');
    },
    join(roomId, userId) {
      state.user(userId);
      state.setMembership(roomId, userId, userId, 'join');
    },
    setPowerLevel(roomId, userId, level) {
      const room = state.room(roomId);
      const current = room.stateEvent('m.room.power_levels', '');
      const content = structuredClone(current?.content ?? {}) as { users?: Record<string, number> };
      content.users = { ...content.users, [userId]: level };
      const sender = room.members('join').find((id) => room.userLevel(id) >= 100) ?? current?.sender ?? userId;
      state.store(roomId, { type: 'm.room.power_levels', sender, state_key: '', content });
    },
    sendAsUser(roomId, userId, content) {
      state.user(userId);
      requireMembership(roomId, userId, ['join']);
      return state.store(roomId, { type: 'm.room.message', sender: userId, content: { msgtype: 'm.text', ...content } }).event_id;
    },
    setStateAsUser(roomId, userId, type, stateKey, content) {
      return state.store(roomId, { type, sender: userId, state_key: stateKey, content }).event_id;
    },
    events: (roomId) => state.room(roomId).events.map(toRecorded),
    sentByBot(roomId) {
      const rooms = roomId === undefined ? [...state.rooms.values()] : [state.room(roomId)];
      return rooms
        .flatMap((room) => room.events)
        .filter((e) => e.viaApi)
        .sort((a, b) => a.pos - b.pos)
        .map(toRecorded);
    },
    accountData: (userId, type) => state.getAccountData(userId, type),
    failNext: (match, fault, times) => faults.add(match, fault, times),
    wouldNotifyRoom: (event, ruleOpts) => pushRules.wouldNotifyRoom(state.room(event.room_id), event, ruleOpts),
    wouldNotifyUser: (event, userId, ruleOpts) => pushRules.wouldNotifyUser(state.room(event.room_id), event, userId, ruleOpts),
    close: () => server.close(),
  };
}
