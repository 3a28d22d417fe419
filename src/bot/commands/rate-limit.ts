// Per-user command rate limiting: a token bucket per (platform, user), in
// memory — the bot process that answers commands holds it.

export interface CommandLimiter {
  /** Takes one token for this key; when none is left, says how long to wait. */
  take(key: string, nowMs: number): { ok: true } | { ok: false; retryAfterMs: number; firstRefusal: boolean };
}

export function createCommandLimiter(opts: { burst?: number; perSecond?: number; maxKeys?: number } = {}): CommandLimiter {
  const burst = opts.burst ?? 8;
  const perSecond = opts.perSecond ?? 0.5;
  const maxKeys = opts.maxKeys ?? 10_000;
  const buckets = new Map<string, { tokens: number; at: number; warned: boolean }>();
  return {
    take(key, nowMs) {
      let b = buckets.get(key);
      if (!b) {
        if (buckets.size >= maxKeys) buckets.delete(buckets.keys().next().value!);
        b = { tokens: burst, at: nowMs, warned: false };
        buckets.set(key, b);
      }
      b.tokens = Math.min(burst, b.tokens + ((nowMs - b.at) / 1000) * perSecond);
      b.at = nowMs;
      if (b.tokens >= 1) {
        b.tokens -= 1;
        b.warned = false;
        return { ok: true };
      }
      const firstRefusal = !b.warned;
      b.warned = true;
      return { ok: false, retryAfterMs: Math.ceil(((1 - b.tokens) / perSecond) * 1000), firstRefusal };
    },
  };
}
