/** `POST /createRoom` on the fake homeserver, driven by the real matrix-js-sdk and by plain HTTP. */
import { MatrixError, Preset, type MatrixClient } from 'matrix-js-sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeHomeserver, type FakeHomeserver, type RecordedEvent } from '../fakes/matrix/index.js';
import { eventually, quietSdkLogs, startSdkClient } from '../fakes/matrix/sdk-helpers.js';

const BOT = '@sw:example.org';
const ALICE = '@alice:example.org';
const BOB = '@bob:example.org';

quietSdkLogs();

const fakes: FakeHomeserver[] = [];
const clients: MatrixClient[] = [];

afterEach(async () => {
  for (const client of clients.splice(0)) client.stopClient();
  for (const fake of fakes.splice(0)) await fake.close();
});

async function startFake(): Promise<FakeHomeserver> {
  const fake = await startFakeHomeserver({ serverName: 'example.org', maxSyncWaitMs: 200 });
  fakes.push(fake);
  fake.registerUser(BOT, { displayName: 'Standards Watch' });
  fake.registerUser(ALICE, { displayName: 'Alice' });
  fake.registerUser(BOB, { displayName: 'Bob' });
  return fake;
}

async function client(fake: FakeHomeserver, userId: string): Promise<MatrixClient> {
  const c = await startSdkClient(fake, userId);
  clients.push(c);
  return c;
}

