// The one HTTP fetcher: used by every source kind and by article fetching.
// Polite (identifying User-Agent, conditional GET, per-host concurrency and spacing, Retry-After)
// and safe (address guard at connect time, redirects re-checked one by one, time and size caps).
import { Agent, request } from 'undici';
import type { Logger } from 'pino';
import { assertLiteralHostAllowed, BlockedAddressError, createGuardedLookup, normaliseHost } from './address-guard.js';
import { FetchError, isTransientStatus, parseRetryAfter } from './fetch-error.js';
import { HostLimiter } from './host-limiter.js';
import { classifyNetworkError, readCappedBody } from './fetch-body.js';

export { FetchError, type FetchErrorKind } from './fetch-error.js';

export interface FetcherOptions {
  userAgent: string;
  allowHosts: string[];
  /** Total time for one fetch, redirects included (default 20 s). */
  timeoutMs?: number;
  connectTimeoutMs?: number;
  /** Largest body accepted, before and after decompression (default 10 MB). */
  maxBytes?: number;
  maxRedirects?: number;
  perHostConcurrency?: number;
  perHostSpacingMs?: number;
  log?: Logger;
}

export interface FetchRequest {
  url: string;
  etag?: string;
  lastModified?: string;
  accept?: string;
  signal?: AbortSignal;
}

export type FetchResult =
  | { status: 'not-modified'; url: string }
  | {
      status: 'ok';
      /** Final URL, after redirects. */
      url: string;
      /** Decoded from gzip/br/deflate; raw bytes otherwise (charset is the reader's business). */
      body: Buffer;
      contentType?: string;
      etag?: string;
      lastModified?: string;
      httpStatus: number;
    };

export interface Fetcher {
  fetch(req: FetchRequest): Promise<FetchResult>;
  close(): Promise<void>;
}

export const DEFAULT_ACCEPT =
  'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, ' +
  'text/xml;q=0.9, text/calendar;q=0.9, application/json;q=0.8, text/html;q=0.8, */*;q=0.5';

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const MAX_COOL_DOWN_MS = 6 * 60 * 60 * 1000;

export function createFetcher(opts: FetcherOptions): Fetcher {
  const timeoutMs = opts.timeoutMs ?? 20_000;
  const maxBytes = opts.maxBytes ?? 10 * 1024 * 1024;
  const maxRedirects = opts.maxRedirects ?? 5;
  const allowHosts = [...opts.allowHosts];
  const limiter = new HostLimiter({
    concurrency: opts.perHostConcurrency ?? 2,
    spacingMs: opts.perHostSpacingMs ?? 0,
  });
  const agent = new Agent({
    connect: { lookup: createGuardedLookup(allowHosts), timeout: opts.connectTimeoutMs ?? Math.min(10_000, timeoutMs) },
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
    keepAliveTimeout: 4_000,
  });
  const log = opts.log;

  async function fetchOnce(req: FetchRequest): Promise<FetchResult> {
    const timer = new AbortController();
    const timeout = setTimeout(
      () => timer.abort(new FetchError({ kind: 'timeout', url: req.url, message: `no complete answer within ${timeoutMs} ms` })),
      timeoutMs,
    );
    const signal = req.signal ? AbortSignal.any([req.signal, timer.signal]) : timer.signal;
    const visited = new Set<string>();
    let current = parseUrl(req.url);
    try {
      for (let hop = 0; ; hop += 1) {
        visited.add(current.href);
        assertLiteralHostAllowed(current, allowHosts);
        const host = normaliseHost(current.host);
        const waitMs = limiter.coolDownRemaining(host);
        if (waitMs > 0) {
          throw new FetchError({
            kind: 'rate-limited',
            url: current.href,
            retryAfterMs: waitMs,
            message: `${current.host} asked us to wait; next try in ${Math.ceil(waitMs / 1000)} s`,
          });
        }
        const release = await limiter.acquire(host, signal);
        try {
          const res = await request(current, {
            method: 'GET',
            dispatcher: agent,
            signal,
            headers: buildHeaders(opts.userAgent, req),
          });
          const status = res.statusCode;
          const header = (name: string): string | undefined => firstHeader(res.headers[name]);
          log?.debug({ url: current.href, status, hop }, 'fetched');

          if (REDIRECT_STATUSES.has(status)) {
            await res.body.dump();
            const location = header('location');
            if (!location) throw httpError(current.href, status, 'redirect without a Location header');
            const next = parseUrl(location, current);
            if (visited.has(next.href)) {
              throw new FetchError({ kind: 'too-many-redirects', url: req.url, message: `redirect loop at ${next.href}` });
            }
            if (hop + 1 > maxRedirects) {
              throw new FetchError({ kind: 'too-many-redirects', url: req.url, message: `more than ${maxRedirects} redirects` });
            }
            current = next;
            continue;
          }
          if (status === 304) {
            await res.body.dump();
            return { status: 'not-modified', url: current.href };
          }
          if (status === 429 || status === 503) {
            const retryAfterMs = parseRetryAfter(header('retry-after'));
            await res.body.dump();
            if (retryAfterMs !== undefined || status === 429) {
              const wait = retryAfterMs ?? 60_000;
              limiter.coolDown(host, Math.min(wait, MAX_COOL_DOWN_MS));
              throw new FetchError({
                kind: 'rate-limited',
                url: current.href,
                status,
                retryAfterMs: wait,
                message: `${current.host} answered ${status}; asked to retry in ${Math.ceil(wait / 1000)} s`,
              });
            }
          }
          if (status < 200 || status >= 300) {
            await res.body.dump();
            throw httpError(current.href, status);
          }
          const contentLength = Number(header('content-length'));
          if (Number.isFinite(contentLength) && contentLength > maxBytes) {
            discard(res.body);
            throw tooLarge(current.href, maxBytes);
          }
          const body = await readCappedBody(res.body, header('content-encoding'), maxBytes, current.href);
          const result: FetchResult = { status: 'ok', url: current.href, body, httpStatus: status };
          const contentType = header('content-type');
          const etag = header('etag');
          const lastModified = header('last-modified');
          if (contentType) result.contentType = contentType;
          if (etag) result.etag = etag;
          if (lastModified) result.lastModified = lastModified;
          return result;
        } finally {
          release();
        }
      }
    } catch (err) {
      throw toFetchError(err, current.href, req.signal, timer.signal);
    } finally {
      clearTimeout(timeout);
    }
  }

  return {
    fetch: fetchOnce,
    close: () => agent.close(),
  };
}

