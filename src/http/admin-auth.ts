// The admin token check: `Authorization: Bearer <token>` or HTTP Basic with the
// token as password (any user name), so that a browser can open the dashboard.
// Compared in constant time: both sides are hashed to equal-length digests first.
import { createHash, timingSafeEqual } from 'node:crypto';

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/** The secret a request presents, from either scheme; undefined when there is none. */
export function presentedToken(authorization: string | undefined): string | undefined {
  if (!authorization) return undefined;
  const match = /^\s*(\S+)\s+(.+?)\s*$/.exec(authorization);
  if (!match) return undefined;
  const scheme = match[1]!.toLowerCase();
  const value = match[2]!;
  if (scheme === 'bearer') return value;
  if (scheme === 'basic') {
    let decoded: string;
    try {
      decoded = Buffer.from(value, 'base64').toString('utf8');
    } catch {
      return undefined;
    }
    const colon = decoded.indexOf(':');
    return colon >= 0 ? decoded.slice(colon + 1) : undefined;
  }
  return undefined;
}

/** True when the Authorization header carries the admin token. */
export function isAdmin(authorization: string | undefined, token: string): boolean {
  const given = presentedToken(authorization);
  // Hash even when nothing was given, so the time taken does not say which case it was.
  const ok = timingSafeEqual(digest(given ?? ''), digest(token));
  return ok && given !== undefined && token.length > 0;
}
