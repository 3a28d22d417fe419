// One error class for every way a fetch can fail; `kind` says which, `transient` says whether a
// later retry may succeed (timeouts, 5xx, 429) or not (blocked address, 404, too large).

export type FetchErrorKind =
  | 'bad-url'
  | 'blocked-address'
  | 'dns'
  | 'timeout'
  | 'too-large'
  | 'too-many-redirects'
  | 'rate-limited'
  | 'http-status'
  | 'network';

export interface FetchErrorInit {
  kind: FetchErrorKind;
  url: string;
  message: string;
  status?: number;
  retryAfterMs?: number;
  transient?: boolean;
  cause?: unknown;
}

const TRANSIENT_BY_DEFAULT: Record<FetchErrorKind, boolean> = {
  'bad-url': false,
  'blocked-address': false,
  dns: false,
  timeout: true,
  'too-large': false,
  'too-many-redirects': false,
  'rate-limited': true,
  'http-status': false,
  network: true,
};

export class FetchError extends Error {
  override readonly name = 'FetchError';
  readonly kind: FetchErrorKind;
  readonly status?: number;
  readonly retryAfterMs?: number;
  readonly transient: boolean;
  readonly url: string;

  constructor(init: FetchErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.kind = init.kind;
    this.url = init.url;
    if (init.status !== undefined) this.status = init.status;
    if (init.retryAfterMs !== undefined) this.retryAfterMs = init.retryAfterMs;
    this.transient = init.transient ?? TRANSIENT_BY_DEFAULT[init.kind];
  }
}

/** Whether an HTTP error status is worth retrying later. */
export function isTransientStatus(status: number): boolean {
  return status >= 500 || status === 408 || status === 425 || status === 429;
}

/** Retry-After as milliseconds from `now`: delta-seconds or an HTTP date; undefined if unusable. */
export function parseRetryAfter(value: string | undefined, now: number = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}