function buildHeaders(userAgent: string, req: FetchRequest): Record<string, string> {
  const headers: Record<string, string> = {
    'user-agent': userAgent,
    accept: req.accept ?? DEFAULT_ACCEPT,
    'accept-encoding': 'gzip, deflate, br',
  };
  if (req.etag) headers['if-none-match'] = req.etag;
  if (req.lastModified) headers['if-modified-since'] = req.lastModified;
  return headers;
}

function parseUrl(raw: string, base?: URL): URL {
  let url: URL;
  try {
    url = new URL(raw, base);
  } catch {
    throw new FetchError({ kind: 'bad-url', url: raw, message: `not a valid URL: ${raw}` });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new FetchError({ kind: 'bad-url', url: url.href, message: `only http and https URLs are fetched, not ${url.protocol}` });
  }
  url.hash = '';
  return url;
}

/** Drop a body we will not read; undici reports the abort as an error nobody needs. */
function discard(body: { on(event: 'error', fn: () => void): unknown; destroy(): unknown }): void {
  body.on('error', () => undefined);
  body.destroy();
}

function firstHeader(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

function httpError(url: string, status: number, detail?: string): FetchError {
  return new FetchError({
    kind: 'http-status',
    url,
    status,
    transient: isTransientStatus(status),
    message: detail ? `HTTP ${status}: ${detail}` : `the server answered HTTP ${status}`,
  });
}

function tooLarge(url: string, maxBytes: number): FetchError {
  return new FetchError({ kind: 'too-large', url, message: `the response is larger than ${maxBytes} bytes` });
}

function toFetchError(err: unknown, url: string, callerSignal: AbortSignal | undefined, timerSignal: AbortSignal): unknown {
  if (err instanceof FetchError) return err;
  if (callerSignal?.aborted && !timerSignal.aborted) return callerSignal.reason ?? err;
  if (timerSignal.aborted && timerSignal.reason instanceof FetchError) return timerSignal.reason;
  const blocked = findCause(err, (e) => e instanceof BlockedAddressError);
  if (blocked instanceof BlockedAddressError) {
    return new FetchError({ kind: 'blocked-address', url, message: blocked.message, cause: err });
  }
  return classifyNetworkError(err, url);
}

function findCause(err: unknown, pred: (e: unknown) => boolean): unknown {
  let e: unknown = err;
  for (let i = 0; i < 8 && e; i += 1) {
    if (pred(e)) return e;
    if (e instanceof AggregateError && e.errors.some(pred)) return e.errors.find(pred);
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}
