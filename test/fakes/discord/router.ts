import type { ErrorResponse } from './errors.js';
import type { ParsedBody } from './http-util.js';

export interface RouteRequest {
  method: string;
  /** Path below `/api/v10`. */
  path: string;
  params: string[];
  query: URLSearchParams;
  body: unknown;
  files: ParsedBody['files'];
}

export interface RouteResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type RouteHandler = (req: RouteRequest) => RouteResult | ErrorResponse | Promise<RouteResult | ErrorResponse>;

export interface Route {
  method: string;
  pattern: RegExp;
  /** False for interaction callbacks and interaction webhooks, which Discord serves without a bot token. */
  auth: boolean;
  handler: RouteHandler;
}

const SNOWFLAKE = '(\\d{1,20})';
const TOKEN = '([A-Za-z0-9_.\\-]+)';

/** Builds a route pattern from `/channels/:id/messages` style paths (`:id` snowflake, `:token` token). */
export function route(method: string, template: string, handler: RouteHandler, auth = true): Route {
  const source = template
    .replace(/[.*+?^${}()|[\]\\]/g, (c) => (c === ':' ? c : `\\${c}`))
    .replace(/:token/g, TOKEN)
    .replace(/:id/g, SNOWFLAKE);
  return { method, pattern: new RegExp(`^${source}/?$`), auth, handler };
}

export function findRoute(routes: Route[], method: string, path: string): { route: Route; params: string[] } | undefined {
  for (const r of routes) {
    if (r.method !== method) continue;
    const m = r.pattern.exec(path);
    if (m) return { route: r, params: m.slice(1).map((p) => p ?? '') };
  }
  return undefined;
}
