// Discord REST failures → our errors by outcome. The deliver job retries a
// TransientError, stops on a PermanentError, and pauses the subscription on a
// TargetLostError (the bot was removed, the channel deleted, DMs closed).
import { DiscordAPIError, HTTPError, RateLimitError } from 'discord.js';
import { PermanentError, TargetLostError, TransientError, errorMessage } from '../../core/errors.js';

/** Discord JSON error codes that mean "this target is gone for the bot". */
export const TARGET_LOST_CODES: ReadonlyMap<number, string> = new Map([
  [10003, 'Unknown Channel'],
  [10013, 'Unknown User'],
  [50001, 'Missing Access'],
  [50007, 'Cannot send messages to this user'],
  [50013, 'Missing Permissions'],
]);

export const UNKNOWN_MESSAGE = 10008;
export const UNKNOWN_CHANNEL = 10003;
export const MISSING_PERMISSIONS = 50013;

export function discordErrorCode(err: unknown): number | undefined {
  return err instanceof DiscordAPIError && typeof err.code === 'number' ? err.code : undefined;
}

/** Maps an error thrown by @discordjs/rest for a request about `target` to a TransientError, TargetLostError or PermanentError. */
export function classifyDiscordError(err: unknown, target: string): Error {
  if (err instanceof TransientError || err instanceof PermanentError) return err;
  if (err instanceof RateLimitError) return new TransientError(`Discord rate limit on ${err.route}`, err.retryAfter, { cause: err });
  if (err instanceof DiscordAPIError) {
    const code = typeof err.code === 'number' ? err.code : undefined;
    const lost = code !== undefined ? TARGET_LOST_CODES.get(code) : undefined;
    if (lost && (err.status === 403 || err.status === 404 || code === 50007)) return new TargetLostError('discord', target, `${lost} (${code})`, { cause: err });
    if (err.status === 429 || err.status >= 500) return new TransientError(`Discord answered ${err.status} ${err.message}`, undefined, { cause: err });
    return new PermanentError(`Discord refused ${err.method.toUpperCase()} (${err.status}, code ${String(err.code)}): ${err.message}`, { cause: err });
  }
  if (err instanceof HTTPError) return new TransientError(`Discord answered ${err.status} ${err.message}`, undefined, { cause: err });
  // Connection reset, timeout (AbortError), DNS: the request may or may not have arrived; the nonce makes a retry safe.
  return new TransientError(`Discord request failed: ${errorMessage(err)}`, undefined, { cause: err });
}
