/** The real matrix-js-sdk 37.5 against the fake homeserver in test/fakes/matrix. */
import { EventType, MatrixError, Method, MsgType, RoomEvent, type MatrixClient, type MatrixEvent, type Room } from 'matrix-js-sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeHomeserver, type FakeHomeserver, type RecordedEvent } from '../fakes/matrix/index.js';
import { eventually, quietSdkLogs, startSdkClient, within } from '../fakes/matrix/sdk-helpers.js';

const BOT = '@sw:example.org';
const ALICE = '@alice:example.org';
const MOD = '@mod:example.org';

quietSdkLogs();

const fakes: FakeHomeserver[] = [];
const clients: MatrixClient[] = [];

afterEach(async () => {
  for (const client of clients.splice(0)) client.stopClient();
  for (const fake of fakes.splice(0)) await fake.close();
});

async function startFake(): Promise<FakeHomeserver> {
  const fake = await startFakeHomeserver({ serverName: 'example.org' });
  fakes.push(fake);
  fake.registerUser(ALICE, { displayName: 'Alice' });
  fake.registerUser(MOD, { displayName: 'Moderator' });
  return fake;
}

async function startBot(fake: FakeHomeserver): Promise<MatrixClient> {
  const client = await startSdkClient(fake, BOT, { displayName: 'Standards Watch' });
  clients.push(client);
  return client;
}

function nextTimelineEvent(client: MatrixClient, accept: (event: MatrixEvent) => boolean): Promise<MatrixEvent> {
  return within(5_000, 'a timeline event', (resolve) => {
    client.on(RoomEvent.Timeline, (event, _room, toStartOfTimeline) => {
      if (toStartOfTimeline !== true && accept(event)) resolve(event);
    });
  });
}

const sendPath = (roomId: string, txnId: string): string =>
  `/rooms/${encodeURIComponent(roomId)}/send/m.room.message/${encodeURIComponent(txnId)}`;

