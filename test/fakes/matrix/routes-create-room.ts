/**
 * `POST /v3/createRoom`, the way Synapse builds a new room: m.room.create, the creator's join,
 * power levels (creator at 100; trusted_private_chat gives the original invitees 100 too), join
 * rules and history visibility per preset, guest access for the private presets, `initial_state`,
 * name, topic, and then one invite per `invite` entry (carrying `is_direct` when asked for).
 * Like Synapse it does not touch anyone's m.direct account data: that is the clients' job.
 */
import { randomBytes } from 'node:crypto';
import { FakeRoom } from './room.js';
import { defaultPowerLevelsContent } from './state.js';
import { MatrixHttpError, objectBody, requireSession, route, type Route, type RouteContext } from './router.js';

interface Preset {
  joinRule: 'invite' | 'public';
  invitesHaveOps: boolean;
  guestCanJoin: boolean;
  powerOverride: Record<string, unknown>;
}

const PRESETS: Record<string, Preset> = {
  private_chat: { joinRule: 'invite', invitesHaveOps: false, guestCanJoin: true, powerOverride: { invite: 0 } },
  trusted_private_chat: { joinRule: 'invite', invitesHaveOps: true, guestCanJoin: true, powerOverride: { invite: 0 } },
  public_chat: { joinRule: 'public', invitesHaveOps: false, guestCanJoin: false, powerOverride: {} },
};

const USER_ID = /^@[^:\s]+:[A-Za-z0-9.-]+(:\d+)?$/;

const LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** Synapse's room ids: 18 random ASCII letters. */
const randomLetters = (n: number): string => [...randomBytes(n)].map((b) => LETTERS[b % LETTERS.length]).join('');

const badJson = (message: string): MatrixHttpError => new MatrixHttpError(400, 'M_BAD_JSON', message);

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function optionalString(body: Record<string, unknown>, key: string): string | undefined {
  const value = body[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw badJson(`${key} must be a string`);
  return value;
}

function inviteList(body: Record<string, unknown>): string[] {
  const invite = body['invite'] ?? [];
  if (!Array.isArray(invite)) throw badJson('invite must be a list of user ids');
  for (const userId of invite) {
    if (typeof userId !== 'string' || !USER_ID.test(userId)) throw new MatrixHttpError(400, 'M_UNKNOWN', `Invalid user_id: ${String(userId)}`);
  }
  return [...new Set(invite as string[])];
}

/** `initial_state` as (type, state_key) → content, later entries winning like Synapse's OrderedDict. */
function initialState(body: Record<string, unknown>): Map<string, { type: string; stateKey: string; content: Record<string, unknown> }> {
  const raw = body['initial_state'] ?? [];
  if (!Array.isArray(raw)) throw badJson('initial_state must be a list');
  const out = new Map<string, { type: string; stateKey: string; content: Record<string, unknown> }>();
  for (const entry of raw) {
    if (!isObject(entry) || typeof entry['type'] !== 'string' || !isObject(entry['content'])) {
      throw badJson('initial_state entries need a type and a content object');
    }
    const stateKey = typeof entry['state_key'] === 'string' ? entry['state_key'] : '';
    out.set(`${entry['type']}\u0000${stateKey}`, { type: entry['type'], stateKey, content: entry['content'] });
  }
  return out;
}

function defaultPowerLevels(creator: string, invites: string[], preset: Preset): Record<string, unknown> {
  const users: Record<string, number> = { [creator]: 100 };
  if (preset.invitesHaveOps) for (const userId of invites) users[userId] = 100;
  return defaultPowerLevelsContent(users, preset.powerOverride);
}

function createRoom(ctx: RouteContext): { room_id: string } {
  const session = requireSession(ctx);
  const creator = session.userId;
  const body = objectBody(ctx);
  const visibility = optionalString(body, 'visibility') ?? 'private';
  const presetName = optionalString(body, 'preset') ?? (visibility === 'public' ? 'public_chat' : 'private_chat');
  const preset = PRESETS[presetName];
  if (!preset) throw badJson(`'${presetName}' is not a valid preset`);
  const invites = inviteList(body);
  const name = optionalString(body, 'name');
  const topic = optionalString(body, 'topic');
  const state = initialState(body);
  const override = body['power_level_content_override'];
  if (override !== undefined && !isObject(override)) throw badJson('power_level_content_override must be an object');
  if (override && isObject(override['users']) && !(creator in override['users'])) {
    throw new MatrixHttpError(400, 'M_UNKNOWN', `Not a valid power_level_content_override: 'users' did not contain ${creator}`);
  }
  const creationContent = isObject(body['creation_content']) ? body['creation_content'] : {};

  const roomId = `!${randomLetters(18)}:${ctx.state.serverName}`;
  ctx.state.rooms.set(roomId, new FakeRoom(roomId));
  const put = (type: string, content: Record<string, unknown>, stateKey = ''): void => {
    ctx.state.store(roomId, { type, sender: creator, state_key: stateKey, content });
  };
  const take = (type: string): Record<string, unknown> | undefined => {
    const key = `${type}\u0000`;
    const entry = state.get(key);
    state.delete(key);
    return entry?.content;
  };

  put('m.room.create', { ...creationContent, room_version: '10', creator });
  ctx.state.setMembership(roomId, creator, creator, 'join');
  put('m.room.power_levels', take('m.room.power_levels') ?? { ...defaultPowerLevels(creator, invites, preset), ...override });
  put('m.room.join_rules', take('m.room.join_rules') ?? { join_rule: preset.joinRule });
  put('m.room.history_visibility', take('m.room.history_visibility') ?? { history_visibility: 'shared' });
  if (preset.guestCanJoin) put('m.room.guest_access', take('m.room.guest_access') ?? { guest_access: 'can_join' });
  for (const entry of state.values()) put(entry.type, entry.content, entry.stateKey);
  if (name !== undefined) put('m.room.name', { name });
  if (topic !== undefined) put('m.room.topic', { topic });
  const direct = body['is_direct'] === true ? { is_direct: true } : {};
  for (const invitee of invites) {
    if (invitee !== creator) ctx.state.setMembership(roomId, invitee, creator, 'invite', direct);
  }
  return { room_id: roomId };
}

export function createRoomRoutes(): Route[] {
  return [route('POST', 'v3/createRoom', createRoom)];
}
