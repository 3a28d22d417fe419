import { GatewayDispatchEvents, GatewayIntentBits } from 'discord-api-types/v10';
import { DiscordErrors, errorResponse, invalidFormBody, type ErrorResponse } from './errors.js';
import { asRecord } from './http-util.js';
import { applyEdit, newMessage } from './message-model.js';
import { apiChannel, apiMessage } from './payloads.js';
import type { RestContext } from './rest-context.js';
import { route, type Route, type RouteRequest, type RouteResult } from './router.js';
import type { ChannelState } from './state.js';
import type { RecordedMessage } from './types.js';
import { validateMessageBody } from './validate-message.js';

/** Channel types that cannot hold messages: category, directory, forum, media. */
const NON_TEXT_TYPES = new Set([4, 14, 15, 16]);

function param(req: RouteRequest, i: number): string {
  return req.params[i] ?? '';
}

function accessibleChannel(ctx: RestContext, id: string): ChannelState | ErrorResponse {
  const ch = ctx.state.channels.get(id);
  if (!ch || ch.access === 'deleted') return errorResponse(DiscordErrors.unknownChannel);
  if (ch.access === 'missing') return errorResponse(DiscordErrors.missingAccess);
  return ch;
}

function isError<T extends object>(v: T | ErrorResponse): v is ErrorResponse {
  return 'body' in v && 'status' in v && !('id' in v);
}

function announce(ctx: RestContext, m: RecordedMessage): void {
  const intent = m.guild_id ? GatewayIntentBits.GuildMessages : GatewayIntentBits.DirectMessages;
  ctx.gateway.broadcast(
    GatewayDispatchEvents.MessageCreate,
    { ...apiMessage(m, ctx.state), ...(m.guild_id ? { guild_id: m.guild_id } : {}) },
    intent,
  );
}

function createMessage(ctx: RestContext, req: RouteRequest): RouteResult | ErrorResponse {
  const ch = accessibleChannel(ctx, param(req, 0));
  if (isError(ch)) return ch;
  if (NON_TEXT_TYPES.has(ch.type)) return errorResponse(DiscordErrors.nonTextChannel);
  const body = asRecord(req.body);
  const invalid = validateMessageBody(body, req.files.length === 0);
  if (invalid) return invalid;
  const nonce = body['nonce'];
  const enforce = body['enforce_nonce'] === true && (typeof nonce === 'string' || typeof nonce === 'number');
  const now = Date.now();
  if (enforce) {
    const existing = ctx.state.findByNonce(ch.id, nonce, now);
    if (existing) return { status: 200, body: apiMessage(existing, ctx.state) };
  }
  const m = newMessage(ctx.state, ch.id, body, req.files, ch.guildId ? { guildId: ch.guildId } : {});
  ctx.state.storeMessage(m);
  if (enforce) ctx.state.rememberNonce(ch.id, nonce, m.id, now);
  announce(ctx, m);
  return { status: 200, body: apiMessage(m, ctx.state) };
}

function findMessage(ctx: RestContext, req: RouteRequest): RecordedMessage | ErrorResponse {
  const ch = accessibleChannel(ctx, param(req, 0));
  if (isError(ch)) return ch;
  return ctx.state.message(ch.id, param(req, 1)) ?? errorResponse(DiscordErrors.unknownMessage);
}

function editMessage(ctx: RestContext, req: RouteRequest): RouteResult | ErrorResponse {
  const m = findMessage(ctx, req);
  if (isError(m)) return m;
  if (m.author_id !== ctx.state.bot.id || m.webhookId) return errorResponse(DiscordErrors.cannotEditOthers);
  const body = asRecord(req.body);
  const invalid = validateMessageBody(body, false);
  if (invalid) return invalid;
  applyEdit(ctx.state, m, body, req.files);
  return { status: 200, body: apiMessage(m, ctx.state) };
}

function openDm(ctx: RestContext, req: RouteRequest): RouteResult | ErrorResponse {
  const recipient = asRecord(req.body)['recipient_id'];
  if (typeof recipient !== 'string' || !/^\d{1,20}$/.test(recipient)) {
    return invalidFormBody([{ path: 'recipient_id', code: 'NUMBER_TYPE_COERCE', message: `Value "${String(recipient)}" is not snowflake.` }]);
  }
  const ch = ctx.state.dmChannelFor(recipient);
  if (ch.access === 'deleted') ch.access = 'ok'; // reopening a DM gives it back
  return { status: 200, body: apiChannel(ch, ctx.state) };
}

export function channelRoutes(ctx: RestContext): Route[] {
  return [
    route('POST', '/channels/:id/messages', (req) => createMessage(ctx, req)),
    route('GET', '/channels/:id/messages/:id', (req) => {
      const m = findMessage(ctx, req);
      return isError(m) ? m : { status: 200, body: apiMessage(m, ctx.state) };
    }),
    route('PATCH', '/channels/:id/messages/:id', (req) => editMessage(ctx, req)),
    route('DELETE', '/channels/:id/messages/:id', (req) => {
      const m = findMessage(ctx, req);
      if (isError(m)) return m;
      m.deleted = true;
      return { status: 204 };
    }),
    route('GET', '/channels/:id', (req) => {
      const ch = accessibleChannel(ctx, param(req, 0));
      return isError(ch) ? ch : { status: 200, body: apiChannel(ch, ctx.state) };
    }),
    route('POST', '/users/@me/channels', (req) => openDm(ctx, req)),
  ];
}
