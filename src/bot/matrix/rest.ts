// A small client for the Matrix client-server API, used for every send:
// matrix-js-sdk's own send path stalls after a 500 and refuses a reused
// transaction id, so sends go through here with our own retry of 429s.
import { Agent, request } from 'undici';
import type { Logger } from 'pino';

export const CLIENT_V3 = '/_matrix/client/v3';

/** What went wrong with one request: an HTTP answer (status, errcode) or the network (no status). */
export class MatrixRequestError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number | undefined,
    readonly errcode: string | undefined,
    message: string,
    readonly retryAfterMs?: number,
    options?: { cause?: unknown },
  ) {
    super(`${method} ${path}: ${status ?? 'network'} ${errcode ?? ''} ${message}`.replace(/\s+/g, ' ').trim(), options);
    this.name = 'MatrixRequestError';
  }
}

export interface MatrixRestOptions {
  homeserverUrl: string;
  accessToken: string;
  log: Logger;
  /** Times a 429 is waited out inside one call before giving up (default 3). */
  rateLimitRetries?: number;
  /** Longest single wait for a 429 inside a call (default 10 s); longer ones are left to the caller. */
  maxRateLimitWaitMs?: number;
  timeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

export interface MatrixRest {
  /** `path` is below `/_matrix/client/v3`, with its parts already encoded. */
  request<T>(method: 'GET' | 'PUT' | 'POST', path: string, body?: unknown): Promise<T>;
  close(): Promise<void>;
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Builds a path from segments, encoding each one (room ids, event ids and txn ids contain `!$:`). */
export function pathOf(...segments: string[]): string {
  return `/${segments.map((s) => encodeURIComponent(s)).join('/')}`;
}

function retryAfterOf(body: Record<string, unknown>, header: string | string[] | undefined): number | undefined {
  const fromBody = body['retry_after_ms'];
  if (typeof fromBody === 'number' && Number.isFinite(fromBody) && fromBody >= 0) return fromBody;
  const seconds = Number(Array.isArray(header) ? header[0] : header);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}

export function createMatrixRest(opts: MatrixRestOptions): MatrixRest {
  const base = opts.homeserverUrl.replace(/\/+$/, '');
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const agent = new Agent({ keepAliveTimeout: 10_000, headersTimeout: timeoutMs, bodyTimeout: timeoutMs, connect: { timeout: 10_000 } });
  const sleep = opts.sleep ?? wait;
  const retries = opts.rateLimitRetries ?? 3;
  const maxWait = opts.maxRateLimitWaitMs ?? 10_000;

  async function once<T>(method: string, path: string, body: unknown): Promise<T> {
    let res;
    try {
      res = await request(`${base}${CLIENT_V3}${path}`, {
        method,
        dispatcher: agent,
        headers: { authorization: `Bearer ${opts.accessToken}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
        body: body !== undefined ? JSON.stringify(body) : undefined,
      });
    } catch (err) {
      throw new MatrixRequestError(method, path, undefined, undefined, err instanceof Error ? err.message : String(err), undefined, { cause: err });
    }
    let text: string;
    try {
      text = await res.body.text();
    } catch (err) {
      throw new MatrixRequestError(method, path, undefined, undefined, `reading the answer: ${err instanceof Error ? err.message : String(err)}`, undefined, { cause: err });
    }
    let parsed: unknown = undefined;
    try {
      parsed = text === '' ? {} : JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    if (res.statusCode >= 200 && res.statusCode < 300) return (parsed ?? {}) as T;
    const errBody = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as Record<string, unknown>;
    const errcode = typeof errBody['errcode'] === 'string' ? errBody['errcode'] : undefined;
    const message = typeof errBody['error'] === 'string' ? errBody['error'] : text.slice(0, 200);
    const retryAfter = res.statusCode === 429 ? (retryAfterOf(errBody, res.headers['retry-after']) ?? 1000) : undefined;
    throw new MatrixRequestError(method, path, res.statusCode, errcode, message, retryAfter);
  }

  return {
    async request<T>(method: 'GET' | 'PUT' | 'POST', path: string, body?: unknown): Promise<T> {
      for (let attempt = 0; ; attempt++) {
        try {
          return await once<T>(method, path, body);
        } catch (err) {
          const limited = err instanceof MatrixRequestError && err.status === 429;
          if (!limited || attempt >= retries || (err.retryAfterMs ?? 0) > maxWait) throw err;
          opts.log.info({ path: path.split('/').slice(0, 4).join('/'), retryAfterMs: err.retryAfterMs, attempt: attempt + 1 }, 'matrix rate limit: waiting');
          await sleep(err.retryAfterMs ?? 1000);
        }
      }
    },
    close: () => agent.close(),
  };
}
