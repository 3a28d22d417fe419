/** Server, account and sync routes: versions, capabilities, push rules, login, filters, sync, profile, account data. */
import { defaultPushRules } from './default-push-rules.js';
import { forbidden, MatrixHttpError, notFound, objectBody, param, requireSession, route, type Route, type RouteContext } from './router.js';
import { buildSync, isEmptySync, parseToken, timelineLimit, type SyncResponse } from './sync.js';

const DEFAULT_TIMELINE_LIMIT = 10;

function login(ctx: RouteContext): unknown {
  const body = objectBody(ctx);
  if (body['type'] !== 'm.login.password') throw new MatrixHttpError(400, 'M_UNKNOWN', 'Unknown login type');
  const identifier = body['identifier'] as { user?: unknown } | undefined;
  const given = typeof identifier?.user === 'string' ? identifier.user : body['user'];
  if (typeof given !== 'string') throw new MatrixHttpError(400, 'M_MISSING_PARAM', 'Missing user');
  const userId = given.startsWith('@') ? given : `@${given}:${ctx.state.serverName}`;
  const user = ctx.state.users.get(userId);
  if (!user || user.password === undefined || user.password !== body['password']) throw forbidden('Invalid username or password');
  const deviceId = typeof body['device_id'] === 'string' ? body['device_id'] : undefined;
  const session = ctx.state.newSession(userId, deviceId);
  return { user_id: userId, access_token: session.accessToken, device_id: session.deviceId, home_server: ctx.state.serverName };
}

function ownUser(ctx: RouteContext): string {
  const session = requireSession(ctx);
  if (param(ctx, 'userId') !== session.userId) throw forbidden('Cannot access another user\'s data');
  return session.userId;
}

function userFilters(ctx: RouteContext): Map<string, unknown> {
  const userId = ownUser(ctx);
  let filters = ctx.state.filters.get(userId);
  if (!filters) {
    filters = new Map();
    ctx.state.filters.set(userId, filters);
  }
  return filters;
}

function resolveFilter(ctx: RouteContext, userId: string): unknown {
  const raw = ctx.query.get('filter');
  if (raw === null) return undefined;
  if (raw.trim().startsWith('{')) {
    try {
      return JSON.parse(raw) as unknown;
    } catch {
      throw new MatrixHttpError(400, 'M_INVALID_PARAM', 'filter is not valid JSON');
    }
  }
  return ctx.state.filters.get(userId)?.get(raw);
}

function makeSync(maxWaitMs: number) {
  return async (ctx: RouteContext): Promise<SyncResponse> => {
    const session = requireSession(ctx);
    const sinceRaw = ctx.query.get('since') ?? undefined;
    const since = parseToken(sinceRaw);
    if (sinceRaw !== undefined && since === undefined) throw new MatrixHttpError(400, 'M_INVALID_PARAM', 'Bad since token');
    const limit = timelineLimit(resolveFilter(ctx, session.userId), DEFAULT_TIMELINE_LIMIT);
    const timeout = Math.max(0, Number(ctx.query.get('timeout') ?? 0) || 0);
    const deadline = Date.now() + Math.min(timeout, maxWaitMs);
    for (;;) {
      const response = buildSync(ctx.state, session, since, limit);
      const remaining = deadline - Date.now();
      if (since === undefined || !isEmptySync(response) || remaining <= 0 || ctx.signal.aborted) return response;
      await ctx.state.waitForChange(remaining, ctx.signal);
    }
  };
}

function accountData(ctx: RouteContext, roomScoped: boolean): unknown {
  const userId = ownUser(ctx);
  const type = roomScoped ? `${param(ctx, 'roomId')}\u0000${param(ctx, 'type')}` : param(ctx, 'type');
  if (ctx.method === 'PUT') {
    ctx.state.setAccountData(userId, type, objectBody(ctx));
    return {};
  }
  const content = ctx.state.getAccountData(userId, type);
  if (!content) throw notFound('Account data not found');
  return content;
}

export function accountRoutes(opts: { maxSyncWaitMs: number }): Route[] {
  return [
    route('GET', 'versions', () => ({
      versions: ['r0.6.1', 'v1.1', 'v1.2', 'v1.3', 'v1.4', 'v1.5', 'v1.6', 'v1.7', 'v1.8', 'v1.9', 'v1.10', 'v1.11'],
      unstable_features: {},
    }), false),
    route('GET', 'v3/capabilities', () => ({
      capabilities: {
        'm.change_password': { enabled: false },
        'm.room_versions': { default: '10', available: { '10': 'stable', '11': 'stable' } },
      },
    })),
    route('GET', 'v3/pushrules/:rest?', (ctx) => defaultPushRules(requireSession(ctx).userId)),
    route('GET', 'v3/account/whoami', (ctx) => {
      const session = requireSession(ctx);
      return { user_id: session.userId, device_id: session.deviceId, is_guest: false };
    }),
    route('GET', 'v3/login', () => ({ flows: [{ type: 'm.login.password' }] }), false),
    route('POST', 'v3/login', login, false),
    route('POST', 'v3/logout', (ctx) => {
      ctx.state.sessions.delete(requireSession(ctx).accessToken);
      return {};
    }),
    route('POST', 'v3/user/:userId/filter', (ctx) => {
      const filters = userFilters(ctx);
      const filterId = String(filters.size + 1);
      filters.set(filterId, objectBody(ctx));
      return { filter_id: filterId };
    }),
    route('GET', 'v3/user/:userId/filter/:filterId', (ctx) => {
      const filter = userFilters(ctx).get(param(ctx, 'filterId'));
      if (filter === undefined) throw notFound('No such filter');
      return filter;
    }),
    route('GET', 'v3/sync', makeSync(opts.maxSyncWaitMs)),
    route('GET', 'v3/profile/:userId', (ctx) => {
      const user = ctx.state.users.get(param(ctx, 'userId'));
      if (!user) throw notFound('Profile was not found');
      return { displayname: user.displayName };
    }),
    route('GET', 'v3/profile/:userId/displayname', (ctx) => {
      const user = ctx.state.users.get(param(ctx, 'userId'));
      if (!user) throw notFound('Profile was not found');
      return { displayname: user.displayName };
    }),
    route('PUT', 'v3/user/:userId/account_data/:type', (ctx) => accountData(ctx, false)),
    route('GET', 'v3/user/:userId/account_data/:type', (ctx) => accountData(ctx, false)),
    route('PUT', 'v3/user/:userId/rooms/:roomId/account_data/:type', (ctx) => accountData(ctx, true)),
    route('GET', 'v3/user/:userId/rooms/:roomId/account_data/:type', (ctx) => accountData(ctx, true)),
  ];
}
