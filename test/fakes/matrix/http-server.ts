/** The HTTP side of the fake homeserver: parsing, auth, recording, fault injection, dispatch. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describeFault, type FaultQueue } from './faults.js';
import { matchRoute, MatrixHttpError, type Route } from './router.js';
import type { HomeserverState, Session } from './state.js';
import type { RecordedRequest } from './types.js';

const PREFIX = '/_matrix/client/';

export interface HttpDeps {
  state: HomeserverState;
  routes: Route[];
  faults: FaultQueue;
  requests: RecordedRequest[];
}

export interface RunningServer {
  baseUrl: string;
  close(): Promise<void>;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.destroyed || res.headersSent) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function matrixError(errcode: string, error: string, extra: Record<string, unknown> = {}): unknown {
  return { errcode, error, ...extra };
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new MatrixHttpError(400, 'M_NOT_JSON', 'Content not JSON.');
  }
}

/** Login bodies carry passwords; the record keeps their shape but not the secret. */
function withoutSecrets(body: unknown): unknown {
  if (typeof body !== 'object' || body === null || !('password' in body)) return body;
  return { ...body, password: '<redacted>' };
}

function tokenOf(req: IncomingMessage, query: URLSearchParams): string | undefined {
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice('Bearer '.length).trim();
  return query.get('access_token') ?? undefined;
}

async function handle(deps: HttpDeps, req: IncomingMessage, res: ServerResponse, closing: AbortSignal): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://fake');
  const method = req.method ?? 'GET';
  const token = tokenOf(req, url.searchParams);
  const query = new URLSearchParams(url.searchParams);
  query.delete('access_token');
  const record: RecordedRequest = { method, path: url.pathname, query: Object.fromEntries(query), body: undefined };
  deps.requests.push(record);
  const respond = (status: number, body: unknown): void => {
    record.status = status;
    sendJson(res, status, body);
  };
  let body: unknown;
  try {
    body = await readBody(req);
    record.body = withoutSecrets(body);
  } catch (err) {
    const e = err as MatrixHttpError;
    respond(e.status, matrixError(e.errcode, e.message));
    return;
  }

  const fault = deps.faults.take(method, url.pathname);
  if (fault) record.fault = describeFault(fault);
  if (fault && 'reset' in fault && fault.reset === 'before') {
    req.socket.destroy();
    return;
  }
  if (fault && 'status' in fault && !('afterStore' in fault)) {
    if (fault.status === 429) {
      respond(429, matrixError('M_LIMIT_EXCEEDED', 'Too Many Requests', { retry_after_ms: fault.retryAfterMs }));
    } else {
      respond(fault.status, matrixError('M_UNKNOWN', 'Internal server error'));
    }
    return;
  }

  const status = await dispatch(deps, method, url.pathname, query, body, token, record, closing, req);
  if (fault && 'afterStore' in fault) {
    respond(500, matrixError('M_UNKNOWN', 'Internal server error'));
  } else if (fault && 'reset' in fault) {
    req.socket.destroy();
  } else {
    respond(status.code, status.body);
  }
}

async function dispatch(
  deps: HttpDeps,
  method: string,
  pathname: string,
  query: URLSearchParams,
  body: unknown,
  token: string | undefined,
  record: RecordedRequest,
  closing: AbortSignal,
  req: IncomingMessage,
): Promise<{ code: number; body: unknown }> {
  if (method === 'OPTIONS') return { code: 200, body: {} };
  const subPath = pathname.startsWith(PREFIX) ? pathname.slice(PREFIX.length) : undefined;
  let found: { route: Route; params: Record<string, string> } | undefined;
  let pathKnown = false;
  for (const candidate of subPath === undefined ? [] : deps.routes) {
    const params = matchRoute(candidate.pattern, subPath ?? '');
    if (!params) continue;
    pathKnown = true;
    if (candidate.method === method) {
      found = { route: candidate, params };
      break;
    }
  }
  if (!found) {
    return pathKnown
      ? { code: 405, body: matrixError('M_UNRECOGNIZED', 'Unrecognized request') }
      : { code: 404, body: matrixError('M_UNRECOGNIZED', 'Unrecognized request') };
  }
  let session: Session | undefined;
  if (found.route.auth) {
    if (token === undefined) return { code: 401, body: matrixError('M_MISSING_TOKEN', 'Missing access token') };
    session = deps.state.sessions.get(token);
    if (!session) return { code: 401, body: matrixError('M_UNKNOWN_TOKEN', 'Unknown access token', { soft_logout: false }) };
    record.userId = session.userId;
  }
  const gone = new AbortController();
  const abort = (): void => gone.abort();
  req.socket.once('close', abort);
  closing.addEventListener('abort', abort);
  try {
    const result = await found.route.handle({
      state: deps.state,
      method,
      params: found.params,
      query,
      body,
      session,
      signal: gone.signal,
    });
    return { code: 200, body: result };
  } catch (err) {
    if (err instanceof MatrixHttpError) return { code: err.status, body: matrixError(err.errcode, err.message, err.extra) };
    return { code: 500, body: matrixError('M_UNKNOWN', err instanceof Error ? err.message : String(err)) };
  } finally {
    req.socket.off('close', abort);
    closing.removeEventListener('abort', abort);
  }
}

export async function listen(deps: HttpDeps): Promise<RunningServer> {
  const closing = new AbortController();
  const server: Server = createServer((req, res) => {
    handle(deps, req, res, closing.signal).catch((err: unknown) => {
      sendJson(res, 500, matrixError('M_UNKNOWN', err instanceof Error ? err.message : String(err)));
    });
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        closing.abort();
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