describe('fake Matrix homeserver with the real matrix-js-sdk', () => {
  it('lets the client reach SYNCING and see a joined room with its name and members', async () => {
    const fake = await startFake();
    fake.registerUser(BOT);
    const roomId = fake.createRoom({ creator: ALICE, members: [BOT], name: 'Standards' });
    const client = await startBot(fake);
    const room = client.getRoom(roomId);
    expect(room?.getMyMembership()).toBe('join');
    expect(room?.name).toBe('Standards');
    expect(room?.getJoinedMembers().map((m) => m.userId).sort()).toEqual([BOT, ALICE].sort());
    const paths = fake.requests.map((r) => r.path);
    expect(paths).toContain('/_matrix/client/v3/pushrules/');
    expect(paths).toContain('/_matrix/client/v3/sync');
    expect(JSON.stringify(fake.requests)).not.toContain(fake.registerUser(BOT).accessToken);
  });

  it('delivers a message another user posts to RoomEvent.Timeline', async () => {
    const fake = await startFake();
    fake.registerUser(BOT);
    const roomId = fake.createRoom({ creator: ALICE, members: [BOT] });
    const client = await startBot(fake);
    const arrived = nextTimelineEvent(client, (e) => e.getType() === 'm.room.message');
    const eventId = fake.sendAsUser(roomId, ALICE, { body: '!sw next-meeting fg-mv' });
    const event = await arrived;
    expect(event.getId()).toBe(eventId);
    expect(event.getSender()).toBe(ALICE);
    expect(event.getRoomId()).toBe(roomId);
    expect(event.getContent()).toEqual({ msgtype: 'm.text', body: '!sw next-meeting fg-mv' });
  });

  it('stores what client.sendEvent sends, with its transaction id, exactly once', async () => {
    const fake = await startFake();
    fake.registerUser(BOT);
    const roomId = fake.createRoom({ creator: ALICE, members: [BOT] });
    const client = await startBot(fake);
    const { event_id: eventId } = await client.sendEvent(roomId, EventType.RoomMessage, { msgtype: MsgType.Notice, body: 'New item' });
    const sent = fake.sentByBot(roomId);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ event_id: eventId, sender: BOT, type: 'm.room.message', content: { msgtype: 'm.notice', body: 'New item' } });
    expect(sent[0]?.txnId).toEqual(expect.any(String));
    const room = client.getRoom(roomId) as Room;
    await eventually(() => room.getLiveTimeline().getEvents().some((e) => e.getId() === eventId && !e.status), 'remote echo');
    expect(room.getLiveTimeline().getEvents().filter((e) => e.getContent()['body'] === 'New item')).toHaveLength(1);
  });

  it('stores one event when the same txnId is PUT twice, and answers the same event id', async () => {
    const fake = await startFake();
    fake.registerUser(BOT);
    const roomId = fake.createRoom({ creator: ALICE, members: [BOT] });
    const client = await startBot(fake);
    const content = { msgtype: 'm.text', body: 'once', 'm.mentions': {} };
    const first = await client.http.authedRequest<{ event_id: string }>(Method.Put, sendPath(roomId, 'deliver-1'), undefined, content);
    const second = await client.http.authedRequest<{ event_id: string }>(Method.Put, sendPath(roomId, 'deliver-1'), undefined, content);
    const other = await client.http.authedRequest<{ event_id: string }>(Method.Put, sendPath(roomId, 'deliver-2'), undefined, content);
    expect(second.event_id).toBe(first.event_id);
    expect(other.event_id).not.toBe(first.event_id);
    expect(fake.sentByBot(roomId).map((e) => e.txnId)).toEqual(['deliver-1', 'deliver-2']);
  });

  it('shows an invite in the invitee sync, and client.joinRoom joins the room', async () => {
    const fake = await startFake();
    fake.registerUser(BOT);
    const roomId = fake.createRoom({ creator: ALICE, name: 'Invite me' });
    const client = await startBot(fake);
    const invited = within<Room>(5_000, 'the invite', (resolve) => {
      client.on(RoomEvent.MyMembership, (room, membership) => {
        if (membership === 'invite') resolve(room);
      });
    });
    fake.invite(roomId, ALICE, BOT);
    const room = await invited;
    expect(room.roomId).toBe(roomId);
    expect(room.getDMInviter() ?? room.getMember(BOT)?.events.member?.getSender()).toBe(ALICE);
    await client.joinRoom(roomId);
    expect(fake.events(roomId).at(-1)).toMatchObject({ type: 'm.room.member', state_key: BOT, content: { membership: 'join' } });
    await eventually(() => client.getRoom(roomId)?.getMyMembership() === 'join', 'joined membership in the client');
  });

  it('reports an injected 429 as a rate-limit MatrixError carrying retry_after_ms, then serves the retry', async () => {
    const fake = await startFake();
    fake.registerUser(BOT);
    const roomId = fake.createRoom({ creator: ALICE, members: [BOT] });
    const client = await startBot(fake);
    fake.failNext({ method: 'PUT', path: /\/send\// }, { status: 429, retryAfterMs: 1234 });
    const error = await client.http.authedRequest(Method.Put, sendPath(roomId, 't1'), undefined, { msgtype: 'm.text', body: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MatrixError);
    const matrixError = error as MatrixError;
    expect(matrixError.httpStatus).toBe(429);
    expect(matrixError.errcode).toBe('M_LIMIT_EXCEEDED');
    expect(matrixError.isRateLimitError()).toBe(true);
    expect(matrixError.getRetryAfterMs()).toBe(1234);
    expect(fake.sentByBot(roomId)).toHaveLength(0);
    await client.http.authedRequest(Method.Put, sendPath(roomId, 't1'), undefined, { msgtype: 'm.text', body: 'x' });
    expect(fake.sentByBot(roomId)).toHaveLength(1);
    expect(fake.requests.filter((r) => r.fault === '429')).toHaveLength(1);
  });

  it('stores the event but answers 500 for afterStore, so a retry with the same txnId gets the stored id', async () => {
    const fake = await startFake();
    fake.registerUser(BOT);
    const roomId = fake.createRoom({ creator: ALICE, members: [BOT] });
    const client = await startBot(fake);
    fake.failNext({ path: /\/send\// }, { status: 500, afterStore: true });
    const error = await client.http.authedRequest(Method.Put, sendPath(roomId, 'd-7'), undefined, { msgtype: 'm.text', body: 'y' }).catch((e: unknown) => e);
    expect((error as MatrixError).httpStatus).toBe(500);
    expect(fake.sentByBot(roomId)).toHaveLength(1);
    const retry = await client.http.authedRequest<{ event_id: string }>(Method.Put, sendPath(roomId, 'd-7'), undefined, { msgtype: 'm.text', body: 'y' });
    expect(retry.event_id).toBe(fake.sentByBot(roomId)[0]?.event_id);
    expect(fake.sentByBot(roomId)).toHaveLength(1);
  });

  it('resets the connection before storing for reset:before, and after storing for reset:after', async () => {
    const fake = await startFake();
    fake.registerUser(BOT);
    const roomId = fake.createRoom({ creator: ALICE, members: [BOT] });
    const client = await startBot(fake);
    const put = (txnId: string): Promise<unknown> =>
      client.http.authedRequest(Method.Put, sendPath(roomId, txnId), undefined, { msgtype: 'm.text', body: txnId });
    fake.failNext({ path: /\/send\// }, { reset: 'before' });
    await expect(put('a')).rejects.toThrow();
    expect(fake.sentByBot(roomId)).toHaveLength(0);
    fake.failNext({ path: /\/send\// }, { reset: 'after' });
    await expect(put('b')).rejects.toThrow();
    expect(fake.sentByBot(roomId).map((e) => e.txnId)).toEqual(['b']);
  });

  it('answers 500 and 502 on the next N matching requests only', async () => {
    const fake = await startFake();
    fake.registerUser(BOT);
    const roomId = fake.createRoom({ creator: ALICE, members: [BOT] });
    const client = await startBot(fake);
    fake.failNext({ method: 'PUT' }, { status: 502 }, 2);
    const put = (): Promise<unknown> => client.http.authedRequest(Method.Put, sendPath(roomId, 'n'), undefined, { msgtype: 'm.text', body: 'n' });
    expect(((await put().catch((e: unknown) => e)) as MatrixError).httpStatus).toBe(502);
    expect(((await put().catch((e: unknown) => e)) as MatrixError).httpStatus).toBe(502);
    await put();
    expect(fake.sentByBot(roomId)).toHaveLength(1);
  });

  it('exposes power levels through room.getMember(id).powerLevel and the state, and syncs changes', async () => {
    const fake = await startFake();
    fake.registerUser(BOT);
    const roomId = fake.createRoom({ creator: ALICE, members: [BOT, MOD], powerLevels: { [MOD]: 50 } });
    const client = await startBot(fake);
    const room = client.getRoom(roomId) as Room;
    expect(room.getMember(ALICE)?.powerLevel).toBe(100);
    expect(room.getMember(MOD)?.powerLevel).toBe(50);
    expect(room.getMember(BOT)?.powerLevel).toBe(0);
    const fetched = await client.getStateEvent(roomId, 'm.room.power_levels', '');
    expect(fetched['users']).toEqual({ [ALICE]: 100, [MOD]: 50 });
    fake.setPowerLevel(roomId, BOT, 50);
    await eventually(() => room.getMember(BOT)?.powerLevel === 50, 'the new power level');
  });

  it('refuses a send to a room the user has not joined with 403 M_FORBIDDEN', async () => {
    const fake = await startFake();
    fake.registerUser(BOT);
    const roomId = fake.createRoom({ creator: ALICE });
    const client = await startBot(fake);
    const error = (await client.http.authedRequest(Method.Put, sendPath(roomId, 'x'), undefined, { body: 'x' }).catch((e: unknown) => e)) as MatrixError;
    expect(error.httpStatus).toBe(403);
    expect(error.errcode).toBe('M_FORBIDDEN');
    expect(fake.events(roomId).some((e) => e.type === 'm.room.message')).toBe(false);
  });

  it('answers a wrong access token with 401 M_UNKNOWN_TOKEN', async () => {
    const fake = await startFake();
    const response = await fetch(`${fake.baseUrl}/_matrix/client/v3/account/whoami`, { headers: { authorization: 'Bearer nope' } });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ errcode: 'M_UNKNOWN_TOKEN' });
    const { accessToken } = fake.registerUser(BOT);
    const ok = await fetch(`${fake.baseUrl}/_matrix/client/v3/account/whoami?access_token=${accessToken}`);
    expect(await ok.json()).toMatchObject({ user_id: BOT });
    expect(fake.requests.at(-1)?.query).toEqual({});
  });

  it('moves a kicked room to rooms.leave, so the client sees its membership become leave', async () => {
    const fake = await startFake();
    fake.registerUser(BOT);
    const roomId = fake.createRoom({ creator: ALICE, members: [BOT] });
    const client = await startBot(fake);
    fake.kick(roomId, BOT, ALICE);
    await eventually(() => client.getRoom(roomId)?.getMyMembership() === 'leave', 'leave membership');
    const error = (await client.sendEvent(roomId, EventType.RoomMessage, { msgtype: MsgType.Text, body: 'after kick' }).catch((e: unknown) => e)) as MatrixError;
    expect(error.errcode).toBe('M_FORBIDDEN');
  });

  it('marks direct rooms with is_direct and m.direct account data the client reads', async () => {
    const fake = await startFake();
    fake.registerUser(BOT);
    const roomId = fake.createRoom({ creator: ALICE, members: [BOT], direct: true });
    const client = await startBot(fake);
    expect(client.getAccountData(EventType.Direct)?.getContent()).toEqual({ [ALICE]: [roomId] });
    expect(client.getRoom(roomId)?.getMember(BOT)?.events.member?.getContent()['is_direct']).toBe(true);
  });

  it('closes promptly while a long poll is pending', async () => {
    const fake = await startFakeHomeserver();
    const { accessToken } = fake.registerUser(BOT);
    const initial = (await (await fetch(`${fake.baseUrl}/_matrix/client/v3/sync?access_token=${accessToken}`)).json()) as { next_batch: string };
    const pending = fetch(`${fake.baseUrl}/_matrix/client/v3/sync?timeout=30000&since=${initial.next_batch}&access_token=${accessToken}`);
    await new Promise((r) => setTimeout(r, 50));
    const started = Date.now();
    await fake.close();
    expect(Date.now() - started).toBeLessThan(500);
    await pending.then((r) => r.text()).catch(() => undefined);
  });
});

describe('push-rule simulation (Synapse base rules)', () => {
  async function roomWith(fake: FakeHomeserver): Promise<string> {
    fake.registerUser(BOT, { displayName: 'Standards Watch' });
    return fake.createRoom({ creator: ALICE, members: [BOT, MOD], powerLevels: { [BOT]: 50 } });
  }
  const event = (roomId: string, content: Record<string, unknown>, sender = BOT): RecordedEvent => ({
    event_id: '$x',
    room_id: roomId,
    type: 'm.room.message',
    sender,
    content: { msgtype: 'm.text', ...content },
    origin_server_ts: 0,
    viaApi: true,
  });

  it('matches @room as a whole word in the plain body, even in backticks or after a backslash', async () => {
    const fake = await startFake();
    const roomId = await roomWith(fake);
    for (const body of ['@room', 'hi @room!', 'code `@room`', 'escaped \\@room', 'mail@room.', '@ROOM']) {
      expect(fake.wouldNotifyRoom(event(roomId, { body })), body).toBe(true);
    }
    for (const body of ['@roomy', '@ro\u200Dom', '@room\u200D', 'room', '@ room']) {
      expect(fake.wouldNotifyRoom(event(roomId, { body })), body).toBe(false);
    }
  });

  it('skips the legacy body rules when m.mentions is present, and honours m.mentions.room', async () => {
    const fake = await startFake();
    const roomId = await roomWith(fake);
    expect(fake.wouldNotifyRoom(event(roomId, { body: '@room', 'm.mentions': {} }))).toBe(false);
    expect(fake.wouldNotifyRoom(event(roomId, { body: '@room', 'm.mentions': {} }), { legacyRulesAlways: true })).toBe(true);
    expect(fake.wouldNotifyRoom(event(roomId, { body: 'all', 'm.mentions': { room: true } }))).toBe(true);
  });

  it('never notifies for m.notice or for a sender below the room notification level', async () => {
    const fake = await startFake();
    const roomId = await roomWith(fake);
    expect(fake.wouldNotifyRoom(event(roomId, { msgtype: 'm.notice', body: '@room' }))).toBe(false);
    expect(fake.wouldNotifyRoom(event(roomId, { body: '@room' }, MOD))).toBe(false);
    expect(fake.wouldNotifyRoom(event(roomId, { body: '@room' }, MOD), { ignoreSenderPower: true })).toBe(true);
  });

  it('notifies a user named by display name, localpart or m.mentions.user_ids', async () => {
    const fake = await startFake();
    const roomId = await roomWith(fake);
    expect(fake.wouldNotifyUser(event(roomId, { body: 'thanks Moderator.' }), MOD)).toBe(true);
    expect(fake.wouldNotifyUser(event(roomId, { body: 'ask mod about it' }), MOD)).toBe(true);
    expect(fake.wouldNotifyUser(event(roomId, { body: 'modest proposal' }), MOD)).toBe(false);
    expect(fake.wouldNotifyUser(event(roomId, { body: 'Moderator', 'm.mentions': {} }), MOD)).toBe(false);
    expect(fake.wouldNotifyUser(event(roomId, { body: 'x', 'm.mentions': { user_ids: [MOD] } }), MOD)).toBe(true);
    expect(fake.wouldNotifyUser(event(roomId, { body: 'Moderator' }, MOD), MOD)).toBe(false);
  });
});

describe('fake Matrix homeserver: more of the client-server API', () => {
  it('lets the SDK scheduler retry a 429 after retry_after_ms, storing the event once', async () => {
    const fake = await startFake();
    fake.registerUser(BOT);
    const roomId = fake.createRoom({ creator: ALICE, members: [BOT] });
    const client = await startBot(fake);
    fake.failNext({ method: 'PUT', path: /\/send\// }, { status: 429, retryAfterMs: 300 });
    const started = Date.now();
    await client.sendEvent(roomId, EventType.RoomMessage, { msgtype: MsgType.Text, body: 'patient' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);
    const puts = fake.requests.filter((r) => r.method === 'PUT' && r.path.includes('/send/'));
    expect(puts.map((r) => r.status)).toEqual([429, 200]);
    expect(fake.sentByBot(roomId)).toHaveLength(1);
  });

  it('redacts through client.redactEvent: the target loses its content, the redaction is stored', async () => {
    const fake = await startFake();
    fake.registerUser(BOT);
    const roomId = fake.createRoom({ creator: ALICE, members: [BOT] });
    const client = await startBot(fake);
    const { event_id: target } = await client.sendEvent(roomId, EventType.RoomMessage, { msgtype: MsgType.Text, body: 'oops' });
    await client.redactEvent(roomId, target, undefined, { reason: 'wrong room' });
    const events = fake.events(roomId);
    expect(events.find((e) => e.event_id === target)).toMatchObject({ content: {}, redactedBy: expect.any(String) });
    expect(events.at(-1)).toMatchObject({ type: 'm.room.redaction', redacts: target, sender: BOT, content: { reason: 'wrong room' } });
  });

  it('serves members, joined members, profiles and global account data to the SDK', async () => {
    const fake = await startFake();
    fake.registerUser(BOT);
    const roomId = fake.createRoom({ creator: ALICE, members: [BOT], encrypted: true });
    const client = await startBot(fake);
    expect(Object.keys((await client.getJoinedRoomMembers(roomId)).joined).sort()).toEqual([BOT, ALICE].sort());
    expect(await client.getProfileInfo(ALICE)).toEqual({ displayname: 'Alice' });
    expect(client.getRoom(roomId)?.hasEncryptionStateEvent()).toBe(true);
    await client.setAccountData('org.example.settings' as never, { digest: 'daily' } as never);
    expect(fake.accountData(BOT, 'org.example.settings')).toEqual({ digest: 'daily' });
    await client.sendTyping(roomId, true, 1000);
    expect(fake.requests.at(-1)).toMatchObject({ method: 'PUT', status: 200, userId: BOT });
  });

  it('enforces power levels on kicks: refused below the kick level, allowed above the target', async () => {
    const fake = await startFake();
    fake.registerUser(BOT);
    const roomId = fake.createRoom({ creator: ALICE, members: [BOT, MOD] });
    const client = await startBot(fake);
    const refused = (await client.kick(roomId, MOD).catch((e: unknown) => e)) as MatrixError;
    expect(refused.errcode).toBe('M_FORBIDDEN');
    fake.setPowerLevel(roomId, BOT, 50);
    await client.kick(roomId, MOD, 'spam');
    expect(fake.events(roomId).at(-1)).toMatchObject({ type: 'm.room.member', state_key: MOD, sender: BOT, content: { membership: 'leave', reason: 'spam' } });
    expect(((await client.kick(roomId, ALICE).catch((e: unknown) => e)) as MatrixError).errcode).toBe('M_FORBIDDEN');
  });
});

describe('fake Matrix homeserver: raw /sync semantics', () => {
  type Sync = { next_batch: string; rooms: { join: Record<string, { state: { events: RecordedEvent[] }; timeline: { events: RecordedEvent[]; limited: boolean; prev_batch: string } }> } };
  const get = async <T>(fake: FakeHomeserver, token: string, path: string): Promise<T> => {
    const response = await fetch(`${fake.baseUrl}/_matrix/client/v3/${path}`, { headers: { authorization: `Bearer ${token}` } });
    return (await response.json()) as T;
  };

  it('limits the initial timeline, carries earlier state, and pages back with /messages from prev_batch', async () => {
    const fake = await startFake();
    const { accessToken } = fake.registerUser(BOT);
    const roomId = fake.createRoom({ creator: ALICE, members: [BOT], name: 'R' });
    const hidden = fake.createRoom({ creator: ALICE });
    for (let i = 1; i <= 5; i += 1) fake.sendAsUser(roomId, ALICE, { body: `m${i}` });
    fake.sendAsUser(hidden, ALICE, { body: 'not for the bot' });
    const filter = encodeURIComponent(JSON.stringify({ room: { timeline: { limit: 3 } } }));
    const sync = await get<Sync>(fake, accessToken, `sync?filter=${filter}`);
    expect(Object.keys(sync.rooms.join)).toEqual([roomId]);
    const joined = sync.rooms.join[roomId];
    expect(joined?.timeline.events.map((e) => e.content['body'])).toEqual(['m3', 'm4', 'm5']);
    expect(joined?.timeline.limited).toBe(true);
    expect(joined?.state.events.map((e) => e.type)).toEqual(expect.arrayContaining(['m.room.create', 'm.room.power_levels', 'm.room.name', 'm.room.member']));
    const page = await get<{ chunk: RecordedEvent[] }>(fake, accessToken, `rooms/${encodeURIComponent(roomId)}/messages?dir=b&limit=2&from=${joined?.timeline.prev_batch}`);
    expect(page.chunk.map((e) => e.content['body'])).toEqual(['m2', 'm1']);
  });

  it('holds an incremental sync until something arrives, or for at most the timeout', async () => {
    const fake = await startFake();
    const { accessToken } = fake.registerUser(BOT);
    const roomId = fake.createRoom({ creator: ALICE, members: [BOT] });
    const first = await get<Sync>(fake, accessToken, 'sync');
    let started = Date.now();
    const idle = await get<Sync>(fake, accessToken, `sync?since=${first.next_batch}&timeout=300`);
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(idle.next_batch).toBe(first.next_batch);
    expect(idle.rooms.join).toEqual({});
    started = Date.now();
    setTimeout(() => fake.sendAsUser(roomId, ALICE, { body: 'wake up' }), 100);
    const woken = await get<Sync>(fake, accessToken, `sync?since=${first.next_batch}&timeout=30000`);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(woken.rooms.join[roomId]?.timeline).toMatchObject({ limited: false, events: [{ content: { body: 'wake up' } }] });
  });

  it('logs in with m.login.password and refuses a wrong password', async () => {
    const fake = await startFake();
    fake.registerUser(BOT, { password: 'hunter2' });
    const login = (password: string): Promise<Response> =>
      fetch(`${fake.baseUrl}/_matrix/client/v3/login`, {
        method: 'POST',
        body: JSON.stringify({ type: 'm.login.password', identifier: { type: 'm.id.user', user: 'sw' }, password }),
      });
    const bad = await login('wrong');
    expect(bad.status).toBe(403);
    const ok = (await (await login('hunter2')).json()) as { access_token: string; user_id: string };
    expect(ok.user_id).toBe(BOT);
    expect(await get<{ user_id: string }>(fake, ok.access_token, 'account/whoami')).toMatchObject({ user_id: BOT });
    expect(JSON.stringify(fake.requests)).not.toContain('hunter2');
  });
});
