import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { GatewayDispatchEvents } from 'discord-api-types/v10';
import { DiscordErrors } from './errors.js';
import { FaultQueue } from './faults.js';
import { FakeGateway } from './gateway.js';
import { parseBody, readRaw, sendJson } from './http-util.js';
import { InteractionRegistry } from './interactions.js';
import { apiMessage, guildCreate } from './payloads.js';
import { bucketHeaders, tooManyRequests } from './rate-limit-headers.js';
import type { RestContext } from './rest-context.js';
import { findRoute, type Route } from './router.js';
import { appRoutes } from './routes-app.js';
import { channelRoutes } from './routes-channels.js';
import { interactionRoutes } from './routes-interactions.js';
import { FakeDiscordState } from './state.js';
import type { FakeDiscord, FakeDiscordOptions, FakeFault, RecordedRequest } from './types.js';

const API_PREFIX = '/api/v10';

function redactedHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (v === undefined) continue;
    out[k] = k === 'authorization' ? '[redacted]' : Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}

function safeDecode(pathname: string): string {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return pathname;
  }
}

function botToken(): string {
  const part = (n: number): string => randomBytes(n).toString('base64url');
  return `${Buffer.from(String(Date.now())).toString('base64url')}.${part(5)}.${part(28)}`;
}

/** Starts a fake Discord (REST under /api/v10 and the gateway) on 127.0.0.1 at a free port. */
export async function startFakeDiscord(opts: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  const token = opts.token ?? botToken();
  const state = new FakeDiscordState(
    opts.applicationId ?? '1300000000000000001',
    { id: opts.botUserId ?? opts.applicationId ?? '1300000000000000001', username: opts.botUsername ?? 'standards-watch', bot: true },
    opts.nonceWindowMs ?? 5 * 60_000,
  );
  const requests: RecordedRequest[] = [];
  const faults = new FaultQueue();
  const server = createServer();
  let port = 0;
  const gatewayUrl = (): string => `ws://127.0.0.1:${port}`;
  const gateway = new FakeGateway(server, state, { token, heartbeatIntervalMs: opts.heartbeatIntervalMs ?? 41_250, url: gatewayUrl });
  const interactions = new InteractionRegistry(state, {
    windowMs: opts.interactionWindowMs ?? 3_000,
    deferredEditWaitMs: opts.deferredEditWaitMs ?? 5_000,
  });
  const ctx: RestContext = { state, interactions, gateway, gatewayUrl };
  const routes: Route[] = [...appRoutes(ctx), ...channelRoutes(ctx), ...interactionRoutes(ctx)];

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const raw = await readRaw(req);
    const parsed = await parseBody(raw, req.headers['content-type']).catch(() => ({ json: undefined, files: [] }));
    const pathname = safeDecode(url.pathname); // discord.js sends `@original` as `%40original`
    const path = pathname.startsWith(API_PREFIX) ? pathname.slice(API_PREFIX.length) || '/' : pathname;
    const record: RecordedRequest = {
      at: new Date(),
      method,
      path,
      query: Object.fromEntries(url.searchParams),
      body: parsed.json,
      headers: redactedHeaders(req),
      status: 0,
      unknownRoute: false,
    };
    requests.push(record);
    const reply = (status: number, body: unknown, headers: Record<string, string> = {}): void => {
      record.status = status;
      sendJson(res, status, body, headers);
    };
    const found = pathname.startsWith(API_PREFIX) ? findRoute(routes, method, path) : undefined;
    if (!found) {
      record.unknownRoute = true;
      reply(404, { message: DiscordErrors.unknownRoute.message, code: 0 });
      return;
    }
    const routeKey = found.route.pattern.source;
    if (found.route.auth && req.headers.authorization !== `Bot ${token}`) {
      reply(401, { message: DiscordErrors.unauthorized.message, code: 0 });
      return;
    }
    const fault: FakeFault | undefined = faults.take(method, path);
    if (fault) record.fault = fault;
    if (fault && 'status' in fault) {
      if (fault.status === 429) {
        const limited = tooManyRequests(method, routeKey, fault.retryAfterSec, fault.global === true);
        reply(429, limited.body, limited.headers);
      } else if (fault.status === 500) {
        reply(500, { message: '500: Internal Server Error', code: 0 });
      } else {
        record.status = fault.status;
        res.writeHead(fault.status, { 'content-type': 'text/html' });
        res.end(`<html><body><h1>${fault.status} Bad Gateway</h1></body></html>`);
      }
      return;
    }
    if (fault && fault.reset === 'before') {
      req.socket.destroy();
      return;
    }
    const result = await found.route.handler({ method, path, params: found.params, query: url.searchParams, body: parsed.json, files: parsed.files });
    if (fault && fault.reset === 'after') {
      req.socket.destroy();
      return;
    }
    const headers = 'headers' in result && result.headers ? result.headers : {};
    reply(result.status, result.body, { ...bucketHeaders(method, routeKey, 4, 5), ...headers });
  }

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { message: `fake-discord: ${String(err)}`, code: 0 });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;

  const fake: FakeDiscord = {
    apiUrl: `http://127.0.0.1:${port}/api`,
    gatewayUrl: gatewayUrl(),
    token,
    applicationId: state.applicationId,
    botUserId: state.bot.id,
    messages: state.messages,
    requests,
    commands: state.commands,
    get connectedSessions() {
      return gateway.identifiedCount;
    },
    addGuild(g) {
      const guild = state.addGuild(g);
      gateway.broadcast(GatewayDispatchEvents.GuildCreate, guildCreate(guild, state));
    },
    addDmChannel(userId) {
      return state.dmChannelFor(userId).id;
    },
    removeChannelAccess(channelId) {
      state.setAccess(channelId, 'missing');
    },
    deleteChannel(channelId) {
      state.setAccess(channelId, 'deleted');
    },
    sendInteraction(i) {
      return interactions.start(i, (payload) => {
        if (!gateway.dispatchToOne(GatewayDispatchEvents.InteractionCreate, payload)) {
          throw new Error('fake-discord: no identified gateway session to send the interaction to');
        }
      });
    },
    failNext(match, fault, times = 1) {
      faults.add(match, fault, times);
    },
    toApiMessage(m) {
      return apiMessage(m, state);
    },
    async close() {
      interactions.close();
      await gateway.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return fake;
}
