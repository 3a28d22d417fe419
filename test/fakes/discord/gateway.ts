import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import {
  GatewayDispatchEvents,
  GatewayOpcodes,
  type ApplicationFlags,
  type GatewayReadyDispatchData,
} from 'discord-api-types/v10';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { apiUser, guildCreate } from './payloads.js';
import type { FakeDiscordState } from './state.js';

interface Session {
  ws: WebSocket;
  id: string;
  seq: number;
  identified: boolean;
  intents: number;
}

export interface GatewayOptions {
  token: string;
  heartbeatIntervalMs: number;
  /** ws://host:port, used as resume_gateway_url. */
  url: () => string;
}

/** Discord's gateway on the fake's HTTP port: Hello, heartbeats, Identify → READY + GUILD_CREATE, dispatches. */
export class FakeGateway {
  private readonly wss: WebSocketServer;
  private readonly sessions = new Set<Session>();
  /** Sessions that ended, kept so that a Resume can continue them. */
  private readonly resumable = new Map<string, { seq: number; intents: number }>();

  constructor(
    server: Server,
    private readonly state: FakeDiscordState,
    private readonly opts: GatewayOptions,
  ) {
    this.wss = new WebSocketServer({ server });
    this.wss.on('connection', (ws: WebSocket, req: IncomingMessage) => this.onConnection(ws, req));
  }

  get identifiedCount(): number {
    return [...this.sessions].filter((s) => s.identified && s.ws.readyState === WebSocket.OPEN).length;
  }

  private onConnection(ws: WebSocket, _req: IncomingMessage): void {
    const session: Session = { ws, id: randomUUID().replace(/-/g, ''), seq: 0, identified: false, intents: 0 };
    this.sessions.add(session);
    ws.on('message', (raw: RawData) => this.onMessage(session, raw));
    ws.on('close', () => {
      this.sessions.delete(session);
      if (session.identified) this.resumable.set(session.id, { seq: session.seq, intents: session.intents });
    });
    ws.on('error', () => ws.terminate());
    this.send(session, { op: GatewayOpcodes.Hello, d: { heartbeat_interval: this.opts.heartbeatIntervalMs, _trace: ['fake-discord'] } });
  }

  private send(session: Session, payload: { op: number; d: unknown; s?: number | null; t?: string | null }): void {
    if (session.ws.readyState !== WebSocket.OPEN) return;
    session.ws.send(JSON.stringify({ s: null, t: null, ...payload }));
  }

  private onMessage(session: Session, raw: RawData): void {
    let msg: { op?: unknown; d?: unknown };
    try {
      msg = JSON.parse(raw.toString()) as { op?: unknown; d?: unknown };
    } catch {
      session.ws.close(4002, 'Error while decoding payload.');
      return;
    }
    const d = (msg.d ?? {}) as Record<string, unknown>;
    switch (msg.op) {
      case GatewayOpcodes.Heartbeat:
        this.send(session, { op: GatewayOpcodes.HeartbeatAck, d: null });
        return;
      case GatewayOpcodes.Identify:
        this.identify(session, d);
        return;
      case GatewayOpcodes.Resume:
        this.resume(session, d);
        return;
      case GatewayOpcodes.PresenceUpdate:
      case GatewayOpcodes.RequestGuildMembers:
      case GatewayOpcodes.VoiceStateUpdate:
        if (!session.identified) session.ws.close(4003, 'Not authenticated.');
        return;
      default:
        session.ws.close(4001, 'Unknown opcode.');
    }
  }

  private identify(session: Session, d: Record<string, unknown>): void {
    if (session.identified) {
      session.ws.close(4005, 'Already authenticated.');
      return;
    }
    if (d['token'] !== this.opts.token) {
      session.ws.close(4004, 'Authentication failed.');
      return;
    }
    session.identified = true;
    session.intents = typeof d['intents'] === 'number' ? d['intents'] : 0;
    const ready: GatewayReadyDispatchData = {
      v: 10,
      user: { ...apiUser(this.state.bot), verified: true, mfa_enabled: false },
      guilds: [...this.state.guilds.keys()].map((id) => ({ id, unavailable: true })),
      session_id: session.id,
      resume_gateway_url: this.opts.url(),
      shard: [0, 1],
      application: { id: this.state.applicationId, flags: 0 as ApplicationFlags, flags_new: '0' },
    };
    this.dispatchTo(session, GatewayDispatchEvents.Ready, ready);
    for (const g of this.state.guilds.values()) {
      this.dispatchTo(session, GatewayDispatchEvents.GuildCreate, guildCreate(g, this.state));
    }
  }

  private resume(session: Session, d: Record<string, unknown>): void {
    const prior = typeof d['session_id'] === 'string' ? this.resumable.get(d['session_id']) : undefined;
    if (d['token'] !== this.opts.token || !prior || typeof d['session_id'] !== 'string') {
      this.send(session, { op: GatewayOpcodes.InvalidSession, d: false });
      return;
    }
    this.resumable.delete(d['session_id']);
    session.id = d['session_id'];
    session.seq = prior.seq;
    session.intents = prior.intents;
    session.identified = true;
    this.dispatchTo(session, GatewayDispatchEvents.Resumed, {});
  }

  private dispatchTo(session: Session, t: string, d: unknown): void {
    session.seq += 1;
    this.send(session, { op: GatewayOpcodes.Dispatch, s: session.seq, t, d });
  }

  /** Sends a dispatch to every identified session (optionally only to those with an intent bit). */
  broadcast(t: string, d: unknown, intent?: number): number {
    let sent = 0;
    for (const s of this.sessions) {
      if (!s.identified || (intent !== undefined && (s.intents & intent) === 0)) continue;
      this.dispatchTo(s, t, d);
      sent += 1;
    }
    return sent;
  }

  /** Sends a dispatch to one identified session (an interaction reaches one shard only). */
  dispatchToOne(t: string, d: unknown): boolean {
    for (const s of this.sessions) {
      if (s.identified && s.ws.readyState === WebSocket.OPEN) {
        this.dispatchTo(s, t, d);
        return true;
      }
    }
    return false;
  }

  async close(): Promise<void> {
    for (const s of this.sessions) s.ws.terminate();
    this.sessions.clear();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }
}
