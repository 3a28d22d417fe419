import { createHash } from 'node:crypto';

/** Discord's per-route bucket headers, sent on every answer so discord.js tracks buckets as it does live. */
export function bucketHeaders(method: string, routeKey: string, remaining: number, resetAfterSec: number): Record<string, string> {
  const hash = createHash('sha1').update(`${method} ${routeKey}`).digest('hex').slice(0, 32);
  return {
    'x-ratelimit-bucket': hash,
    'x-ratelimit-limit': '5',
    'x-ratelimit-remaining': String(remaining),
    'x-ratelimit-reset': ((Date.now() + resetAfterSec * 1000) / 1000).toFixed(3),
    'x-ratelimit-reset-after': resetAfterSec.toFixed(3),
  };
}

/** A 429 answer as Discord gives it: body {message, retry_after, global}, Retry-After and X-RateLimit-* headers. */
export function tooManyRequests(
  method: string,
  routeKey: string,
  retryAfterSec: number,
  global: boolean,
): { headers: Record<string, string>; body: { message: string; retry_after: number; global: boolean; code?: number } } {
  const headers: Record<string, string> = {
    'retry-after': String(Math.ceil(retryAfterSec)),
    'x-ratelimit-scope': global ? 'global' : 'user',
  };
  if (global) headers['x-ratelimit-global'] = 'true';
  else Object.assign(headers, bucketHeaders(method, routeKey, 0, retryAfterSec));
  return {
    headers,
    body: { message: 'You are being rate limited.', retry_after: retryAfterSec, global, ...(global ? {} : { code: 0 }) },
  };
}