async function createRoomRaw(fake: FakeHomeserver, userId: string, body: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${fake.baseUrl}/_matrix/client/v3/createRoom`, {
    method: 'POST',
    headers: { authorization: `Bearer ${fake.registerUser(userId).accessToken}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

const stateOf = (events: RecordedEvent[], type: string, stateKey = ''): RecordedEvent | undefined =>
  events.filter((e) => e.type === type && e.state_key === stateKey).at(-1);

describe('fake homeserver POST /createRoom', () => {
  it('creates a trusted private direct room: creator joined at 100, invitee invited with is_direct and ops, seen in the invitee\'s sync', async () => {
    const fake = await startFake();
    const bot = await client(fake, BOT);
    const alice = await client(fake, ALICE);
    const { room_id: roomId } = await bot.createRoom({ preset: Preset.TrustedPrivateChat, is_direct: true, invite: [ALICE], name: 'Alerts', topic: 'Personal alerts' });
    expect(roomId).toMatch(/^![A-Za-z]{18}:example\.org$/);

    const events = fake.events(roomId);
    expect(events.map((e) => e.type)).toEqual([
      'm.room.create',
      'm.room.member',
      'm.room.power_levels',
      'm.room.join_rules',
      'm.room.history_visibility',
      'm.room.guest_access',
      'm.room.name',
      'm.room.topic',
      'm.room.member',
    ]);
    expect(events.every((e) => e.sender === BOT)).toBe(true);
    expect(stateOf(events, 'm.room.create')?.content).toMatchObject({ creator: BOT, room_version: '10' });
    expect(stateOf(events, 'm.room.member', BOT)?.content).toEqual({ membership: 'join', displayname: 'Standards Watch' });
    const power = stateOf(events, 'm.room.power_levels')?.content as { users: Record<string, number>; invite: number };
    expect(power.users).toEqual({ [BOT]: 100, [ALICE]: 100 });
    expect(power.invite).toBe(0);
    expect(stateOf(events, 'm.room.join_rules')?.content).toEqual({ join_rule: 'invite' });
    expect(stateOf(events, 'm.room.name')?.content).toEqual({ name: 'Alerts' });
    expect(stateOf(events, 'm.room.topic')?.content).toEqual({ topic: 'Personal alerts' });
    expect(stateOf(events, 'm.room.member', ALICE)?.content).toEqual({ membership: 'invite', displayname: 'Alice', is_direct: true });

    // The invitee's client sees the invite, from the bot, flagged as direct; the bot's m.direct is left to the bot.
    await eventually(() => alice.getRoom(roomId)?.getMyMembership() === 'invite', 'the invite in alice\'s sync');
    expect(alice.getRoom(roomId)?.getDMInviter()).toBe(BOT);
    expect(alice.getRoom(roomId)?.name).toBe('Alerts');
    expect(fake.accountData(BOT, 'm.direct')).toBeUndefined();

    const recorded = fake.requests.filter((r) => r.method === 'POST' && r.path === '/_matrix/client/v3/createRoom');
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({ userId: BOT, status: 200, body: { preset: 'trusted_private_chat', is_direct: true, invite: [ALICE] } });

    // Joining the invite keeps is_direct on the member event, and messages flow.
    await alice.joinRoom(roomId);
    expect(stateOf(fake.events(roomId), 'm.room.member', ALICE)?.content).toMatchObject({ membership: 'join', is_direct: true });
    await bot.sendTextMessage(roomId, 'hello');
    expect(fake.sentByBot(roomId).map((e) => e.content['body'])).toEqual(['hello']);
  });

  it('gives private_chat invitees no ops and leaves is_direct off when not asked for', async () => {
    const fake = await startFake();
    const { status, json } = await createRoomRaw(fake, BOT, { preset: 'private_chat', invite: [ALICE, BOB] });
    expect(status).toBe(200);
    const events = fake.events(String(json['room_id']));
    expect((stateOf(events, 'm.room.power_levels')?.content as { users: unknown }).users).toEqual({ [BOT]: 100 });
    expect(stateOf(events, 'm.room.join_rules')?.content).toEqual({ join_rule: 'invite' });
    expect(stateOf(events, 'm.room.member', ALICE)?.content).toEqual({ membership: 'invite', displayname: 'Alice' });
    expect(stateOf(events, 'm.room.member', BOB)?.content).toEqual({ membership: 'invite', displayname: 'Bob' });
  });

  it('makes public_chat rooms (and visibility public without a preset) joinable by anyone, without guest access', async () => {
    const fake = await startFake();
    const made = await createRoomRaw(fake, BOT, { visibility: 'public' });
    const roomId = String(made.json['room_id']);
    const events = fake.events(roomId);
    expect(stateOf(events, 'm.room.join_rules')?.content).toEqual({ join_rule: 'public' });
    expect(stateOf(events, 'm.room.guest_access')).toBeUndefined();
    expect((stateOf(events, 'm.room.power_levels')?.content as { invite: number }).invite).toBe(50);
    const alice = await client(fake, ALICE);
    await alice.joinRoom(roomId);
    expect(stateOf(fake.events(roomId), 'm.room.member', ALICE)?.content['membership']).toBe('join');
  });

  it('applies power_level_content_override on top of the preset, and initial_state in place of defaults', async () => {
    const fake = await startFake();
    const { json } = await createRoomRaw(fake, BOT, {
      preset: 'private_chat',
      power_level_content_override: { events_default: 50, users: { [BOT]: 100, [ALICE]: 50 } },
      initial_state: [
        { type: 'm.room.history_visibility', content: { history_visibility: 'joined' } },
        { type: 'm.room.encryption', state_key: '', content: { algorithm: 'm.megolm.v1.aes-sha2' } },
      ],
    });
    const events = fake.events(String(json['room_id']));
    const power = stateOf(events, 'm.room.power_levels')?.content as { users: unknown; events_default: number; invite: number };
    expect(power).toMatchObject({ users: { [BOT]: 100, [ALICE]: 50 }, events_default: 50, invite: 0 });
    expect(events.filter((e) => e.type === 'm.room.history_visibility').map((e) => e.content)).toEqual([{ history_visibility: 'joined' }]);
    expect(stateOf(events, 'm.room.encryption')?.content).toEqual({ algorithm: 'm.megolm.v1.aes-sha2' });
  });

  it('refuses bad requests the way Synapse does, creating nothing', async () => {
    const fake = await startFake();
    const bot = await client(fake, BOT);
    const before = bot.getRooms().length;
    const refusals = [
      { preset: 'secret_chat' },
      { invite: ['alice'] },
      { power_level_content_override: { users: { [ALICE]: 100 } } },
      { name: 7 },
    ];
    for (const body of refusals) {
      const { status } = await createRoomRaw(fake, BOT, body);
      expect(status, JSON.stringify(body)).toBe(400);
    }
    const err = await bot.createRoom({ preset: 'secret_chat' as Preset }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MatrixError);
    expect((err as MatrixError).errcode).toBe('M_BAD_JSON');
    const unauthenticated = await fetch(`${fake.baseUrl}/_matrix/client/v3/createRoom`, { method: 'POST', body: '{}' });
    expect(unauthenticated.status).toBe(401);
    const joined = (await bot.getJoinedRooms()).joined_rooms;
    expect(joined).toHaveLength(before);
  });
});
