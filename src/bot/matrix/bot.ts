// The Matrix bot: syncs with matrix-js-sdk from the stored sync token, joins
// rooms on allowed invites (declines the others), notes kicks, and answers
// `!sw …` commands as replies. Sends go through the sink (own txnIds).
import { ClientEvent, createClient, Filter, RoomEvent, SyncState, type MatrixClient, type MatrixEvent, type Room } from 'matrix-js-sdk';
import type { Logger } from 'pino';
import type { App } from '../../app/app.js';
import type { Runnable } from '../../app/start.js';
import { commands as registryCommands } from '../commands/registry.js';
import type { Command } from '../commands/define.js';
import { handleCommand } from './command-handler.js';
import { claimCommand } from './handled.js';
import { isInviteAllowed } from './invites.js';
import { createRedisLostRooms } from './lost-rooms.js';
import { pathOf } from './rest.js';
import { createRoomFacts } from './room-facts.js';
import { quietGlobalSdkLogger, sdkLogger } from './sdk-logger.js';
import { createMatrixSink } from './sink.js';
import { createRedisSyncTokens, TokenResumingStore } from './sync-store.js';

export interface MatrixBot extends Runnable {
  connected(): boolean;
  /** Resolves when the work started by the syncs so far (commands, invites) is done. */
  idle(): Promise<void>;
}

export interface MatrixBotOptions {
  commands?: readonly Command[];
  /** How long start waits for the first sync (default 30 s); the bot keeps trying after. */
  readyTimeoutMs?: number;
  /** How long a sync's token waits for that sync's commands before it is saved (default 15 s). */
  drainTimeoutMs?: number;
}

/**
 * Events per room an incremental sync may carry. Without a limit in the filter the server uses
 * its default (10 on Synapse): more messages than that between two syncs (a busy room, a
 * restart from the saved token) make a "limited" sync whose older events the SDK never shows,
 * so commands among them would go unanswered.
 */
export const SYNC_TIMELINE_LIMIT = 100;

