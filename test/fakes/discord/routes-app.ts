import {
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  type APIApplication,
  type APIApplicationCommand,
  type APIApplicationCommandOption,
  type ApplicationFlags,
  type RESTGetAPIGatewayBotResult,
} from 'discord-api-types/v10';
import { DiscordErrors, errorResponse, invalidFormBody, type ErrorResponse } from './errors.js';
import { asRecord } from './http-util.js';
import { apiUser } from './payloads.js';
import type { RestContext } from './rest-context.js';
import { route, type Route, type RouteRequest, type RouteResult } from './router.js';

const COMMAND_NAME = /^[-_'\p{Ll}\p{Lo}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

function application(ctx: RestContext): APIApplication {
  return {
    id: ctx.state.applicationId,
    name: ctx.state.bot.username,
    icon: null,
    description: '',
    bot_public: false,
    bot_require_code_grant: false,
    bot: apiUser(ctx.state.bot),
    summary: '',
    verify_key: '0'.repeat(64),
    team: null,
    flags: 0 as ApplicationFlags,
    flags_new: '0',
    owner: apiUser({ id: '1', username: 'owner', bot: false }),
  } as APIApplication;
}

type Problem = { path: string; code: string; message: string };

function checkCommand(raw: Record<string, unknown>, i: number, out: Problem[]): void {
  const type = typeof raw['type'] === 'number' ? raw['type'] : ApplicationCommandType.ChatInput;
  const name = raw['name'];
  if (typeof name !== 'string' || !COMMAND_NAME.test(name)) {
    out.push({ path: `${i}.name`, code: 'APPLICATION_COMMAND_INVALID_NAME', message: 'Command name is invalid' });
  }
  const description = raw['description'];
  if (type === ApplicationCommandType.ChatInput && (typeof description !== 'string' || description.length < 1 || description.length > 100)) {
    out.push({ path: `${i}.description`, code: 'BASE_TYPE_BAD_LENGTH', message: 'Must be between 1 and 100 in length.' });
  }
  const options = Array.isArray(raw['options']) ? raw['options'] : [];
  if (options.length > 25) out.push({ path: `${i}.options`, code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 25 or fewer in length.' });
}

/** PUT bulk overwrite: keeps the id of a command with the same name and type, as Discord does. */
function overwrite(ctx: RestContext, req: RouteRequest, guildId: string | undefined): RouteResult | ErrorResponse {
  if (req.params[0] !== ctx.state.applicationId) return errorResponse(DiscordErrors.unknownRoute);
  if (guildId && !ctx.state.guilds.has(guildId)) return errorResponse(DiscordErrors.missingAccess);
  if (!Array.isArray(req.body)) {
    return invalidFormBody([{ path: '_', code: 'BASE_TYPE_ARRAY', message: 'Must be an array.' }]);
  }
  const problems: Problem[] = [];
  req.body.forEach((c, i) => checkCommand(asRecord(c), i, problems));
  if (problems.length > 0) return invalidFormBody(problems);
  const previous = guildId ? (ctx.state.commands.guild[guildId] ?? []) : ctx.state.commands.global;
  const next = req.body.map((c): APIApplicationCommand => {
    const raw = asRecord(c);
    const type = (typeof raw['type'] === 'number' ? raw['type'] : ApplicationCommandType.ChatInput) as ApplicationCommandType;
    const name = String(raw['name']);
    const old = previous.find((p) => p.name === name && p.type === type);
    return {
      id: old?.id ?? ctx.state.ids.next(),
      application_id: ctx.state.applicationId,
      ...(guildId ? { guild_id: guildId } : {}),
      version: ctx.state.ids.next(),
      type,
      name,
      name_localizations: (raw['name_localizations'] as APIApplicationCommand['name_localizations']) ?? null,
      description: typeof raw['description'] === 'string' ? raw['description'] : '',
      description_localizations: (raw['description_localizations'] as APIApplicationCommand['description_localizations']) ?? null,
      ...(Array.isArray(raw['options']) ? { options: raw['options'] as APIApplicationCommandOption[] } : {}),
      default_member_permissions: raw['default_member_permissions'] == null ? null : String(raw['default_member_permissions']),
      dm_permission: raw['dm_permission'] !== false,
      nsfw: raw['nsfw'] === true,
      integration_types: (raw['integration_types'] as ApplicationIntegrationType[] | undefined) ?? [ApplicationIntegrationType.GuildInstall],
      contexts: (raw['contexts'] as InteractionContextType[] | null | undefined) ?? null,
    };
  });
  if (guildId) ctx.state.commands.guild[guildId] = next;
  else ctx.state.commands.global = next;
  return { status: 200, body: next };
}

export function appRoutes(ctx: RestContext): Route[] {
  return [
    route('GET', '/gateway/bot', () => {
      const body: RESTGetAPIGatewayBotResult = {
        url: ctx.gatewayUrl(),
        shards: 1,
        session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 1 },
      };
      return { status: 200, body };
    }),
    route('GET', '/gateway', () => ({ status: 200, body: { url: ctx.gatewayUrl() } }), false),
    route('GET', '/users/@me', () => ({
      status: 200,
      body: { ...apiUser(ctx.state.bot), bot: true, verified: true, mfa_enabled: false, locale: 'en-US' },
    })),
    route('GET', '/applications/@me', () => ({ status: 200, body: application(ctx) })),
    route('GET', '/applications/:id/commands', (req) =>
      req.params[0] === ctx.state.applicationId
        ? { status: 200, body: ctx.state.commands.global }
        : errorResponse(DiscordErrors.unknownRoute),
    ),
    route('PUT', '/applications/:id/commands', (req) => overwrite(ctx, req, undefined)),
    route('GET', '/applications/:id/guilds/:id/commands', (req) => {
      const guildId = req.params[1] ?? '';
      if (req.params[0] !== ctx.state.applicationId) return errorResponse(DiscordErrors.unknownRoute);
      if (!ctx.state.guilds.has(guildId)) return errorResponse(DiscordErrors.missingAccess);
      return { status: 200, body: ctx.state.commands.guild[guildId] ?? [] };
    }),
    route('PUT', '/applications/:id/guilds/:id/commands', (req) => overwrite(ctx, req, req.params[1])),
  ];
}
