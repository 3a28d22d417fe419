/** A tiny router for `/_matrix/client/…` paths, plus the Matrix error type handlers throw. */
import type { HomeserverState, Session } from './state.js';

export class MatrixHttpError extends Error {
  constructor(
    readonly status: number,
    readonly errcode: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export const forbidden = (message: string): MatrixHttpError => new MatrixHttpError(403, 'M_FORBIDDEN', message);
export const notFound = (message: string): MatrixHttpError => new MatrixHttpError(404, 'M_NOT_FOUND', message);

export interface RouteContext {
  state: HomeserverState;
  method: string;
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  /** Present on every route declared with `auth: true`. */
  session: Session | undefined;
  /** Aborted when the client goes away or the server closes. */
  signal: AbortSignal;
}

export interface Route {
  method: string;
  /** e.g. `v3/rooms/:roomId/send/:type/:txnId`; a trailing `:name?` may be missing or empty. */
  pattern: string;
  auth: boolean;
  handle(ctx: RouteContext): unknown;
}

export function route(method: string, pattern: string, handle: Route['handle'], auth = true): Route {
  return { method, pattern, auth, handle };
}

/** Params of `pattern` for the (still encoded) path below `/_matrix/client/`, or undefined. */
export function matchRoute(pattern: string, subPath: string): Record<string, string> | undefined {
  const want = pattern.split('/');
  const got = subPath.split('/');
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i += 1) {
    const part = want[i] ?? '';
    const value = got[i];
    if (part.startsWith(':')) {
      const optional = part.endsWith('?');
      const name = part.slice(1, optional ? -1 : undefined);
      if (value === undefined || value === '') {
        if (!optional) return undefined;
        params[name] = '';
        continue;
      }
      params[name] = decodeURIComponent(value);
    } else if (part !== value) {
      return undefined;
    }
  }
  return got.length <= want.length ? params : undefined;
}

export function requireSession(ctx: RouteContext): Session {
  if (!ctx.session) throw new MatrixHttpError(401, 'M_MISSING_TOKEN', 'Missing access token');
  return ctx.session;
}

export function objectBody(ctx: RouteContext): Record<string, unknown> {
  if (ctx.body === undefined) return {};
  if (typeof ctx.body !== 'object' || ctx.body === null || Array.isArray(ctx.body)) {
    throw new MatrixHttpError(400, 'M_NOT_JSON', 'Content not JSON object');
  }
  return ctx.body as Record<string, unknown>;
}

export function param(ctx: RouteContext, name: string): string {
  return ctx.params[name] ?? '';
}