export async function startMatrixBot(app: App, opts: MatrixBotOptions = {}): Promise<MatrixBot> {
  const cfg = app.config.matrix;
  if (!cfg) throw new Error('Matrix is not configured: set MATRIX_HOMESERVER_URL, MATRIX_USER_ID and MATRIX_ACCESS_TOKEN');
  const log = app.log.child({ module: 'matrix-bot' });
  const prefix = app.config.redis.prefix;
  const me = cfg.userId;
  const lostRooms = createRedisLostRooms(app.redis, prefix);
  const sink = createMatrixSink({ homeserverUrl: cfg.homeserverUrl, userId: me, accessToken: cfg.accessToken, log, lostRooms });
  const facts = createRoomFacts(sink.rest, me, log);
  const tokens = createRedisSyncTokens(app.redis, prefix);

  const pending = new Set<Promise<void>>();
  const track = (what: string, work: Promise<unknown>): void => {
    const p = work.then(
      () => undefined,
      (err: unknown) => log.error({ err, what }, 'matrix: handling an event failed'),
    );
    pending.add(p);
    void p.finally(() => pending.delete(p));
  };
  const idle = async (timeoutMs = opts.drainTimeoutMs ?? 15_000): Promise<void> => {
    const deadline = Date.now() + timeoutMs;
    while (pending.size > 0 && Date.now() < deadline) {
      const timer = new Promise<void>((r) => setTimeout(r, Math.max(0, deadline - Date.now())).unref());
      await Promise.race([Promise.allSettled([...pending]), timer]);
    }
  };

  const savedToken = await tokens.load();
  // No saved token: this is the first start; the initial sync's history is not replayed.
  let live = savedToken !== null;
  let syncState: SyncState | null = null;
  const store = new TokenResumingStore(savedToken, async (token) => {
    await idle();
    await tokens.save(token).catch((err: unknown) => log.warn({ err: (err as Error).message }, 'matrix: could not save the sync token'));
  });

  quietGlobalSdkLogger();
  const client: MatrixClient = createClient({ baseUrl: cfg.homeserverUrl, accessToken: cfg.accessToken, userId: me, store, logger: sdkLogger(log) });
  const commandDeps = {
    prefix: cfg.commandPrefix,
    commands: opts.commands ?? registryCommands,
    services: app.services,
    clock: app.clock,
    timeZone: app.config.defaultTimeZone,
    operatorsRoom: app.config.operators.matrix,
    facts,
    sink,
    claim: (eventId: string) => claimCommand(app.redis, prefix, eventId),
    log,
  };

  client.on(ClientEvent.Sync, (state) => {
    if (state === SyncState.Prepared) {
      // The SDK starts its MatrixRTC (group call) tracking right after this event; a bot has
      // no calls, and that tracker logs errors to the console for rooms it meets mid-sync.
      setImmediate(() => client.matrixRTC.stop());
      if (!live) log.info('matrix: first sync done; answering commands from now on');
      live = true;
    }
    if (state !== syncState && (state === SyncState.Error || state === SyncState.Reconnecting)) log.warn({ state }, 'matrix: sync trouble; retrying');
    syncState = state;
  });

  client.on(RoomEvent.Timeline, (event: MatrixEvent, room: Room | undefined, toStartOfTimeline: boolean | undefined, removed: boolean) => {
    if (toStartOfTimeline || removed || !live || !room) return;
    if (event.getSender() === me || event.isRedacted()) return;
    if (event.getType() === 'm.room.encrypted') {
      log.warn({ roomId: room.roomId }, 'matrix: an encrypted message arrived; the bot cannot read end-to-end encrypted rooms');
      return;
    }
    if (event.getType() !== 'm.room.message') return;
    const content = event.getContent();
    if (content['msgtype'] !== 'm.text' || typeof content['body'] !== 'string') return;
    if ((content['m.relates_to'] as { rel_type?: string } | undefined)?.rel_type === 'm.replace') return; // an edit is not a new command
    const eventId = event.getId();
    if (!eventId) return;
    const senderName = event.sender?.name;
    track('command', handleCommand(commandDeps, { eventId, roomId: room.roomId, sender: event.getSender() ?? '', body: content['body'], ...(senderName ? { senderName } : {}) }));
  });

  client.on(RoomEvent.MyMembership, (room: Room, membership: string, previous?: string) => {
    const memberEvent = room.getMember(me)?.events.member;
    const by = memberEvent?.getSender();
    if (membership === 'invite') {
      const inviter = room.getDMInviter() ?? by;
      track('invite', onInvite(room, inviter, memberEvent?.getContent()['is_direct'] === true));
    } else if ((membership === 'leave' || membership === 'ban') && by !== undefined && by !== me && previous === 'join') {
      const reason = memberEvent?.getContent()['reason'];
      log.warn({ roomId: room.roomId, by, membership, reason }, 'matrix: removed from a room; deliveries there now fail as target lost');
      sink.directRooms.forget(room.roomId);
      track('kick', lostRooms.mark(room.roomId, { by, at: app.clock.now().toISOString(), ...(typeof reason === 'string' ? { reason } : {}) }));
    }
  });

  async function onInvite(room: Room, inviter: string | undefined, isDirect: boolean): Promise<void> {
    const roomId = room.roomId;
    if (!isInviteAllowed(inviter, cfg!.inviteAllowlist)) {
      log.warn({ roomId, inviter }, 'matrix: declined an invite from outside matrix.inviteAllowlist');
      await sink.rest.request('POST', pathOf('rooms', roomId, 'leave'), {});
      return;
    }
    await sink.rest.request('POST', pathOf('rooms', roomId, 'join'), {});
    await lostRooms.clear(roomId);
    if (isDirect && inviter) await sink.directRooms.remember(inviter, roomId);
    log.info({ roomId, inviter, isDirect }, 'matrix: joined a room on invite');
    if (room.hasEncryptionStateEvent()) {
      log.warn({ roomId }, 'matrix: this room is end-to-end encrypted; the bot cannot read commands or send readable alerts there');
    }
  }

  const ready = new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), opts.readyTimeoutMs ?? 30_000);
    timer.unref();
    client.on(ClientEvent.Sync, (state) => {
      if (state === SyncState.Prepared || state === SyncState.Syncing) {
        clearTimeout(timer);
        resolve(true);
      }
    });
  });
  const filter = new Filter(me);
  filter.setTimelineLimit(SYNC_TIMELINE_LIMIT);
  await client.startClient({ initialSyncLimit: 1, lazyLoadMembers: false, filter });
  if (!(await ready)) log.warn({ homeserver: cfg.homeserverUrl }, 'matrix: no sync yet; the bot keeps trying in the background');
  else log.info({ userId: me, resumed: savedToken !== null }, 'matrix: connected');

  return {
    name: 'matrix',
    connected: () => syncState === SyncState.Prepared || syncState === SyncState.Syncing,
    idle: () => idle(),
    async stop() {
      client.stopClient();
      client.removeAllListeners();
      await idle();
      await sink.close();
    },
  };
}
